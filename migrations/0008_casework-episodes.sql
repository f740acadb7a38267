CREATE TABLE "casework_contacts" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"episode_id" uuid NOT NULL,
	"submission_key" text NOT NULL,
	"type" text NOT NULL,
	"contact_on" date NOT NULL,
	"duration_minutes" integer NOT NULL,
	"who_was_there" text DEFAULT '' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"risk_check" jsonb,
	"recorded_by_user_id" uuid,
	"recorded_by_name" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "casework_contacts_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "casework_contacts_duration_check" CHECK ("casework_contacts"."duration_minutes" between 0 and 1440)
);
--> statement-breakpoint
CREATE TABLE "casework_episodes" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"link_worker_user_id" uuid NOT NULL,
	"pathway" text NOT NULL,
	"complexity" integer,
	"complexity_reason" text DEFAULT '' NOT NULL,
	"contact_allowance" integer NOT NULL,
	"contacts_used" integer DEFAULT 0 NOT NULL,
	"opened_on" date NOT NULL,
	"first_contact_on" date,
	"last_contact_on" date,
	"next_contact_on" date,
	"next_review_on" date NOT NULL,
	"paused_on" date,
	"pause_reason" text,
	"pause_reason_text" text DEFAULT '' NOT NULL,
	"paused_days" integer DEFAULT 0 NOT NULL,
	"lone_working_risk" boolean DEFAULT false NOT NULL,
	"safeguarding_risk" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "casework_episodes_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "casework_episodes_complexity_check" CHECK ("casework_episodes"."complexity" is null or "casework_episodes"."complexity" between 1 and 3),
	CONSTRAINT "casework_episodes_allowance_check" CHECK ("casework_episodes"."contact_allowance" between 1 and 60)
);
--> statement-breakpoint
ALTER TABLE "casework_contacts" ADD CONSTRAINT "casework_contacts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casework_contacts" ADD CONSTRAINT "casework_contacts_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casework_contacts" ADD CONSTRAINT "casework_contacts_episode_fk" FOREIGN KEY ("organisation_id","episode_id") REFERENCES "public"."casework_episodes"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casework_episodes" ADD CONSTRAINT "casework_episodes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casework_episodes" ADD CONSTRAINT "casework_episodes_link_worker_user_id_users_id_fk" FOREIGN KEY ("link_worker_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "casework_contacts_submission_key" ON "casework_contacts" USING btree ("organisation_id","submission_key");--> statement-breakpoint
CREATE INDEX "casework_contacts_episode_idx" ON "casework_contacts" USING btree ("organisation_id","episode_id","contact_on");--> statement-breakpoint
CREATE UNIQUE INDEX "casework_episodes_referral_key" ON "casework_episodes" USING btree ("organisation_id","referral_id");--> statement-breakpoint
CREATE INDEX "casework_episodes_worker_idx" ON "casework_episodes" USING btree ("organisation_id","link_worker_user_id");
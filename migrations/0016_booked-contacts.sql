CREATE TABLE "casework_bookings" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"episode_id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"link_worker_user_id" uuid NOT NULL,
	"submission_key" text NOT NULL,
	"type" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"risk_check" jsonb,
	"status" text DEFAULT 'booked' NOT NULL,
	"booked_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "casework_bookings_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "casework_bookings_duration_check" CHECK ("casework_bookings"."duration_minutes" between 5 and 720),
	CONSTRAINT "casework_bookings_status_check" CHECK ("casework_bookings"."status" in ('booked', 'cancelled', 'done'))
);
--> statement-breakpoint
CREATE TABLE "casework_diary_feeds" (
	"organisation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_read_at" timestamp with time zone,
	CONSTRAINT "casework_diary_feeds_organisation_id_user_id_pk" PRIMARY KEY("organisation_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "casework_bookings" ADD CONSTRAINT "casework_bookings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casework_bookings" ADD CONSTRAINT "casework_bookings_link_worker_user_id_users_id_fk" FOREIGN KEY ("link_worker_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casework_bookings" ADD CONSTRAINT "casework_bookings_episode_fk" FOREIGN KEY ("organisation_id","episode_id") REFERENCES "public"."casework_episodes"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casework_diary_feeds" ADD CONSTRAINT "casework_diary_feeds_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casework_diary_feeds" ADD CONSTRAINT "casework_diary_feeds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "casework_bookings_submission_key" ON "casework_bookings" USING btree ("organisation_id","submission_key");--> statement-breakpoint
CREATE INDEX "casework_bookings_worker_time_idx" ON "casework_bookings" USING btree ("organisation_id","link_worker_user_id","starts_at");--> statement-breakpoint
CREATE INDEX "casework_bookings_episode_idx" ON "casework_bookings" USING btree ("organisation_id","episode_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "casework_diary_feeds_token_key" ON "casework_diary_feeds" USING btree ("token_hash");
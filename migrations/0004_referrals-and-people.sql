CREATE TABLE "concept_codes" (
	"system" text NOT NULL,
	"code" text NOT NULL,
	"display" text NOT NULL,
	"purpose" text NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	CONSTRAINT "concept_codes_system_code_purpose_pk" PRIMARY KEY("system","code","purpose")
);
--> statement-breakpoint
CREATE TABLE "referral_drafts" (
	"organisation_id" uuid NOT NULL,
	"token" text NOT NULL,
	"user_id" uuid NOT NULL,
	"data" jsonb NOT NULL,
	"submitted_referral_id" uuid,
	"submitted_organisation_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referral_drafts_organisation_id_token_pk" PRIMARY KEY("organisation_id","token")
);
--> statement-breakpoint
CREATE TABLE "referral_events" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"actor_user_id" uuid,
	"actor_name" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"business_status" text NOT NULL,
	"reason_code" text,
	"reason_text" text,
	"visible_to_referrer" boolean DEFAULT true NOT NULL,
	CONSTRAINT "referral_events_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"submission_key" text NOT NULL,
	"person_id" uuid NOT NULL,
	"source" text NOT NULL,
	"intensity" text NOT NULL,
	"referrer_user_id" uuid,
	"referrer_organisation_id" uuid,
	"referrer_name" text NOT NULL,
	"referrer_profession" text,
	"referrer_email" text,
	"referrer_phone" text,
	"needs" text[] NOT NULL,
	"reason_text" text DEFAULT '' NOT NULL,
	"what_matters" text DEFAULT '' NOT NULL,
	"lone_working_risk" boolean DEFAULT false NOT NULL,
	"lone_working_details" text DEFAULT '' NOT NULL,
	"safeguarding_raised_elsewhere" boolean DEFAULT false NOT NULL,
	"safeguarding_details" text DEFAULT '' NOT NULL,
	"urgency" text NOT NULL,
	"status" text NOT NULL,
	"business_status" text NOT NULL,
	"status_reason" text,
	"decline_reason" text,
	"redirected_to_organisation_id" uuid,
	"owner_user_id" uuid,
	"duplicate_suspected" boolean DEFAULT false NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"contact_target_date" date NOT NULL,
	"first_contact_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closure" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referrals_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "referrals_status_check" CHECK ("referrals"."status" in ('draft','requested','accepted','rejected','cancelled','in-progress','on-hold','failed','completed','entered-in-error')),
	CONSTRAINT "referrals_reason_check" CHECK ("referrals"."status" not in ('rejected','cancelled','on-hold','failed') or coalesce("referrals"."status_reason", '') <> ''),
	CONSTRAINT "referrals_source_check" CHECK ("referrals"."source" in ('web-form','self-referral','api'))
);
--> statement-breakpoint
ALTER TABLE "referral_drafts" ADD CONSTRAINT "referral_drafts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_drafts" ADD CONSTRAINT "referral_drafts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_organisation_id_referral_id_referrals_organisation_id_id_fk" FOREIGN KEY ("organisation_id","referral_id") REFERENCES "public"."referrals"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_referrer_user_id_users_id_fk" FOREIGN KEY ("referrer_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_referrer_organisation_id_organisations_id_fk" FOREIGN KEY ("referrer_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_redirected_to_organisation_id_organisations_id_fk" FOREIGN KEY ("redirected_to_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_organisation_id_person_id_people_organisation_id_id_fk" FOREIGN KEY ("organisation_id","person_id") REFERENCES "public"."people"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "concept_codes_purpose_idx" ON "concept_codes" USING btree ("purpose");--> statement-breakpoint
CREATE INDEX "referral_drafts_user_idx" ON "referral_drafts" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "referral_events_referral_idx" ON "referral_events" USING btree ("organisation_id","referral_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_reference_key" ON "referrals" USING btree ("organisation_id","reference");--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_submission_key" ON "referrals" USING btree ("organisation_id","submission_key");--> statement-breakpoint
CREATE INDEX "referrals_inbox_idx" ON "referrals" USING btree ("organisation_id","status","received_at");--> statement-breakpoint
CREATE INDEX "referrals_target_idx" ON "referrals" USING btree ("organisation_id","contact_target_date") WHERE "referrals"."first_contact_at" is null and "referrals"."status" in ('requested','accepted','in-progress','on-hold');--> statement-breakpoint
CREATE INDEX "referrals_owner_idx" ON "referrals" USING btree ("organisation_id","owner_user_id","status");--> statement-breakpoint
CREATE INDEX "referrals_person_idx" ON "referrals" USING btree ("organisation_id","person_id");--> statement-breakpoint
CREATE INDEX "referrals_updated_idx" ON "referrals" USING btree ("organisation_id","updated_at");--> statement-breakpoint
CREATE INDEX "referrals_referrer_idx" ON "referrals" USING btree ("referrer_organisation_id","received_at");--> statement-breakpoint
CREATE INDEX "referrals_reference_idx" ON "referrals" USING btree ("reference");
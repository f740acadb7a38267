CREATE TABLE "outcome_content_packs" (
	"organisation_id" uuid NOT NULL,
	"instrument_key" text NOT NULL,
	"instrument_version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"imported_by_name" text NOT NULL,
	"imported_at" timestamp with time zone NOT NULL,
	CONSTRAINT "outcome_content_packs_organisation_id_instrument_key_instrument_version_pk" PRIMARY KEY("organisation_id","instrument_key","instrument_version")
);
--> statement-breakpoint
CREATE TABLE "outcome_invitations" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"episode_id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"timepoint" text NOT NULL,
	"instrument_keys" text[] NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"draft" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"finished" text[] DEFAULT '{}'::text[] NOT NULL,
	"sent_via" text NOT NULL,
	"created_by_user_id" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"row_version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "outcome_invitations_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "outcome_invitations_timepoint_check" CHECK ("outcome_invitations"."timepoint" in ('baseline','follow-up','close')),
	CONSTRAINT "outcome_invitations_sent_via_check" CHECK ("outcome_invitations"."sent_via" in ('email','text','printed'))
);
--> statement-breakpoint
CREATE TABLE "outcome_measures" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"episode_id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"instrument_key" text NOT NULL,
	"instrument_version" integer NOT NULL,
	"timepoint" text NOT NULL,
	"completed_on" date NOT NULL,
	"collected_by" text NOT NULL,
	"answers" jsonb NOT NULL,
	"scores" jsonb NOT NULL,
	"submission_key" text NOT NULL,
	"recorded_by_user_id" uuid,
	"recorded_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "outcome_measures_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "outcome_measures_timepoint_check" CHECK ("outcome_measures"."timepoint" in ('baseline','follow-up','close')),
	CONSTRAINT "outcome_measures_collected_by_check" CHECK ("outcome_measures"."collected_by" in ('link-worker','person')),
	CONSTRAINT "outcome_measures_answers_check" CHECK (jsonb_typeof("outcome_measures"."answers") = 'object' and "outcome_measures"."answers" <> '{}')
);
--> statement-breakpoint
CREATE TABLE "outcome_service_use" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"episode_id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"period" text NOT NULL,
	"months" integer NOT NULL,
	"gp_appointments" integer,
	"ae_attendances" integer,
	"emergency_calls" integer,
	"admissions" integer,
	"source" text NOT NULL,
	"recorded_by_name" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "outcome_service_use_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "outcome_service_use_period_check" CHECK ("outcome_service_use"."period" in ('before','after')),
	CONSTRAINT "outcome_service_use_source_check" CHECK ("outcome_service_use"."source" in ('entered','imported')),
	CONSTRAINT "outcome_service_use_months_check" CHECK ("outcome_service_use"."months" between 1 and 24),
	CONSTRAINT "outcome_service_use_counts_check" CHECK (coalesce("outcome_service_use"."gp_appointments",0) >= 0 and coalesce("outcome_service_use"."ae_attendances",0) >= 0 and coalesce("outcome_service_use"."emergency_calls",0) >= 0 and coalesce("outcome_service_use"."admissions",0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "outcome_settings" (
	"organisation_id" uuid NOT NULL,
	"baseline_instruments" text[] NOT NULL,
	"follow_up_instruments" text[] NOT NULL,
	"follow_up_weeks" integer NOT NULL,
	"updated_by_name" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "outcome_settings_organisation_id_pk" PRIMARY KEY("organisation_id")
);
--> statement-breakpoint
ALTER TABLE "outcome_content_packs" ADD CONSTRAINT "outcome_content_packs_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_invitations" ADD CONSTRAINT "outcome_invitations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_invitations" ADD CONSTRAINT "outcome_invitations_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_measures" ADD CONSTRAINT "outcome_measures_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_measures" ADD CONSTRAINT "outcome_measures_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_service_use" ADD CONSTRAINT "outcome_service_use_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_settings" ADD CONSTRAINT "outcome_settings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "outcome_invitations_token_key" ON "outcome_invitations" USING btree ("organisation_id","token_hash");--> statement-breakpoint
CREATE INDEX "outcome_invitations_episode_idx" ON "outcome_invitations" USING btree ("organisation_id","episode_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "outcome_measures_submission_key" ON "outcome_measures" USING btree ("organisation_id","episode_id","submission_key");--> statement-breakpoint
CREATE INDEX "outcome_measures_episode_idx" ON "outcome_measures" USING btree ("organisation_id","episode_id","completed_on");--> statement-breakpoint
CREATE INDEX "outcome_measures_person_idx" ON "outcome_measures" USING btree ("organisation_id","person_id","completed_on");--> statement-breakpoint
CREATE UNIQUE INDEX "outcome_service_use_period_key" ON "outcome_service_use" USING btree ("organisation_id","episode_id","period");
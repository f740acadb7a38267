CREATE TABLE "referral_settings" (
	"organisation_id" uuid NOT NULL,
	"country" text NOT NULL,
	"routine_target_working_days" integer NOT NULL,
	"urgent_target_working_days" integer NOT NULL,
	"updated_by_name" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "referral_settings_organisation_id_pk" PRIMARY KEY("organisation_id"),
	CONSTRAINT "referral_settings_country_check" CHECK ("referral_settings"."country" in ('england-and-wales','scotland','northern-ireland')),
	CONSTRAINT "referral_settings_targets_check" CHECK ("referral_settings"."urgent_target_working_days" between 1 and 30 and "referral_settings"."routine_target_working_days" between 1 and 60)
);
--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "contact_through" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "contact_through_details" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "identity_to_confirm" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "identity_match_person_id" uuid;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "identity_resolution" text;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "identity_resolved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "identity_resolved_by_name" text;--> statement-breakpoint
ALTER TABLE "referral_settings" ADD CONSTRAINT "referral_settings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "referrals_identity_idx" ON "referrals" USING btree ("organisation_id","received_at") WHERE "referrals"."identity_to_confirm";
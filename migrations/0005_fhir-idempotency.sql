CREATE TABLE "fhir_idempotency_keys" (
	"organisation_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"referral_id" uuid NOT NULL,
	"receiving_organisation_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fhir_idempotency_keys_organisation_id_key_pk" PRIMARY KEY("organisation_id","key")
);
--> statement-breakpoint
DROP INDEX "referrals_target_idx";--> statement-breakpoint
ALTER TABLE "fhir_idempotency_keys" ADD CONSTRAINT "fhir_idempotency_keys_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fhir_idempotency_keys" ADD CONSTRAINT "fhir_idempotency_keys_receiving_organisation_id_organisations_id_fk" FOREIGN KEY ("receiving_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "referrals_target_idx" ON "referrals" USING btree ("organisation_id","contact_target_date") WHERE "referrals"."first_contact_at" is null;
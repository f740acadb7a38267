CREATE TABLE "self_referral_drafts" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"submitted_reference" text,
	"submitted_service_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "person_updates" text;--> statement-breakpoint
ALTER TABLE "referrer_notifications" ADD COLUMN "channel" text DEFAULT 'referrer-email' NOT NULL;--> statement-breakpoint
ALTER TABLE "self_referral_drafts" ADD CONSTRAINT "self_referral_drafts_submitted_service_id_organisations_id_fk" FOREIGN KEY ("submitted_service_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "self_referral_drafts_updated_idx" ON "self_referral_drafts" USING btree ("updated_at");
CREATE TABLE "referrer_notifications" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"recipient_email" text NOT NULL,
	"recipient_user_id" uuid,
	"milestone" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "referrer_notifications_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "referrer_preferences" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"updates" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "referrer_notifications" ADD CONSTRAINT "referrer_notifications_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrer_notifications" ADD CONSTRAINT "referrer_notifications_recipient_user_id_users_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrer_notifications" ADD CONSTRAINT "referrer_notifications_organisation_id_referral_id_referrals_organisation_id_id_fk" FOREIGN KEY ("organisation_id","referral_id") REFERENCES "public"."referrals"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrer_preferences" ADD CONSTRAINT "referrer_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "referrer_notifications_pending_key" ON "referrer_notifications" USING btree ("organisation_id","referral_id","recipient_email") WHERE "referrer_notifications"."sent_at" is null;--> statement-breakpoint
CREATE INDEX "referrer_notifications_due_idx" ON "referrer_notifications" USING btree ("due_at") WHERE "referrer_notifications"."sent_at" is null;
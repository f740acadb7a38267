CREATE TABLE "unmet_needs" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"episode_id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"need" text NOT NULL,
	"reason" text NOT NULL,
	"directory_service_id" uuid,
	"service_name" text,
	"details" text DEFAULT '' NOT NULL,
	"postcode_district" text NOT NULL,
	"submission_key" text NOT NULL,
	"recorded_on" date NOT NULL,
	"recorded_by_user_id" uuid,
	"recorded_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "unmet_needs_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "unmet_needs_reason_check" CHECK ("unmet_needs"."reason" in ('none-exists','too-far','wrong-time','cost','access','waiting-list','full','other'))
);
--> statement-breakpoint
ALTER TABLE "unmet_needs" ADD CONSTRAINT "unmet_needs_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unmet_needs" ADD CONSTRAINT "unmet_needs_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "unmet_needs_submission_key" ON "unmet_needs" USING btree ("organisation_id","episode_id","submission_key");--> statement-breakpoint
CREATE INDEX "unmet_needs_episode_idx" ON "unmet_needs" USING btree ("organisation_id","episode_id");--> statement-breakpoint
CREATE INDEX "unmet_needs_recorded_idx" ON "unmet_needs" USING btree ("organisation_id","recorded_on");
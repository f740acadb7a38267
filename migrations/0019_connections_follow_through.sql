ALTER TABLE "connection_attendances" DROP CONSTRAINT "connection_attendances_through_check";--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "nudged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "check_in_code" text;--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "still_attending" text;--> statement-breakpoint
ALTER TABLE "directory_organizations" ADD COLUMN "provider_organisation_id" uuid;--> statement-breakpoint
ALTER TABLE "directory_services" ADD COLUMN "monthly_places" smallint;--> statement-breakpoint
ALTER TABLE "directory_organizations" ADD CONSTRAINT "directory_organizations_provider_organisation_id_organisations_id_fk" FOREIGN KEY ("provider_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "connections_provider_idx" ON "connections" USING btree ("directory_service_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "connections_check_in_code_key" ON "connections" USING btree ("organisation_id","directory_service_id","check_in_code");--> statement-breakpoint
CREATE INDEX "connections_unanswered_idx" ON "connections" USING btree ("created_at") WHERE "connections"."status" = 'sent' and "connections"."nudged_at" is null;--> statement-breakpoint
CREATE INDEX "directory_organizations_provider_idx" ON "directory_organizations" USING btree ("area_id","provider_organisation_id") WHERE "directory_organizations"."provider_organisation_id" is not null;--> statement-breakpoint
ALTER TABLE "connection_attendances" ADD CONSTRAINT "connection_attendances_through_check" CHECK ("connection_attendances"."recorded_through" in ('register','link-worker','check-in'));--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_still_attending_check" CHECK ("connections"."still_attending" in ('yes','no','unknown'));--> statement-breakpoint
ALTER TABLE "directory_services" ADD CONSTRAINT "directory_services_monthly_places_check" CHECK ("directory_services"."monthly_places" between 1 and 1000);
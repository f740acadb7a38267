CREATE TABLE "connection_attendances" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"connection_id" uuid NOT NULL,
	"attended_on" date NOT NULL,
	"recorded_through" text NOT NULL,
	"recorded_by_name" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "connection_attendances_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "connection_attendances_through_check" CHECK ("connection_attendances"."recorded_through" in ('register','link-worker'))
);
--> statement-breakpoint
CREATE TABLE "connections" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"episode_id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"directory_service_id" uuid NOT NULL,
	"service_name" text NOT NULL,
	"goal_key" uuid,
	"goal_text" text DEFAULT '' NOT NULL,
	"sharing" text NOT NULL,
	"accompanied_by" text NOT NULL,
	"first_session_note" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"status_reason" text,
	"status_note" text DEFAULT '' NOT NULL,
	"status_changed_at" timestamp with time zone NOT NULL,
	"submission_key" text NOT NULL,
	"shared" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"provider_email" text,
	"response_token_hash" text,
	"response_expires_at" timestamp with time zone,
	"responded_at" timestamp with time zone,
	"created_by_user_id" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"row_version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "connections_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "connections_sharing_check" CHECK ("connections"."sharing" in ('self-contact','contact','full')),
	CONSTRAINT "connections_accompanied_check" CHECK ("connections"."accompanied_by" in ('nobody','link-worker','volunteer','peer')),
	CONSTRAINT "connections_status_check" CHECK ("connections"."status" in ('proposed','sent','accepted','waiting-list','declined','started','attended','stopped'))
);
--> statement-breakpoint
CREATE TABLE "connection_registers" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"directory_service_id" uuid NOT NULL,
	"service_name" text NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "connection_registers_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
ALTER TABLE "connection_attendances" ADD CONSTRAINT "connection_attendances_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connection_attendances" ADD CONSTRAINT "connection_attendances_connection_fk" FOREIGN KEY ("organisation_id","connection_id") REFERENCES "public"."connections"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connection_registers" ADD CONSTRAINT "connection_registers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connection_registers" ADD CONSTRAINT "connection_registers_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "connection_attendances_day_key" ON "connection_attendances" USING btree ("organisation_id","connection_id","attended_on");--> statement-breakpoint
CREATE UNIQUE INDEX "connections_submission_key" ON "connections" USING btree ("organisation_id","episode_id","submission_key");--> statement-breakpoint
CREATE UNIQUE INDEX "connections_response_token_key" ON "connections" USING btree ("organisation_id","response_token_hash");--> statement-breakpoint
CREATE INDEX "connections_episode_idx" ON "connections" USING btree ("organisation_id","episode_id","created_at");--> statement-breakpoint
CREATE INDEX "connections_service_idx" ON "connections" USING btree ("organisation_id","directory_service_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "connection_registers_service_key" ON "connection_registers" USING btree ("organisation_id","directory_service_id");--> statement-breakpoint
CREATE UNIQUE INDEX "connection_registers_token_key" ON "connection_registers" USING btree ("organisation_id","token_hash");
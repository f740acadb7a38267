CREATE TABLE "api_clients" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"key_prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"submission_key" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	CONSTRAINT "api_clients_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"referral_id" uuid,
	"scope" text NOT NULL,
	"given" boolean NOT NULL,
	"method" text NOT NULL,
	"recorded_by_user_id" uuid,
	"recorded_by_name" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "consents_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "consents_scope_check" CHECK ("consents"."scope" in ('referral','share-with-service','share-with-providers'))
);
--> statement-breakpoint
CREATE TABLE "people" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"date_of_birth" date NOT NULL,
	"nhs_number" text,
	"address_line1" text DEFAULT '' NOT NULL,
	"address_line2" text DEFAULT '' NOT NULL,
	"town" text DEFAULT '' NOT NULL,
	"postcode" text NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"preferred_contact_method" text,
	"preferred_contact_times" text DEFAULT '' NOT NULL,
	"contact_methods_to_avoid" text[] DEFAULT '{}'::text[] NOT NULL,
	"language" text DEFAULT '' NOT NULL,
	"interpreter_needed" boolean DEFAULT false NOT NULL,
	"access_needs" text DEFAULT '' NOT NULL,
	"others_to_involve" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "people_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "people_nhs_number_check" CHECK ("people"."nhs_number" is null or "people"."nhs_number" ~ '^[0-9]{10}$')
);
--> statement-breakpoint
ALTER TABLE "api_clients" ADD CONSTRAINT "api_clients_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_clients" ADD CONSTRAINT "api_clients_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_clients" ADD CONSTRAINT "api_clients_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_organisation_id_person_id_people_organisation_id_id_fk" FOREIGN KEY ("organisation_id","person_id") REFERENCES "public"."people"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_clients_key_hash_key" ON "api_clients" USING btree ("key_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "api_clients_submission_key" ON "api_clients" USING btree ("organisation_id","submission_key");--> statement-breakpoint
CREATE INDEX "api_clients_organisation_created_idx" ON "api_clients" USING btree ("organisation_id","created_at");--> statement-breakpoint
CREATE INDEX "consents_person_idx" ON "consents" USING btree ("organisation_id","person_id","recorded_at");--> statement-breakpoint
CREATE INDEX "people_nhs_number_idx" ON "people" USING btree ("organisation_id","nhs_number") WHERE "people"."nhs_number" is not null;--> statement-breakpoint
CREATE INDEX "people_name_dob_idx" ON "people" USING btree ("organisation_id",lower("family_name"),"date_of_birth");
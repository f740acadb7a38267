CREATE TABLE "directory_accessibility" (
	"area_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"location_id" uuid NOT NULL,
	"description" text,
	"details" text,
	"url" text,
	CONSTRAINT "directory_accessibility_area_id_id_pk" PRIMARY KEY("area_id","id")
);
--> statement-breakpoint
CREATE TABLE "directory_addresses" (
	"area_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"location_id" uuid NOT NULL,
	"attention" text,
	"address1" text NOT NULL,
	"address2" text,
	"city" text NOT NULL,
	"region" text,
	"state_province" text DEFAULT '' NOT NULL,
	"postal_code" text NOT NULL,
	"country" text DEFAULT 'GB' NOT NULL,
	"address_type" text DEFAULT 'physical' NOT NULL,
	CONSTRAINT "directory_addresses_area_id_id_pk" PRIMARY KEY("area_id","id")
);
--> statement-breakpoint
CREATE TABLE "directory_attributes" (
	"area_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"link_id" uuid NOT NULL,
	"taxonomy_term_id" uuid NOT NULL,
	"link_type" text,
	"link_entity" text DEFAULT 'service' NOT NULL,
	"value" text,
	"label" text,
	CONSTRAINT "directory_attributes_area_id_id_pk" PRIMARY KEY("area_id","id")
);
--> statement-breakpoint
CREATE TABLE "directory_contacts" (
	"area_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid,
	"service_id" uuid,
	"service_at_location_id" uuid,
	"location_id" uuid,
	"name" text,
	"title" text,
	"department" text,
	"email" text,
	"is_listing_contact" boolean DEFAULT false NOT NULL,
	"public" boolean DEFAULT true NOT NULL,
	CONSTRAINT "directory_contacts_area_id_id_pk" PRIMARY KEY("area_id","id")
);
--> statement-breakpoint
CREATE TABLE "directory_cost_options" (
	"area_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"valid_from" date,
	"valid_to" date,
	"option" text,
	"currency" text DEFAULT 'GBP',
	"amount" numeric(10, 2),
	"amount_description" text,
	CONSTRAINT "directory_cost_options_area_id_id_pk" PRIMARY KEY("area_id","id")
);
--> statement-breakpoint
CREATE TABLE "directory_feedback" (
	"area_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"source" text NOT NULL,
	"user_id" uuid,
	"welcoming" boolean,
	"would_recommend" boolean,
	"comment" text,
	"idempotency_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "directory_feedback_area_id_id_pk" PRIMARY KEY("area_id","id"),
	CONSTRAINT "directory_feedback_source_check" CHECK ("directory_feedback"."source" in ('link-worker','person'))
);
--> statement-breakpoint
CREATE TABLE "directory_funding" (
	"area_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid,
	"service_id" uuid,
	"source" text,
	CONSTRAINT "directory_funding_area_id_id_pk" PRIMARY KEY("area_id","id")
);
--> statement-breakpoint
CREATE TABLE "directory_languages" (
	"area_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid,
	"location_id" uuid,
	"phone_id" uuid,
	"name" text,
	"code" text,
	"note" text,
	CONSTRAINT "directory_languages_area_id_id_pk" PRIMARY KEY("area_id","id")
);
--> statement-breakpoint
CREATE TABLE "directory_locations" (
	"area_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid,
	"location_type" text DEFAULT 'physical' NOT NULL,
	"url" text,
	"name" text,
	"alternate_name" text,
	"description" text,
	"transportation" text,
	"latitude" double precision,
	"longitude" double precision,
	"external_identifier" text,
	"external_identifier_type" text,
	"public" boolean DEFAULT true NOT NULL,
	"source_feed" text,
	"source_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "directory_locations_area_id_id_pk" PRIMARY KEY("area_id","id"),
	CONSTRAINT "directory_locations_type_check" CHECK ("directory_locations"."location_type" in ('physical','postal','virtual'))
);
--> statement-breakpoint
CREATE TABLE "directory_organization_identifiers" (
	"area_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"identifier_scheme" text,
	"identifier_type" text NOT NULL,
	"identifier" text NOT NULL,
	CONSTRAINT "directory_organization_identifiers_area_id_id_pk" PRIMARY KEY("area_id","id")
);
--> statement-breakpoint
CREATE TABLE "directory_organizations" (
	"area_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"alternate_name" text,
	"description" text DEFAULT '' NOT NULL,
	"email" text,
	"website" text,
	"logo" text,
	"uri" text,
	"parent_organization_id" uuid,
	"accredited_provider" boolean DEFAULT false NOT NULL,
	"public" boolean DEFAULT true NOT NULL,
	"source_feed" text,
	"source_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "directory_organizations_area_id_id_pk" PRIMARY KEY("area_id","id")
);
--> statement-breakpoint
CREATE TABLE "directory_phones" (
	"area_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"location_id" uuid,
	"service_id" uuid,
	"organization_id" uuid,
	"contact_id" uuid,
	"service_at_location_id" uuid,
	"number" text NOT NULL,
	"extension" text,
	"type" text,
	"description" text,
	CONSTRAINT "directory_phones_area_id_id_pk" PRIMARY KEY("area_id","id")
);
--> statement-breakpoint
CREATE TABLE "directory_provider_links" (
	"area_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"sent_to" text NOT NULL,
	"reason" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "directory_provider_links_area_id_id_pk" PRIMARY KEY("area_id","id")
);
--> statement-breakpoint
CREATE TABLE "directory_schedules" (
	"area_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid,
	"location_id" uuid,
	"service_at_location_id" uuid,
	"valid_from" date,
	"valid_to" date,
	"dtstart" date,
	"timezone" integer,
	"until" date,
	"count" integer,
	"wkst" text,
	"freq" text,
	"interval" integer,
	"byday" text,
	"byweekno" text,
	"bymonthday" text,
	"byyearday" text,
	"description" text,
	"opens_at" time,
	"closes_at" time,
	"schedule_link" text,
	"attending_type" text,
	"notes" text,
	CONSTRAINT "directory_schedules_area_id_id_pk" PRIMARY KEY("area_id","id"),
	CONSTRAINT "directory_schedules_freq_check" CHECK ("directory_schedules"."freq" is null or "directory_schedules"."freq" in ('WEEKLY','MONTHLY'))
);
--> statement-breakpoint
CREATE TABLE "directory_service_areas" (
	"area_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid,
	"service_at_location_id" uuid,
	"name" text,
	"description" text,
	"extent" text,
	"extent_type" text,
	"uri" text,
	CONSTRAINT "directory_service_areas_area_id_id_pk" PRIMARY KEY("area_id","id")
);
--> statement-breakpoint
CREATE TABLE "directory_service_at_locations" (
	"area_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"description" text,
	"source_feed" text,
	"source_id" text,
	CONSTRAINT "directory_service_at_locations_area_id_id_pk" PRIMARY KEY("area_id","id")
);
--> statement-breakpoint
CREATE TABLE "directory_service_versions" (
	"area_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"state" text NOT NULL,
	"base_version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"source" text NOT NULL,
	"submitted_by_user_id" uuid,
	"submitted_by_email" text,
	"decided_by_user_id" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "directory_service_versions_area_id_id_pk" PRIMARY KEY("area_id","id"),
	CONSTRAINT "directory_service_versions_state_check" CHECK ("directory_service_versions"."state" in ('approved','pending','rejected'))
);
--> statement-breakpoint
CREATE TABLE "directory_services" (
	"area_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"alternate_name" text,
	"description" text DEFAULT '' NOT NULL,
	"url" text,
	"email" text,
	"status" text DEFAULT 'active' NOT NULL,
	"interpretation_services" text,
	"application_process" text,
	"fees_description" text,
	"eligibility_description" text,
	"accreditations" text,
	"minimum_age" smallint,
	"maximum_age" smallint,
	"assured_date" date,
	"assurer_email" text,
	"assurer_name" text,
	"alert" text,
	"last_modified" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"welcome" text DEFAULT 'open' NOT NULL,
	"suitable_for_complex_needs" boolean DEFAULT false NOT NULL,
	"capacity" text DEFAULT 'capacity' NOT NULL,
	"how_to_join" text DEFAULT 'signpost' NOT NULL,
	"public" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"source_feed" text,
	"source_id" text,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, coalesce(name, '')), 'A') || setweight(to_tsvector('english'::regconfig, coalesce(alternate_name, '')), 'B') || setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'C')) STORED NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "directory_services_area_id_id_pk" PRIMARY KEY("area_id","id"),
	CONSTRAINT "directory_services_status_check" CHECK ("directory_services"."status" in ('active','inactive','defunct','temporarily closed')),
	CONSTRAINT "directory_services_welcome_check" CHECK ("directory_services"."welcome" in ('open','invitation-only')),
	CONSTRAINT "directory_services_capacity_check" CHECK ("directory_services"."capacity" in ('capacity','waitlist','no-capacity')),
	CONSTRAINT "directory_services_how_to_join_check" CHECK ("directory_services"."how_to_join" in ('signpost','direct-referral','accompany-first-visit'))
);
--> statement-breakpoint
CREATE TABLE "directory_signpostings" (
	"area_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"person_label" text,
	"needs" text[] NOT NULL,
	"service_ids" uuid[] NOT NULL,
	"note" text,
	"emailed_at" timestamp with time zone,
	"idempotency_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "directory_signpostings_area_id_id_pk" PRIMARY KEY("area_id","id")
);
--> statement-breakpoint
CREATE TABLE "directory_taxonomies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"uri" text NOT NULL,
	"version" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directory_taxonomy_terms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"taxonomy_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"parent_id" uuid,
	"taxonomy" text,
	"language" text,
	"term_uri" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "postcodes" (
	"postcode" text PRIMARY KEY NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"imd_rank" integer,
	"imd_decile" smallint,
	"local_authority_code" text,
	"country_code" text,
	"terminated_on" date
);
--> statement-breakpoint
ALTER TABLE "directory_feedback" ADD CONSTRAINT "directory_feedback_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_locations" ADD CONSTRAINT "directory_locations_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_organizations" ADD CONSTRAINT "directory_organizations_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_service_versions" ADD CONSTRAINT "directory_service_versions_submitted_by_user_id_users_id_fk" FOREIGN KEY ("submitted_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_service_versions" ADD CONSTRAINT "directory_service_versions_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_services" ADD CONSTRAINT "directory_services_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_signpostings" ADD CONSTRAINT "directory_signpostings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_taxonomy_terms" ADD CONSTRAINT "directory_taxonomy_terms_taxonomy_id_directory_taxonomies_id_fk" FOREIGN KEY ("taxonomy_id") REFERENCES "public"."directory_taxonomies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "directory_accessibility_location_idx" ON "directory_accessibility" USING btree ("area_id","location_id");--> statement-breakpoint
CREATE INDEX "directory_addresses_location_idx" ON "directory_addresses" USING btree ("area_id","location_id");--> statement-breakpoint
CREATE INDEX "directory_addresses_postcode_idx" ON "directory_addresses" USING btree ("area_id","postal_code");--> statement-breakpoint
CREATE UNIQUE INDEX "directory_attributes_link_term_key" ON "directory_attributes" USING btree ("area_id","link_id","taxonomy_term_id");--> statement-breakpoint
CREATE INDEX "directory_attributes_term_idx" ON "directory_attributes" USING btree ("area_id","taxonomy_term_id","link_id");--> statement-breakpoint
CREATE INDEX "directory_contacts_service_idx" ON "directory_contacts" USING btree ("area_id","service_id");--> statement-breakpoint
CREATE INDEX "directory_contacts_organization_idx" ON "directory_contacts" USING btree ("area_id","organization_id");--> statement-breakpoint
CREATE INDEX "directory_cost_options_service_idx" ON "directory_cost_options" USING btree ("area_id","service_id");--> statement-breakpoint
CREATE UNIQUE INDEX "directory_feedback_idempotency_key" ON "directory_feedback" USING btree ("area_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "directory_feedback_service_idx" ON "directory_feedback" USING btree ("area_id","service_id","created_at");--> statement-breakpoint
CREATE INDEX "directory_funding_service_idx" ON "directory_funding" USING btree ("area_id","service_id");--> statement-breakpoint
CREATE INDEX "directory_languages_service_idx" ON "directory_languages" USING btree ("area_id","service_id");--> statement-breakpoint
CREATE UNIQUE INDEX "directory_locations_source_key" ON "directory_locations" USING btree ("area_id","source_feed","source_id") WHERE "directory_locations"."source_id" is not null;--> statement-breakpoint
CREATE INDEX "directory_locations_earth_idx" ON "directory_locations" USING gist (ll_to_earth("latitude", "longitude")) WHERE "directory_locations"."latitude" is not null and "directory_locations"."longitude" is not null;--> statement-breakpoint
CREATE INDEX "directory_organization_identifiers_org_idx" ON "directory_organization_identifiers" USING btree ("area_id","organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "directory_organizations_source_key" ON "directory_organizations" USING btree ("area_id","source_feed","source_id") WHERE "directory_organizations"."source_id" is not null;--> statement-breakpoint
CREATE INDEX "directory_organizations_name_idx" ON "directory_organizations" USING btree ("area_id",lower("name"));--> statement-breakpoint
CREATE INDEX "directory_phones_service_idx" ON "directory_phones" USING btree ("area_id","service_id");--> statement-breakpoint
CREATE INDEX "directory_phones_contact_idx" ON "directory_phones" USING btree ("area_id","contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "directory_provider_links_token_key" ON "directory_provider_links" USING btree ("area_id","token_hash");--> statement-breakpoint
CREATE INDEX "directory_provider_links_token_idx" ON "directory_provider_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "directory_provider_links_service_idx" ON "directory_provider_links" USING btree ("area_id","service_id","created_at");--> statement-breakpoint
CREATE INDEX "directory_schedules_service_idx" ON "directory_schedules" USING btree ("area_id","service_id");--> statement-breakpoint
CREATE INDEX "directory_schedules_sal_idx" ON "directory_schedules" USING btree ("area_id","service_at_location_id");--> statement-breakpoint
CREATE INDEX "directory_service_areas_service_idx" ON "directory_service_areas" USING btree ("area_id","service_id");--> statement-breakpoint
CREATE UNIQUE INDEX "directory_service_at_locations_pair_key" ON "directory_service_at_locations" USING btree ("area_id","service_id","location_id");--> statement-breakpoint
CREATE INDEX "directory_service_at_locations_location_idx" ON "directory_service_at_locations" USING btree ("area_id","location_id");--> statement-breakpoint
CREATE INDEX "directory_service_versions_service_idx" ON "directory_service_versions" USING btree ("area_id","service_id","created_at");--> statement-breakpoint
CREATE INDEX "directory_service_versions_pending_idx" ON "directory_service_versions" USING btree ("area_id","created_at") WHERE "directory_service_versions"."state" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "directory_services_source_key" ON "directory_services" USING btree ("area_id","source_feed","source_id") WHERE "directory_services"."source_id" is not null;--> statement-breakpoint
CREATE INDEX "directory_services_org_idx" ON "directory_services" USING btree ("area_id","organization_id");--> statement-breakpoint
CREATE INDEX "directory_services_search_idx" ON "directory_services" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "directory_services_name_trgm_idx" ON "directory_services" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "directory_services_assured_idx" ON "directory_services" USING btree ("area_id","assured_date");--> statement-breakpoint
CREATE INDEX "directory_services_modified_idx" ON "directory_services" USING btree ("area_id","last_modified");--> statement-breakpoint
CREATE UNIQUE INDEX "directory_signpostings_idempotency_key" ON "directory_signpostings" USING btree ("area_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "directory_signpostings_org_idx" ON "directory_signpostings" USING btree ("area_id","organisation_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "directory_taxonomies_uri_key" ON "directory_taxonomies" USING btree ("uri");--> statement-breakpoint
CREATE UNIQUE INDEX "directory_taxonomy_terms_code_key" ON "directory_taxonomy_terms" USING btree ("taxonomy_id","code");--> statement-breakpoint
CREATE INDEX "directory_taxonomy_terms_uri_idx" ON "directory_taxonomy_terms" USING btree ("term_uri");--> statement-breakpoint
CREATE INDEX "postcodes_earth_idx" ON "postcodes" USING gist (ll_to_earth("latitude", "longitude"));
CREATE TABLE "directory_feed_imports" (
	"area_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"source_feed" text NOT NULL,
	"format" text NOT NULL,
	"user_id" uuid,
	"organisation_id" uuid,
	"added" integer NOT NULL,
	"updated" integer NOT NULL,
	"unchanged" integer NOT NULL,
	"rejected" integer NOT NULL,
	"report" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "directory_feed_imports_area_id_id_pk" PRIMARY KEY("area_id","id")
);
--> statement-breakpoint
CREATE INDEX "directory_feed_imports_created_idx" ON "directory_feed_imports" USING btree ("area_id","created_at");
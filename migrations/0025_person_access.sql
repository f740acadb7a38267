CREATE TABLE "casework_break_glass" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"user_name" text NOT NULL,
	"reason" text NOT NULL,
	"submission_key" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "casework_break_glass_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "casework_break_glass_window" CHECK ("casework_break_glass"."expires_at" > "casework_break_glass"."started_at")
);
--> statement-breakpoint
CREATE TABLE "casework_break_glass_reads" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"break_glass_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"first_read_at" timestamp with time zone NOT NULL,
	CONSTRAINT "casework_break_glass_reads_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "casework_cover" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"covering_user_id" uuid NOT NULL,
	"covered_user_id" uuid NOT NULL,
	"ends_on" date NOT NULL,
	"submission_key" text NOT NULL,
	"set_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"ended_by_name" text,
	CONSTRAINT "casework_cover_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "casework_cover_not_self" CHECK ("casework_cover"."covering_user_id" <> "casework_cover"."covered_user_id")
);
--> statement-breakpoint
ALTER TABLE "casework_break_glass" ADD CONSTRAINT "casework_break_glass_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casework_break_glass" ADD CONSTRAINT "casework_break_glass_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casework_break_glass_reads" ADD CONSTRAINT "casework_break_glass_reads_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casework_break_glass_reads" ADD CONSTRAINT "casework_break_glass_reads_window_fk" FOREIGN KEY ("organisation_id","break_glass_id") REFERENCES "public"."casework_break_glass"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casework_break_glass_reads" ADD CONSTRAINT "casework_break_glass_reads_person_fk" FOREIGN KEY ("organisation_id","person_id") REFERENCES "public"."people"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casework_cover" ADD CONSTRAINT "casework_cover_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casework_cover" ADD CONSTRAINT "casework_cover_covering_user_id_users_id_fk" FOREIGN KEY ("covering_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casework_cover" ADD CONSTRAINT "casework_cover_covered_user_id_users_id_fk" FOREIGN KEY ("covered_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "casework_break_glass_submission_key" ON "casework_break_glass" USING btree ("organisation_id","submission_key");--> statement-breakpoint
CREATE INDEX "casework_break_glass_user_idx" ON "casework_break_glass" USING btree ("organisation_id","user_id","expires_at");--> statement-breakpoint
CREATE INDEX "casework_break_glass_started_idx" ON "casework_break_glass" USING btree ("organisation_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "casework_break_glass_reads_once" ON "casework_break_glass_reads" USING btree ("organisation_id","break_glass_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "casework_cover_submission_key" ON "casework_cover" USING btree ("organisation_id","submission_key");--> statement-breakpoint
CREATE INDEX "casework_cover_covering_idx" ON "casework_cover" USING btree ("organisation_id","covering_user_id","ends_on");
ALTER TABLE "people" ADD COLUMN "sex" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "ethnicity" text;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_sex_check" CHECK ("people"."sex" in ('female','male','other','not-stated'));--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_ethnicity_check" CHECK ("people"."ethnicity" ~ '^[A-HJ-NPRSZ]$');
ALTER TABLE "consents" ADD COLUMN "submission_key" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "consents_submission_key" ON "consents" USING btree ("organisation_id","person_id","submission_key","scope");
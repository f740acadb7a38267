CREATE TABLE "outcome_short_codes" (
	"organisation_id" uuid NOT NULL,
	"invitation_id" uuid NOT NULL,
	"short_code_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "outcome_short_codes_organisation_id_invitation_id_pk" PRIMARY KEY("organisation_id","invitation_id")
);
--> statement-breakpoint
DROP INDEX "outcome_invitations_short_code_key";--> statement-breakpoint
ALTER TABLE "outcome_short_codes" ADD CONSTRAINT "outcome_short_codes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "outcome_short_codes_hash_key" ON "outcome_short_codes" USING btree ("short_code_hash");--> statement-breakpoint
-- Printed invitations made before this migration keep working: their codes move to the new table.
INSERT INTO "outcome_short_codes" ("organisation_id", "invitation_id", "short_code_hash", "expires_at")
  SELECT "organisation_id", "id", "short_code_hash", "expires_at" FROM "outcome_invitations" WHERE "short_code_hash" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "outcome_invitations" DROP COLUMN "short_code_hash";
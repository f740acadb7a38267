ALTER TABLE "referrals" ADD COLUMN "connected_at" timestamp with time zone;--> statement-breakpoint
-- Referrals connected before this migration: the first time their history reached "connected", or, for one that is
-- there now with no such event, when it last changed. Only those rows are written.
UPDATE "referrals" r SET "connected_at" = coalesce(c."first", CASE WHEN r."business_status" = 'connected' THEN r."updated_at" END)
FROM (
  SELECT r2."organisation_id", r2."id", min(e."occurred_at") AS "first"
  FROM "referrals" r2
  LEFT JOIN "referral_events" e
    ON e."organisation_id" = r2."organisation_id" AND e."referral_id" = r2."id" AND e."business_status" = 'connected'
  WHERE r2."business_status" = 'connected' OR e."id" IS NOT NULL
  GROUP BY r2."organisation_id", r2."id"
) c
WHERE r."organisation_id" = c."organisation_id" AND r."id" = c."id";

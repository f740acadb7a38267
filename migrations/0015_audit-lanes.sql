ALTER TABLE "audit_events" ADD COLUMN "lane" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "hash_version" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" DROP CONSTRAINT "audit_events_chain_id_sequence_pk";--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_chain_id_lane_sequence_pk" PRIMARY KEY("chain_id","lane","sequence");--> statement-breakpoint
-- Appends one entry in one round trip (ADR 0018). Takes the lowest free lane of the chain (or the lane this
-- transaction already holds), reads that lane's head after the lock so it sees the last holder's commit,
-- and links the app-computed content hash into the lane: sha256(previous hash:lane:sequence:content hash).
-- If every lane is busy it waits for the lane the caller picked at random.
CREATE OR REPLACE FUNCTION audit_append(
  p_chain_id uuid, p_lanes integer, p_fallback_lane integer, p_occurred_at timestamptz,
  p_actor_user_id uuid, p_actor_organisation_id uuid, p_actor_role text, p_action text, p_record_type text,
  p_record_id text, p_outcome text, p_ip_address text, p_correlation_id text, p_details jsonb, p_content_hash text
) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  held_setting text := 'waymark.audit_lane_' || replace(p_chain_id::text, '-', '');
  held text := current_setting(held_setting, true);
  chosen integer;
  head_sequence bigint;
  head_hash text;
  next_sequence bigint;
BEGIN
  IF held IS NOT NULL AND held <> '' THEN
    chosen := held::integer;
  ELSE
    FOR candidate IN 0 .. p_lanes - 1 LOOP
      IF pg_try_advisory_xact_lock(hashtext('audit:' || p_chain_id::text || ':' || candidate)) THEN
        chosen := candidate;
        EXIT;
      END IF;
    END LOOP;
    IF chosen IS NULL THEN
      chosen := p_fallback_lane;
      PERFORM pg_advisory_xact_lock(hashtext('audit:' || p_chain_id::text || ':' || chosen));
    END IF;
    PERFORM set_config(held_setting, chosen::text, true);
  END IF;
  SELECT sequence, hash INTO head_sequence, head_hash FROM audit_events
    WHERE chain_id = p_chain_id AND lane = chosen ORDER BY sequence DESC LIMIT 1;
  next_sequence := coalesce(head_sequence, 0) + 1;
  head_hash := coalesce(head_hash, repeat('0', 64));
  INSERT INTO audit_events (chain_id, lane, sequence, occurred_at, actor_user_id, actor_organisation_id, actor_role,
      action, record_type, record_id, outcome, ip_address, correlation_id, details, previous_hash, hash, hash_version)
    VALUES (p_chain_id, chosen, next_sequence, p_occurred_at, p_actor_user_id, p_actor_organisation_id, p_actor_role,
      p_action, p_record_type, p_record_id, p_outcome, p_ip_address, p_correlation_id, p_details, head_hash,
      encode(sha256(convert_to(head_hash || ':' || chosen || ':' || next_sequence || ':' || p_content_hash, 'UTF8')), 'hex'),
      2);
END
$$;

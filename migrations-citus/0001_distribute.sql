-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Distributing Waymark over a Citus cluster (ADR 0026, docs/scaling.md). Not applied by `waymark migrate`: an
-- operator runs it once on the coordinator, after `waymark migrate` has created the schema and before the app
-- nodes are started against it. test/citus-plan.int.test.ts reads this file and fails when a table is missing from
-- it, when a distributed table's primary or unique key lacks its distribution column, or when a foreign key crosses
-- colocation groups: add every new table here in the same change that creates it.
--
-- Three colocation groups: an organisation's records (by organisation_id; the audit log by chain_id, which is the
-- organisation's id), an area's directory (by area_id), and two tables found by a key of their own. Small tables
-- joined by every request are reference tables, copied to every node.

begin;

-- Keys that hold across organisations cannot be enforced on a distributed table. The API key's hash, the diary
-- address's hash and the questionnaire short code's hash stay unique because their tables become reference tables.

-- The directory's triggers copy a location's point onto its service-at-locations, within one area (one shard of
-- the directory group); Citus runs triggers on distributed tables only when told they are safe.
set citus.enable_unsafe_triggers = on;

-- Reference tables: copied to every node.
select create_reference_table('areas'); -- the directory’s tenancy root; joined by every directory query
select create_reference_table('organisations'); -- the tenancy root; joined by the session lookup and every report
select create_reference_table('users'); -- joined by the session lookup on every request
select create_reference_table('api_clients'); -- found by the hash of the key on every API request, before its organisation is known
select create_reference_table('casework_diary_feeds'); -- found by the hash of the diary address, before its organisation is known (one per link worker)
select create_reference_table('concept_codes'); -- public reference data (SNOMED CT and other code systems)
select create_reference_table('directory_taxonomies'); -- public reference data
select create_reference_table('directory_taxonomy_terms'); -- public reference data
select create_reference_table('memberships'); -- joined by the session lookup on every request (a few per user; written rarely)
select create_reference_table('postcodes'); -- public reference data (ONS postcode directory)
select create_reference_table('referrer_preferences'); -- a referrer’s own settings, read with their session
select create_reference_table('outcome_short_codes'); -- a printed questionnaire's code, typed before its organisation is known (one per printed letter; written rarely)
select create_reference_table('user_identities'); -- found by issuer and subject at sign-in, before any organisation is known

-- An organisation's records, colocated so that a service's queries and joins run on one node.
select create_distributed_table('people', 'organisation_id', colocate_with => 'none');
select create_distributed_table('referrals', 'organisation_id', colocate_with => 'people');
select create_distributed_table('casework_episodes', 'organisation_id', colocate_with => 'people');
select create_distributed_table('casework_allocations', 'organisation_id', colocate_with => 'people');
select create_distributed_table('casework_bookings', 'organisation_id', colocate_with => 'people');
select create_distributed_table('casework_break_glass', 'organisation_id', colocate_with => 'people');
select create_distributed_table('casework_break_glass_reads', 'organisation_id', colocate_with => 'people');
select create_distributed_table('casework_contacts', 'organisation_id', colocate_with => 'people');
select create_distributed_table('casework_conversations', 'organisation_id', colocate_with => 'people');
select create_distributed_table('casework_cover', 'organisation_id', colocate_with => 'people');
select create_distributed_table('casework_escalations', 'organisation_id', colocate_with => 'people');
select create_distributed_table('casework_link_workers', 'organisation_id', colocate_with => 'people');
select create_distributed_table('casework_reminders', 'organisation_id', colocate_with => 'people');
select create_distributed_table('casework_settings', 'organisation_id', colocate_with => 'people');
select create_distributed_table('connections', 'organisation_id', colocate_with => 'people');
select create_distributed_table('connection_attendances', 'organisation_id', colocate_with => 'people');
select create_distributed_table('connection_registers', 'organisation_id', colocate_with => 'people');
select create_distributed_table('consents', 'organisation_id', colocate_with => 'people');
select create_distributed_table('fhir_idempotency_keys', 'organisation_id', colocate_with => 'people');
select create_distributed_table('invitations', 'organisation_id', colocate_with => 'people');
select create_distributed_table('outcome_content_packs', 'organisation_id', colocate_with => 'people');
select create_distributed_table('outcome_invitations', 'organisation_id', colocate_with => 'people');
select create_distributed_table('outcome_measures', 'organisation_id', colocate_with => 'people');
select create_distributed_table('outcome_service_use', 'organisation_id', colocate_with => 'people');
select create_distributed_table('outcome_settings', 'organisation_id', colocate_with => 'people');
select create_distributed_table('person_flags', 'organisation_id', colocate_with => 'people');
select create_distributed_table('person_merges', 'organisation_id', colocate_with => 'people');
select create_distributed_table('plans', 'organisation_id', colocate_with => 'people');
select create_distributed_table('plan_actions', 'organisation_id', colocate_with => 'people');
select create_distributed_table('plan_reviews', 'organisation_id', colocate_with => 'people');
select create_distributed_table('plan_goal_progress', 'organisation_id', colocate_with => 'people');
select create_distributed_table('plan_goals', 'organisation_id', colocate_with => 'people');
select create_distributed_table('plan_services', 'organisation_id', colocate_with => 'people');
select create_distributed_table('referral_drafts', 'organisation_id', colocate_with => 'people');
select create_distributed_table('referral_events', 'organisation_id', colocate_with => 'people');
select create_distributed_table('referral_settings', 'organisation_id', colocate_with => 'people');
select create_distributed_table('referrer_notifications', 'organisation_id', colocate_with => 'people');
select create_distributed_table('unmet_needs', 'organisation_id', colocate_with => 'people');
select create_distributed_table('audit_events', 'chain_id', colocate_with => 'people');

-- An area's directory, colocated with itself (searches and the ORUK feed run within one area).
select create_distributed_table('directory_services', 'area_id', colocate_with => 'none');
select create_distributed_table('directory_accessibility', 'area_id', colocate_with => 'directory_services');
select create_distributed_table('directory_addresses', 'area_id', colocate_with => 'directory_services');
select create_distributed_table('directory_attributes', 'area_id', colocate_with => 'directory_services');
select create_distributed_table('directory_contacts', 'area_id', colocate_with => 'directory_services');
select create_distributed_table('directory_cost_options', 'area_id', colocate_with => 'directory_services');
select create_distributed_table('directory_feed_imports', 'area_id', colocate_with => 'directory_services');
select create_distributed_table('directory_feedback', 'area_id', colocate_with => 'directory_services');
select create_distributed_table('directory_funding', 'area_id', colocate_with => 'directory_services');
select create_distributed_table('directory_languages', 'area_id', colocate_with => 'directory_services');
select create_distributed_table('directory_locations', 'area_id', colocate_with => 'directory_services');
select create_distributed_table('directory_organization_identifiers', 'area_id', colocate_with => 'directory_services');
select create_distributed_table('directory_organizations', 'area_id', colocate_with => 'directory_services');
select create_distributed_table('directory_phones', 'area_id', colocate_with => 'directory_services');
select create_distributed_table('directory_provider_links', 'area_id', colocate_with => 'directory_services');
select create_distributed_table('directory_schedules', 'area_id', colocate_with => 'directory_services');
select create_distributed_table('directory_service_areas', 'area_id', colocate_with => 'directory_services');
select create_distributed_table('directory_service_at_locations', 'area_id', colocate_with => 'directory_services');
select create_distributed_table('directory_service_versions', 'area_id', colocate_with => 'directory_services');
select create_distributed_table('directory_signpostings', 'area_id', colocate_with => 'directory_services');

-- Found by a key of their own before any organisation is known.
select create_distributed_table('sessions', 'id', colocate_with => 'none');
select create_distributed_table('self_referral_drafts', 'token_hash', colocate_with => 'none');
select create_distributed_table('rate_limits', 'key', colocate_with => 'none');

-- Local to the coordinator: the job queue (pg-boss's own schema) and drizzle's migration journal.
-- local: drizzle.__drizzle_migrations, pgboss.*

-- The audit chain's append runs where the organisation's shard is.
select create_distributed_function(
  'audit_append(uuid, integer, integer, timestamptz, uuid, uuid, text, text, text, text, text, text, text, jsonb, text)',
  '$1',
  colocate_with => 'people'
);

commit;

// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql } from 'drizzle-orm'
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { organisations, users } from '../identity/identity.table.ts'
import { tenantColumns, tenantPrimaryKey, tenantUniqueIndex } from '../identity/tenancy.table.ts'

// One completed questionnaire (issue 12): the answers exactly as given and the scores they make, in one row, so a
// score is never stored without the answers that made it. The instrument is named by key and version: a later
// version of its definition never rescores what was collected under this one. It belongs to the service that
// supports the person and to one casework episode, referenced by id (casework is read through its API).
export const measures = pgTable(
  'outcome_measures',
  {
    ...tenantColumns(),
    episodeId: uuid().notNull(),
    referralId: uuid().notNull(),
    personId: uuid().notNull(),
    instrumentKey: text().notNull(),
    instrumentVersion: integer().notNull(),
    // baseline (at or near first contact), follow-up (every interval) or close (when support ends).
    timepoint: text().notNull(),
    completedOn: date({ mode: 'string' }).notNull(),
    // Asked by the link worker during a contact, or completed by the person from their own link.
    collectedBy: text().notNull(),
    answers: jsonb().$type<Record<string, number | null>>().notNull(),
    scores: jsonb().$type<Record<string, number | null>>().notNull(),
    // Text answers in the person's own words (MYCaW's named concerns): never scored, kept with what they name.
    texts: jsonb().$type<Record<string, string>>().notNull().default({}),
    submissionKey: text().notNull(),
    recordedByUserId: uuid().references(() => users.id),
    recordedByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    tenantPrimaryKey(t),
    tenantUniqueIndex('outcome_measures_submission_key', t, t.episodeId, t.submissionKey),
    index('outcome_measures_episode_idx').on(t.organisationId, t.episodeId, t.completedOn),
    index('outcome_measures_person_idx').on(t.organisationId, t.personId, t.completedOn),
    // The FHIR API's searches: by referral (based-on), and newest recorded first (_lastUpdated, paging).
    index('outcome_measures_referral_idx').on(t.organisationId, t.referralId),
    index('outcome_measures_created_idx').on(t.organisationId, t.createdAt),
    check('outcome_measures_timepoint_check', sql`${t.timepoint} in ('baseline','follow-up','close')`),
    check('outcome_measures_collected_by_check', sql`${t.collectedBy} in ('link-worker','person')`),
    check('outcome_measures_answers_check', sql`jsonb_typeof(${t.answers}) = 'object' and ${t.answers} <> '{}'`),
  ],
)

// Which instruments a service asks, at baseline and at follow-up, and how often; a service without a row uses the
// defaults in outcome-settings.ts.
export const settings = pgTable(
  'outcome_settings',
  {
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    baselineInstruments: text().array().notNull(),
    followUpInstruments: text().array().notNull(),
    followUpWeeks: integer().notNull(),
    updatedByName: text().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId] })],
)

// The wording of a licensed instrument, supplied by the organisation under its own licence (a content pack).
export const contentPacks = pgTable(
  'outcome_content_packs',
  {
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    instrumentKey: text().notNull(),
    instrumentVersion: integer().notNull(),
    content: jsonb().notNull(),
    importedByName: text().notNull(),
    importedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.instrumentKey, t.instrumentVersion] })],
)

// A link for the person to answer questionnaires themselves, on their own phone or computer (issue 12). It names
// the organisation and carries a secret kept only as its hash (ADR 0021); it expires, and keeps what the person
// has answered so far (`draft`), so they can stop and come back. Each questionnaire they finish becomes a measure.
export const invitations = pgTable(
  'outcome_invitations',
  {
    ...tenantColumns(),
    episodeId: uuid().notNull(),
    referralId: uuid().notNull(),
    personId: uuid().notNull(),
    timepoint: text().notNull(),
    instrumentKeys: text().array().notNull(),
    tokenHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    // Instrument key → item id → the answer so far.
    draft: jsonb().$type<Record<string, Record<string, number | string | null>>>().notNull().default({}),
    // Instrument keys the person has finished (each is a measure).
    finished: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    sentVia: text().notNull(),
    createdByUserId: uuid().references(() => users.id),
    createdByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    rowVersion: integer().notNull().default(1),
  },
  (t) => [
    tenantPrimaryKey(t),
    tenantUniqueIndex('outcome_invitations_token_key', t, t.tokenHash),
    index('outcome_invitations_episode_idx').on(t.organisationId, t.episodeId, t.createdAt),
    check('outcome_invitations_timepoint_check', sql`${t.timepoint} in ('baseline','follow-up','close')`),
    check('outcome_invitations_sent_via_check', sql`${t.sentVia} in ('email','text','printed')`),
  ],
)

// A printed invitation's short code (10 characters to type from paper), kept as its hash. It is typed without its
// organisation, so it is found before the organisation is known, like an API key, and must be unique across every
// organisation: a table of its own, small enough to copy to every node of a distributed cluster (ADR 0026), naming
// the organisation and the invitation it opens. No foreign key to the invitation, which lives on its
// organisation's node; the invitation is written in the same transaction.
export const shortCodes = pgTable(
  'outcome_short_codes',
  {
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    invitationId: uuid().notNull(),
    shortCodeHash: text().notNull(),
    // The invitation's expiry, so a typed code is checked on this one table.
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.invitationId] }),
    uniqueIndex('outcome_short_codes_hash_key').on(t.shortCodeHash),
  ],
)

// Health and care use in the months before the referral and the same span after (issue 12): entered by staff or
// imported from a practice's search extract. One row per episode and period; a count not known is null.
export const serviceUse = pgTable(
  'outcome_service_use',
  {
    ...tenantColumns(),
    episodeId: uuid().notNull(),
    referralId: uuid().notNull(),
    personId: uuid().notNull(),
    // before or after the referral.
    period: text().notNull(),
    months: integer().notNull(),
    gpAppointments: integer(),
    aeAttendances: integer(),
    emergencyCalls: integer(),
    admissions: integer(),
    // entered (by staff on the page) or imported (from a CSV extract).
    source: text().notNull(),
    recordedByName: text().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    tenantPrimaryKey(t),
    tenantUniqueIndex('outcome_service_use_period_key', t, t.episodeId, t.period),
    check('outcome_service_use_period_check', sql`${t.period} in ('before','after')`),
    check('outcome_service_use_source_check', sql`${t.source} in ('entered','imported')`),
    check('outcome_service_use_months_check', sql`${t.months} between 1 and 24`),
    check(
      'outcome_service_use_counts_check',
      sql`coalesce(${t.gpAppointments},0) >= 0 and coalesce(${t.aeAttendances},0) >= 0 and coalesce(${t.emergencyCalls},0) >= 0 and coalesce(${t.admissions},0) >= 0`,
    ),
  ],
)

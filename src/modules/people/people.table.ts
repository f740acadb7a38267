// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql } from 'drizzle-orm'
import { boolean, check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { tenantColumns, tenantPrimaryKey, tenantReference, tenantUniqueIndex } from '../identity/tenancy.table.ts'

// A person belongs to the social prescribing service that holds their record (organisation_id, ADR 0004).
// The same human referred to two services is two records: services never see each other's people.
export const people = pgTable(
  'people',
  {
    ...tenantColumns(),
    givenName: text().notNull(),
    familyName: text().notNull(),
    dateOfBirth: date({ mode: 'string' }).notNull(),
    nhsNumber: text(),
    addressLine1: text().notNull().default(''),
    addressLine2: text().notNull().default(''),
    town: text().notNull().default(''),
    postcode: text().notNull(),
    phone: text().notNull().default(''),
    email: text().notNull().default(''),
    preferredContactMethod: text(),
    // When the person has no phone, email or address of their own to use: reach them through the referrer or a
    // carer ('referrer' | 'carer'), and who that is.
    contactThrough: text(),
    contactThroughDetails: text().notNull().default(''),
    gpPractice: text().notNull().default(''),
    preferredContactTimes: text().notNull().default(''),
    contactMethodsToAvoid: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    language: text().notNull().default(''),
    interpreterNeeded: boolean().notNull().default(false),
    accessNeeds: text().notNull().default(''),
    othersToInvolve: text().notNull().default(''),
    // Sex and ethnic category as the person states them (demographics.ts); null when not asked.
    sex: text(),
    ethnicity: text(),
    // A duplicate merged into another record keeps its row (so the merge can be undone) and points at the
    // record that now holds the person; reads follow the pointer.
    mergedIntoPersonId: uuid(),
    // When the retention schedule anonymised the record (issue 13): identifying details cleared, rows kept.
    anonymisedAt: timestamp({ withTimezone: true }),
    // Optimistic concurrency for "Edit details": two link workers editing at once must not overwrite each other.
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    tenantPrimaryKey(t),
    // Likely-duplicate checks: same NHS number, or same surname + date of birth (+ postcode, first name).
    index('people_nhs_number_idx')
      .on(t.organisationId, t.nhsNumber)
      .where(sql`${t.nhsNumber} is not null`),
    index('people_merged_into_idx')
      .on(t.organisationId, t.mergedIntoPersonId)
      .where(sql`${t.mergedIntoPersonId} is not null`),
    // The retention job's nightly look for records untouched for the retention period.
    index('people_retention_idx')
      .on(t.organisationId, t.updatedAt)
      .where(sql`${t.anonymisedAt} is null and ${t.mergedIntoPersonId} is null`),
    index('people_name_dob_idx').on(t.organisationId, sql`lower(${t.familyName})`, t.dateOfBirth),
    check('people_nhs_number_check', sql`${t.nhsNumber} is null or ${t.nhsNumber} ~ '^[0-9]{10}$'`),
    check('people_sex_check', sql`${t.sex} in ('female','male','other','not-stated')`),
    check('people_ethnicity_check', sql`${t.ethnicity} ~ '^[A-HJ-NPRSZ]$'`),
  ],
)

// Consent history: rows are only ever appended. The current consent for a scope is the newest row.
export const consents = pgTable(
  'consents',
  {
    ...tenantColumns(),
    personId: uuid().notNull(),
    referralId: uuid(),
    scope: text().notNull(),
    given: boolean().notNull(),
    method: text().notNull(),
    recordedByUserId: uuid(),
    recordedByName: text().notNull(),
    recordedAt: timestamp({ withTimezone: true }).notNull(),
    // The consent form's one-time key, so a retried submission records the decision once.
    submissionKey: text(),
  },
  (t) => [
    tenantPrimaryKey(t),
    tenantUniqueIndex('consents_submission_key', t, t.personId, t.submissionKey, t.scope),
    index('consents_person_idx').on(t.organisationId, t.personId, t.recordedAt),
    tenantReference(t, t.personId, people),
    check(
      'consents_scope_check',
      sql`${t.scope} in ('referral','share-with-service','share-with-providers','message-back-in-full','evaluation')`,
    ),
  ],
)

// Risk and safeguarding flags on the person, shown wherever the person appears. Ended, never deleted.
export const personFlags = pgTable(
  'person_flags',
  {
    ...tenantColumns(),
    personId: uuid().notNull(),
    kind: text().notNull(),
    details: text().notNull().default(''),
    // Where it came from (a referral's id, for flags raised from what the referrer said), so it is raised once.
    sourceKey: text(),
    raisedByUserId: uuid(),
    raisedByName: text().notNull(),
    raisedAt: timestamp({ withTimezone: true }).notNull(),
    endedAt: timestamp({ withTimezone: true }),
    endedByName: text(),
    endedReason: text(),
  },
  (t) => [
    tenantPrimaryKey(t),
    index('person_flags_person_idx').on(t.organisationId, t.personId),
    tenantUniqueIndex('person_flags_source_key', t, t.personId, t.sourceKey),
    tenantReference(t, t.personId, people, 'person_flags_person_fk'),
  ],
)

// Merges of duplicate records: the history that lets a merge be undone and shows who did what.
export const personMerges = pgTable(
  'person_merges',
  {
    ...tenantColumns(),
    keptPersonId: uuid().notNull(),
    mergedPersonId: uuid().notNull(),
    reason: text().notNull().default(''),
    mergedByUserId: uuid(),
    mergedByName: text().notNull(),
    mergedAt: timestamp({ withTimezone: true }).notNull(),
    undoneAt: timestamp({ withTimezone: true }),
    undoneByName: text(),
  },
  (t) => [
    tenantPrimaryKey(t),
    index('person_merges_kept_idx').on(t.organisationId, t.keptPersonId),
    index('person_merges_merged_idx').on(t.organisationId, t.mergedPersonId),
  ],
)

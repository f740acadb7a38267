// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql } from 'drizzle-orm'
import {
  boolean,
  customType,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core'
import { tenantColumns, tenantPrimaryKey, tenantReference, tenantUniqueIndex } from '../identity/tenancy.table.ts'
import { organisations, users } from '../identity/identity.table.ts'
import type { HomeVisitRiskCheck } from './casework.ts'

// Drizzle has no built-in bytea column: photos are small (the upload limit is 500 kB), so they live in the row.
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' })

// An episode of support belongs to the service (organisation_id, ADR 0004). One per referral: the unique key
// makes opening a case idempotent. The referral and person are referenced by id only: they belong to the
// referrals and people modules, which are read through their public API.
export const episodes = pgTable(
  'casework_episodes',
  {
    ...tenantColumns(),
    referralId: uuid().notNull(),
    personId: uuid().notNull(),
    linkWorkerUserId: uuid()
      .notNull()
      .references(() => users.id),
    pathway: text().notNull(),
    complexity: integer(),
    complexityReason: text().notNull().default(''),
    contactAllowance: integer().notNull(),
    contactsUsed: integer().notNull().default(0),
    openedOn: date({ mode: 'string' }).notNull(),
    firstContactOn: date({ mode: 'string' }),
    lastContactOn: date({ mode: 'string' }),
    nextContactOn: date({ mode: 'string' }),
    nextReviewOn: date({ mode: 'string' }).notNull(),
    pausedOn: date({ mode: 'string' }),
    pauseReason: text(),
    pauseReasonText: text().notNull().default(''),
    pausedDays: integer().notNull().default(0),
    // Copied from the referral when the case is opened and refreshed on every view, so the caseload can show
    // the flags without reading each referral (the referrals API lists summaries without risks).
    loneWorkingRisk: boolean().notNull().default(false),
    safeguardingRisk: boolean().notNull().default(false),
    // Set by the plans module (through this module's API) when the person agrees a plan.
    planAgreedOn: date({ mode: 'string' }),
    // The follow-up check (for example 12 weeks after first contact), moved on by pauses like the review.
    followUpOn: date({ mode: 'string' }),
    closedOn: date({ mode: 'string' }),
    closeReason: text(),
    closingSummary: text().notNull().default(''),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    version: integer().notNull().default(1),
  },
  (t) => [
    tenantPrimaryKey(t),
    tenantUniqueIndex('casework_episodes_referral_key', t, t.referralId),
    index('casework_episodes_worker_idx').on(t.organisationId, t.linkWorkerUserId),
    index('casework_episodes_person_idx').on(t.organisationId, t.personId),
    check('casework_episodes_complexity_check', sql`${t.complexity} is null or ${t.complexity} between 1 and 3`),
    check('casework_episodes_allowance_check', sql`${t.contactAllowance} between 1 and 60`),
  ],
)

// Contacts with the person (or about them, for team discussions). The submission key makes a retried form
// post idempotent.
export const contacts = pgTable(
  'casework_contacts',
  {
    ...tenantColumns(),
    episodeId: uuid().notNull(),
    submissionKey: text().notNull(),
    type: text().notNull(),
    contactOn: date({ mode: 'string' }).notNull(),
    durationMinutes: integer().notNull(),
    whoWasThere: text().notNull().default(''),
    notes: text().notNull().default(''),
    riskCheck: jsonb().$type<HomeVisitRiskCheck>(),
    // Why they were contacted in a way they asked not to be (ADR 0024); empty when they were not.
    avoidedMethodReason: text().notNull().default(''),
    recordedByUserId: uuid().references(() => users.id),
    recordedByName: text().notNull(),
    recordedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    tenantPrimaryKey(t),
    tenantUniqueIndex('casework_contacts_submission_key', t, t.submissionKey),
    index('casework_contacts_episode_idx').on(t.organisationId, t.episodeId, t.contactOn),
    tenantReference(t, t.episodeId, episodes, 'casework_contacts_episode_fk'),
    check('casework_contacts_duration_check', sql`${t.durationMinutes} between 0 and 1440`),
  ],
)

// The "what matters to you" conversations: appended, never changed; the newest is the current picture.
export const conversations = pgTable(
  'casework_conversations',
  {
    ...tenantColumns(),
    episodeId: uuid().notNull(),
    personId: uuid().notNull(),
    submissionKey: text().notNull(),
    heldOn: date({ mode: 'string' }).notNull(),
    whatMatters: text().notNull(),
    strengths: text().notNull().default(''),
    interests: text().notNull().default(''),
    whatGetsInTheWay: text().notNull().default(''),
    // Referral needs the conversation confirmed, and needs it found that the referral did not name.
    needsConfirmed: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    needsAdded: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    recordedByUserId: uuid().references(() => users.id),
    recordedByName: text().notNull(),
    recordedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    tenantPrimaryKey(t),
    tenantUniqueIndex('casework_conversations_submission_key', t, t.submissionKey),
    index('casework_conversations_episode_idx').on(t.organisationId, t.episodeId, t.recordedAt),
    index('casework_conversations_person_idx').on(t.organisationId, t.personId),
    tenantReference(t, t.episodeId, episodes, 'casework_conversations_episode_fk'),
  ],
)

// Who held the episode and when: one row per allocation, so reallocation keeps the history.
export const allocations = pgTable(
  'casework_allocations',
  {
    ...tenantColumns(),
    episodeId: uuid().notNull(),
    fromUserId: uuid().references(() => users.id),
    toUserId: uuid()
      .notNull()
      .references(() => users.id),
    reason: text().notNull().default(''),
    allocatedByUserId: uuid().references(() => users.id),
    allocatedByName: text().notNull(),
    allocatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    tenantPrimaryKey(t),
    index('casework_allocations_episode_idx').on(t.organisationId, t.episodeId, t.allocatedAt),
    tenantReference(t, t.episodeId, episodes, 'casework_allocations_episode_fk'),
  ],
)

// Onward referrals beyond the link worker's competence, with what came of them.
export const escalations = pgTable(
  'casework_escalations',
  {
    ...tenantColumns(),
    episodeId: uuid().notNull(),
    submissionKey: text().notNull(),
    kind: text().notNull(),
    toWhom: text().notNull(),
    reason: text().notNull(),
    urgent: boolean().notNull().default(false),
    raisedOn: date({ mode: 'string' }).notNull(),
    raisedByUserId: uuid().references(() => users.id),
    raisedByName: text().notNull(),
    raisedAt: timestamp({ withTimezone: true }).notNull(),
    outcome: text(),
    outcomeText: text().notNull().default(''),
    outcomeOn: date({ mode: 'string' }),
    outcomeRecordedByName: text(),
    version: integer().notNull().default(1),
  },
  (t) => [
    tenantPrimaryKey(t),
    tenantUniqueIndex('casework_escalations_submission_key', t, t.submissionKey),
    index('casework_escalations_episode_idx').on(t.organisationId, t.episodeId, t.raisedOn),
    tenantReference(t, t.episodeId, episodes, 'casework_escalations_episode_fk'),
  ],
)

// A link worker at a service: the yearly capacity the supervisor balances against, and the contact details and
// photo printed on plan leaflets (work details only; a person never gets a worker's personal number).
export const linkWorkers = pgTable(
  'casework_link_workers',
  {
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    annualCapacity: integer(),
    leafletName: text().notNull().default(''),
    workPhone: text().notNull().default(''),
    workEmail: text().notNull().default(''),
    availability: text().notNull().default(''),
    photo: bytea(),
    photoContentType: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.userId] }),
    check(
      'casework_link_workers_capacity_check',
      sql`${t.annualCapacity} is null or ${t.annualCapacity} between 1 and 1000`,
    ),
  ],
)

// The service's casework settings; a service without a row uses the defaults in casework.ts.
export const settings = pgTable(
  'casework_settings',
  {
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    // Contacts allowed for a new person on the short-term pathway (the pathway every episode opens on).
    defaultContactAllowance: integer().notNull(),
    longTermContactAllowance: integer().notNull().default(12),
    defaultAnnualCapacity: integer().notNull(),
    followUpAfterWeeks: integer().notNull(),
    noContactAlertWeeks: integer().notNull(),
    updatedByName: text().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId] })],
)

// Reminders already sent, so the daily job never sends the same one twice.
export const reminders = pgTable(
  'casework_reminders',
  {
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    episodeId: uuid().notNull(),
    kind: text().notNull(),
    dueOn: date({ mode: 'string' }).notNull(),
    sentAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.episodeId, t.kind, t.dueOn] })],
)

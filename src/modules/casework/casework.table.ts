// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql } from 'drizzle-orm'
import {
  boolean,
  check,
  date,
  foreignKey,
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
import type { HomeVisitRiskCheck } from './casework.ts'

// An episode of support belongs to the service (organisation_id, ADR 0004). One per referral: the unique key
// makes opening a case idempotent. The referral and person are referenced by id only: they belong to the
// referrals and people modules, which are read through their public API.
export const episodes = pgTable(
  'casework_episodes',
  {
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    id: uuid().notNull().defaultRandom(),
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
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    version: integer().notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    uniqueIndex('casework_episodes_referral_key').on(t.organisationId, t.referralId),
    index('casework_episodes_worker_idx').on(t.organisationId, t.linkWorkerUserId),
    check('casework_episodes_complexity_check', sql`${t.complexity} is null or ${t.complexity} between 1 and 3`),
    check('casework_episodes_allowance_check', sql`${t.contactAllowance} between 1 and 60`),
  ],
)

// Contacts with the person (or about them, for team discussions). The submission key makes a retried form
// post idempotent.
export const contacts = pgTable(
  'casework_contacts',
  {
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    id: uuid().notNull().defaultRandom(),
    episodeId: uuid().notNull(),
    submissionKey: text().notNull(),
    type: text().notNull(),
    contactOn: date({ mode: 'string' }).notNull(),
    durationMinutes: integer().notNull(),
    whoWasThere: text().notNull().default(''),
    notes: text().notNull().default(''),
    riskCheck: jsonb().$type<HomeVisitRiskCheck>(),
    recordedByUserId: uuid().references(() => users.id),
    recordedByName: text().notNull(),
    recordedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    uniqueIndex('casework_contacts_submission_key').on(t.organisationId, t.submissionKey),
    index('casework_contacts_episode_idx').on(t.organisationId, t.episodeId, t.contactOn),
    foreignKey({
      columns: [t.organisationId, t.episodeId],
      foreignColumns: [episodes.organisationId, episodes.id],
      name: 'casework_contacts_episode_fk',
    }),
    check('casework_contacts_duration_check', sql`${t.durationMinutes} between 0 and 1440`),
  ],
)

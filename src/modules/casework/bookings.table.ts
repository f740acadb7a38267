// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql } from 'drizzle-orm'
import {
  check,
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
import { tenantColumns, tenantPrimaryKey, tenantReference, tenantUniqueIndex } from '../identity/tenancy.table.ts'
import type { HomeVisitRiskCheck } from './casework.ts'
import { episodes } from './casework.table.ts'

// A contact planned ahead: when, how long, where and how. A home visit carries its lone-working risk check from
// the moment it is booked. The submission key makes a retried booking idempotent; the link worker is copied so
// their diary is one indexed range read.
export const bookings = pgTable(
  'casework_bookings',
  {
    ...tenantColumns(),
    episodeId: uuid().notNull(),
    referralId: uuid().notNull(),
    linkWorkerUserId: uuid()
      .notNull()
      .references(() => users.id),
    submissionKey: text().notNull(),
    type: text().notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    durationMinutes: integer().notNull(),
    place: text().notNull().default(''),
    riskCheck: jsonb().$type<HomeVisitRiskCheck>(),
    status: text().notNull().default('booked'),
    bookedByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    tenantPrimaryKey(t),
    tenantUniqueIndex('casework_bookings_submission_key', t, t.submissionKey),
    index('casework_bookings_worker_time_idx').on(t.organisationId, t.linkWorkerUserId, t.startsAt),
    index('casework_bookings_episode_idx').on(t.organisationId, t.episodeId, t.startsAt),
    tenantReference(t, t.episodeId, episodes, 'casework_bookings_episode_fk'),
    check('casework_bookings_duration_check', sql`${t.durationMinutes} between 5 and 720`),
    check('casework_bookings_status_check', sql`${t.status} in ('booked', 'cancelled', 'done')`),
  ],
)

// A link worker's diary subscription: a secret address (only its hash is kept) their calendar app polls.
// Replacing it or turning it off stops the old address at once.
export const diaryFeeds = pgTable(
  'casework_diary_feeds',
  {
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    tokenHash: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    lastReadAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.userId] }),
    // Found by the address's hash before the organisation is known, as an API key is.
    uniqueIndex('casework_diary_feeds_token_key').on(t.tokenHash),
  ],
)

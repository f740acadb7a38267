// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql } from 'drizzle-orm'
import { check, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { users } from '../identity/identity.table.ts'
import { people } from '../people/people.table.ts'
import { tenantColumns, tenantPrimaryKey, tenantReference, tenantUniqueIndex } from '../identity/tenancy.table.ts'

// A supervisor's cover list: while a link worker is away, a colleague covers the people they support and may
// read and update those people's records (ADR 0024). Cover runs to the end of `ends_on` unless ended sooner.
export const cover = pgTable(
  'casework_cover',
  {
    ...tenantColumns(),
    coveringUserId: uuid()
      .notNull()
      .references(() => users.id),
    coveredUserId: uuid()
      .notNull()
      .references(() => users.id),
    endsOn: date().notNull(),
    submissionKey: text().notNull(),
    setByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    endedAt: timestamp({ withTimezone: true }),
    endedByName: text(),
  },
  (t) => [
    tenantPrimaryKey(t),
    tenantUniqueIndex('casework_cover_submission_key', t, t.submissionKey),
    index('casework_cover_covering_idx').on(t.organisationId, t.coveringUserId, t.endsOn),
    check('casework_cover_not_self', sql`${t.coveringUserId} <> ${t.coveredUserId}`),
  ],
)

// Break-glass access: a link worker who must read the record of someone they do not support gives a reason and
// gets a short window in which they may read (not change) anyone's record in the service. The supervisor sees
// every window, its reason and the records opened in it.
export const breakGlass = pgTable(
  'casework_break_glass',
  {
    ...tenantColumns(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    userName: text().notNull(),
    reason: text().notNull(),
    submissionKey: text().notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    endedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    tenantPrimaryKey(t),
    tenantUniqueIndex('casework_break_glass_submission_key', t, t.submissionKey),
    index('casework_break_glass_user_idx').on(t.organisationId, t.userId, t.expiresAt),
    index('casework_break_glass_started_idx').on(t.organisationId, t.startedAt),
    check('casework_break_glass_window', sql`${t.expiresAt} > ${t.startedAt}`),
  ],
)

// Each record opened under break-glass, once per window: what the supervisor reviews.
export const breakGlassReads = pgTable(
  'casework_break_glass_reads',
  {
    ...tenantColumns(),
    breakGlassId: uuid().notNull(),
    personId: uuid().notNull(),
    firstReadAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    tenantPrimaryKey(t),
    tenantUniqueIndex('casework_break_glass_reads_once', t, t.breakGlassId, t.personId),
    tenantReference(t, t.breakGlassId, breakGlass, 'casework_break_glass_reads_window_fk'),
    tenantReference(t, t.personId, people, 'casework_break_glass_reads_person_fk'),
  ],
)

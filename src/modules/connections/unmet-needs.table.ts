// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql } from 'drizzle-orm'
import { check, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { tenantColumns, tenantPrimaryKey, tenantUniqueIndex } from '../identity/tenancy.table.ts'
import { users } from '../identity/identity.table.ts'

// A need no service could meet, recorded by the link worker from the suggestions (issue #14). It keeps the person's
// postcode district (outward code) rather than the person, so the reports can say where the gaps are.
export const unmetNeeds = pgTable(
  'unmet_needs',
  {
    ...tenantColumns(),
    episodeId: uuid().notNull(),
    referralId: uuid().notNull(),
    need: text().notNull(),
    reason: text().notNull(),
    directoryServiceId: uuid(),
    serviceName: text(),
    details: text().notNull().default(''),
    postcodeDistrict: text().notNull(),
    submissionKey: text().notNull(),
    recordedOn: date({ mode: 'string' }).notNull(),
    recordedByUserId: uuid().references(() => users.id),
    recordedByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    tenantPrimaryKey(t),
    tenantUniqueIndex('unmet_needs_submission_key', t, t.episodeId, t.submissionKey),
    index('unmet_needs_episode_idx').on(t.organisationId, t.episodeId),
    // The report counts a period's gaps.
    index('unmet_needs_recorded_idx').on(t.organisationId, t.recordedOn),
    check(
      'unmet_needs_reason_check',
      sql`${t.reason} in ('none-exists','too-far','wrong-time','cost','access','waiting-list','full','other')`,
    ),
  ],
)

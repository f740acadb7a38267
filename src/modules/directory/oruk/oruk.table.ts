// SPDX-License-Identifier: AGPL-3.0-or-later
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'

/**
 * Every feed import into an area's directory, with its report, so editors can see what a feed changed and
 * when. The report holds listing names, feed ids and rejection reasons only: directory data, not personal data.
 */
export const directoryFeedImports = pgTable(
  'directory_feed_imports',
  {
    areaId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    /** The feed URL, or the uploaded file's name. */
    sourceFeed: text().notNull(),
    /** oruk-3 | oruk-1 | hsds-csv */
    format: text().notNull(),
    /** Who ran it (null for the operator's command line). */
    userId: uuid(),
    organisationId: uuid(),
    added: integer().notNull(),
    updated: integer().notNull(),
    unchanged: integer().notNull(),
    rejected: integer().notNull(),
    report: jsonb().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.areaId, t.id] }),
    index('directory_feed_imports_created_idx').on(t.areaId, t.createdAt),
  ],
)

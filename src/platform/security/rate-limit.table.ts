// SPDX-License-Identifier: AGPL-3.0-or-later
import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/**
 * Rate-limit counters shared by every app process and node (issue #15): one row per route and client address (or
 * API key), counting requests until the window ends. Holds no personal data beyond a client's IP address, and rows
 * are deleted an hour after their window ends.
 */
export const rateLimits = pgTable('rate_limits', {
  key: text().primaryKey(),
  count: integer().notNull(),
  windowEndsAt: timestamp({ withTimezone: true }).notNull(),
})

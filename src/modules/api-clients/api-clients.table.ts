// SPDX-License-Identifier: AGPL-3.0-or-later
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { tenantColumns, tenantPrimaryKey, tenantUniqueIndex } from '../identity/tenancy.table.ts'
import { users } from '../identity/identity.table.ts'

// A machine client of an organisation (its GP system, a referral hub). The key itself is never stored: only
// its SHA-256 (keys are 256 random bits, so a slow hash adds nothing) and a short prefix to tell keys apart.
export const apiClients = pgTable(
  'api_clients',
  {
    ...tenantColumns(),
    name: text().notNull(),
    keyPrefix: text().notNull(),
    keyHash: text().notNull(),
    /** The one-time token of the form that created it, so a resubmitted form cannot issue a second key. */
    submissionKey: text(),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    revokedBy: uuid().references(() => users.id),
  },
  (t) => [
    tenantPrimaryKey(t),
    // Authentication looks a key up before it knows the organisation, so this one key is global (ADR draft
    // in the module README): the hash is unguessable, and the row found names the organisation.
    uniqueIndex('api_clients_key_hash_key').on(t.keyHash),
    tenantUniqueIndex('api_clients_submission_key', t, t.submissionKey),
    index('api_clients_organisation_created_idx').on(t.organisationId, t.createdAt),
  ],
)

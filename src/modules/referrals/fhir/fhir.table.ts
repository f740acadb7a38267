// SPDX-License-Identifier: AGPL-3.0-or-later
import { pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { organisations } from '../../identity/identity.table.ts'

// Idempotency-Key records for the referral API. They belong to the sending client's organisation (the key is
// the client's to choose); the referral they point at lives in the receiving service's tenant.
export const fhirIdempotencyKeys = pgTable(
  'fhir_idempotency_keys',
  {
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    key: text().notNull(),
    requestHash: text().notNull(),
    referralId: uuid().notNull(),
    receivingOrganisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.key] })],
)

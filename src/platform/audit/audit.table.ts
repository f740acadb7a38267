// SPDX-License-Identifier: AGPL-3.0-or-later
import { bigint, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'

// One hash chain per organisation (the tenant key), so audit writes for different organisations never
// contend and the table distributes on Citus by chain_id. Platform events with no organisation (a failed
// sign-in for an unknown email) go on the chain with the nil UUID.
export const auditEvents = pgTable(
  'audit_events',
  {
    chainId: uuid().notNull(),
    sequence: bigint({ mode: 'number' }).notNull(),
    occurredAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    actorUserId: uuid(),
    actorOrganisationId: uuid(),
    actorRole: text(),
    action: text().notNull(),
    recordType: text().notNull(),
    recordId: text(),
    outcome: text().notNull(),
    ipAddress: text(),
    correlationId: text(),
    details: jsonb().$type<Record<string, string | number | boolean | null>>().notNull(),
    previousHash: text().notNull(),
    hash: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.chainId, t.sequence] }),
    index('audit_events_chain_time_idx').on(t.chainId, t.occurredAt),
    index('audit_events_record_idx').on(t.chainId, t.recordType, t.recordId),
    index('audit_events_actor_idx').on(t.chainId, t.actorUserId, t.occurredAt),
  ],
)

// SPDX-License-Identifier: AGPL-3.0-or-later
import { bigint, index, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core'

// One hash chain per organisation (the tenant key), so audit writes for different organisations never
// contend and the table distributes on Citus by chain_id. Platform events with no organisation (a failed
// sign-in for an unknown email) go on the chain with the nil UUID.
//
// Each chain has lanes (ADR 0018): an append takes the lowest lane no other transaction holds, so a quiet
// organisation writes one lane and a busy one spreads its appends over several instead of queueing every
// page view behind the one before it. Each lane is its own unbroken sequence; `hash_version` 1 entries
// (before lanes) hash every field at once, version 2 entries hash their content in the app and link it
// into the lane in the database (audit-chain.ts).
export const auditEvents = pgTable(
  'audit_events',
  {
    chainId: uuid().notNull(),
    lane: smallint().notNull().default(0),
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
    hashVersion: smallint().notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.chainId, t.lane, t.sequence] }),
    index('audit_events_chain_time_idx').on(t.chainId, t.occurredAt),
    index('audit_events_record_idx').on(t.chainId, t.recordType, t.recordId),
    index('audit_events_actor_idx').on(t.chainId, t.actorUserId, t.occurredAt),
  ],
)

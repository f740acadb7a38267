// SPDX-License-Identifier: AGPL-3.0-or-later
import { and, asc, desc, eq, gt, gte, lte, sql, type SQL } from 'drizzle-orm'
import type { Queryable } from '../db/database.ts'
import { auditEvents } from './audit.table.ts'
import type { AuditContent } from './audit-chain.ts'
import { anyOf } from '../../platform/db/tenant.ts'

export type AuditEventRow = typeof auditEvents.$inferSelect

/**
 * Appends one entry through the `audit_append` database function: lane, lock, head, link and insert in one
 * statement, so in its own transaction it is one round trip and the lane's lock lasts only that statement.
 */
export async function appendToChain(
  db: Queryable,
  entry: AuditContent & { contentHash: string },
  lanes: { count: number; fallback: number },
): Promise<void> {
  await db.execute(sql`select audit_append(
    ${entry.chainId}::uuid, ${lanes.count}::integer, ${lanes.fallback}::integer, ${entry.occurredAt.toISOString()}::timestamptz,
    ${entry.actorUserId}::uuid, ${entry.actorOrganisationId}::uuid, ${entry.actorRole}::text, ${entry.action}::text,
    ${entry.recordType}::text, ${entry.recordId}::text, ${entry.outcome}::text, ${entry.ipAddress}::text,
    ${entry.correlationId}::text, ${JSON.stringify(entry.details)}::jsonb, ${entry.contentHash}::text)`)
}

export async function readLaneHead(
  db: Queryable,
  chainId: string,
  lane: number,
): Promise<{ sequence: number } | undefined> {
  const [row] = await db
    .select({ sequence: auditEvents.sequence })
    .from(auditEvents)
    .where(and(eq(auditEvents.chainId, chainId), eq(auditEvents.lane, lane)))
    .orderBy(desc(auditEvents.sequence))
    .limit(1)
  return row
}

export async function readLaneEntry(
  db: Queryable,
  chainId: string,
  lane: number,
  sequence: number,
): Promise<AuditEventRow | undefined> {
  const [row] = await db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.chainId, chainId), eq(auditEvents.lane, lane), eq(auditEvents.sequence, sequence)))
    .limit(1)
  return row
}

export async function listChainLanes(db: Queryable, chainId: string): Promise<number[]> {
  const rows = await db
    .selectDistinct({ lane: auditEvents.lane })
    .from(auditEvents)
    .where(eq(auditEvents.chainId, chainId))
    .orderBy(asc(auditEvents.lane))
  return rows.map((row) => row.lane)
}

export async function listChainIds(db: Queryable): Promise<string[]> {
  const rows = await db.selectDistinct({ chainId: auditEvents.chainId }).from(auditEvents)
  return rows.map((row) => row.chainId)
}

/** Reads one lane of a chain in sequence order, a batch at a time (keyset paging). */
export async function readLaneBatch(
  db: Queryable,
  chainId: string,
  lane: number,
  afterSequence: number,
  batchSize: number,
): Promise<AuditEventRow[]> {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.chainId, chainId), eq(auditEvents.lane, lane), gt(auditEvents.sequence, afterSequence)))
    .orderBy(asc(auditEvents.sequence))
    .limit(batchSize)
}

export interface AuditSearch {
  chainId: string
  actorUserId?: string
  action?: string
  recordType?: string
  recordId?: string
  from?: Date
  to?: Date
}

function searchConditions(search: AuditSearch): SQL | undefined {
  return and(
    eq(auditEvents.chainId, search.chainId),
    search.actorUserId ? eq(auditEvents.actorUserId, search.actorUserId) : undefined,
    search.action ? eq(auditEvents.action, search.action) : undefined,
    search.recordType ? eq(auditEvents.recordType, search.recordType) : undefined,
    search.recordId ? eq(auditEvents.recordId, search.recordId) : undefined,
    search.from ? gte(auditEvents.occurredAt, search.from) : undefined,
    search.to ? lte(auditEvents.occurredAt, search.to) : undefined,
  )
}

export async function searchAuditEvents(
  db: Queryable,
  search: AuditSearch,
  page: { limit: number; offset: number },
): Promise<{ rows: AuditEventRow[]; total: number }> {
  const where = searchConditions(search)
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(auditEvents)
      .where(where)
      .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.lane), desc(auditEvents.sequence))
      .limit(page.limit)
      .offset(page.offset),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(where),
  ])
  return { rows, total: count?.total ?? 0 }
}

export async function listAuditActions(db: Queryable, chainId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ action: auditEvents.action })
    .from(auditEvents)
    .where(eq(auditEvents.chainId, chainId))
    .orderBy(asc(auditEvents.action))
  return rows.map((row) => row.action)
}

/** The newest `limit` events of a chain about any of these records (by its record index). */
export async function listEventsAboutRecords(
  db: Queryable,
  chainId: string,
  recordType: string,
  recordIds: readonly string[],
  limit: number,
): Promise<AuditEventRow[]> {
  if (recordIds.length === 0) return []
  return db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.chainId, chainId),
        eq(auditEvents.recordType, recordType),
        anyOf(auditEvents.recordId, recordIds),
      ),
    )
    .orderBy(desc(auditEvents.occurredAt))
    .limit(limit)
}

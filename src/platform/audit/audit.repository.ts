// SPDX-License-Identifier: AGPL-3.0-or-later
import { and, asc, desc, eq, gt, gte, lte, sql, type SQL } from 'drizzle-orm'
import type { Queryable, Tx } from '../db/database.ts'
import { auditEvents } from './audit.table.ts'
import type { ChainedAuditFields } from './audit-chain.ts'

export type AuditEventRow = typeof auditEvents.$inferSelect

/** Serialises writers on one chain for the rest of the transaction. */
export async function lockAuditChain(tx: Tx, chainId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'audit:' + chainId}))`)
}

export async function findChainHead(tx: Tx, chainId: string): Promise<{ sequence: number; hash: string } | undefined> {
  const [row] = await tx
    .select({ sequence: auditEvents.sequence, hash: auditEvents.hash })
    .from(auditEvents)
    .where(eq(auditEvents.chainId, chainId))
    .orderBy(desc(auditEvents.sequence))
    .limit(1)
  return row
}

export async function readChainHead(db: Queryable, chainId: string): Promise<{ sequence: number } | undefined> {
  const [row] = await db
    .select({ sequence: auditEvents.sequence })
    .from(auditEvents)
    .where(eq(auditEvents.chainId, chainId))
    .orderBy(desc(auditEvents.sequence))
    .limit(1)
  return row
}

export async function readChainEntry(
  db: Queryable,
  chainId: string,
  sequence: number,
): Promise<AuditEventRow | undefined> {
  const [row] = await db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.chainId, chainId), eq(auditEvents.sequence, sequence)))
    .limit(1)
  return row
}

export async function insertAuditEvent(tx: Tx, entry: ChainedAuditFields & { hash: string }): Promise<void> {
  await tx.insert(auditEvents).values(entry)
}

export async function listChainIds(db: Queryable): Promise<string[]> {
  const rows = await db.selectDistinct({ chainId: auditEvents.chainId }).from(auditEvents)
  return rows.map((row) => row.chainId)
}

/** Reads one chain in sequence order, a batch at a time (keyset paging). */
export async function readChainBatch(
  db: Queryable,
  chainId: string,
  afterSequence: number,
  batchSize: number,
): Promise<AuditEventRow[]> {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.chainId, chainId), gt(auditEvents.sequence, afterSequence)))
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
      .orderBy(desc(auditEvents.sequence))
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

// SPDX-License-Identifier: AGPL-3.0-or-later
import { and, asc, count, desc, eq, gte, isNotNull, isNull, lt, ne, sql } from 'drizzle-orm'
import type { Queryable } from '../../platform/db/database.ts'
import type { AnyScope, TxScope } from '../../platform/db/org-scope.ts'
import { organisations } from '../identity/index.ts'
import { anyOf, inTenant, withTenant } from '../../platform/db/tenant.ts'
import type { StillAttendingAnswer as StillAttending } from '../casework/index.ts'
import type { AccompaniedBy, Connection, ConnectionStatus, Sharing } from './connection.ts'
import { connections } from './connections.table.ts'

type ConnectionRow = typeof connections.$inferSelect
export type ConnectionInsert = Omit<typeof connections.$inferInsert, 'organisationId'>

export function toConnection(r: ConnectionRow): Connection {
  return {
    id: r.id,
    episodeId: r.episodeId,
    referralId: r.referralId,
    personId: r.personId,
    directoryServiceId: r.directoryServiceId,
    serviceName: r.serviceName,
    goalKey: r.goalKey,
    goalText: r.goalText,
    sharing: r.sharing as Sharing,
    accompaniedBy: r.accompaniedBy as AccompaniedBy,
    firstSessionNote: r.firstSessionNote,
    status: r.status as ConnectionStatus,
    statusReason: r.statusReason,
    statusNote: r.statusNote,
    statusChangedAt: r.statusChangedAt,
    shared: r.shared,
    providerEmail: r.providerEmail,
    responseExpiresAt: r.responseExpiresAt,
    respondedAt: r.respondedAt,
    nudgedAt: r.nudgedAt,
    checkInCode: r.checkInCode,
    stillAttending: r.stillAttending as StillAttending | null,
    createdByName: r.createdByName,
    createdAt: r.createdAt,
    rowVersion: r.rowVersion,
  }
}

/** Inserts a connection once per submission key: a retried form returns undefined and the first one stands. */
export async function insertConnection(scope: TxScope, values: ConnectionInsert): Promise<Connection | undefined> {
  const [row] = await scope.db
    .insert(connections)
    .values(withTenant(scope, values))
    .onConflictDoNothing({
      target: [connections.organisationId, connections.episodeId, connections.submissionKey],
    })
    .returning()
  return row && toConnection(row)
}

export async function findBySubmissionKey(
  scope: AnyScope,
  episodeId: string,
  submissionKey: string,
): Promise<Connection | undefined> {
  const [row] = await scope.db
    .select()
    .from(connections)
    .where(
      inTenant(scope, connections, eq(connections.episodeId, episodeId), eq(connections.submissionKey, submissionKey)),
    )
  return row && toConnection(row)
}

/** The episode's connections, newest first (a person has a handful). */
export async function listForEpisode(scope: AnyScope, episodeId: string): Promise<Connection[]> {
  const rows = await scope.db
    .select()
    .from(connections)
    .where(inTenant(scope, connections, eq(connections.episodeId, episodeId)))
    .orderBy(desc(connections.createdAt))
  return rows.map(toConnection)
}

export async function findConnection(
  scope: AnyScope,
  connectionId: string,
  episodeId: string,
): Promise<Connection | undefined> {
  const [row] = await scope.db
    .select()
    .from(connections)
    .where(inTenant(scope, connections, eq(connections.id, connectionId), eq(connections.episodeId, episodeId)))
  return row && toConnection(row)
}

export async function findByTokenHash(scope: AnyScope, tokenHash: string): Promise<Connection | undefined> {
  const [row] = await scope.db
    .select()
    .from(connections)
    .where(inTenant(scope, connections, eq(connections.responseTokenHash, tokenHash)))
  return row && toConnection(row)
}

/**
 * Changes the status if the connection is still at the version the user saw; false when someone else changed it
 * first (the caller refuses rather than overwrites).
 */
export async function updateStatus(
  scope: TxScope,
  connectionId: string,
  rowVersion: number,
  change: {
    status: ConnectionStatus
    statusReason: string | null
    statusNote: string
    statusChangedAt: Date
    respondedAt?: Date
  },
): Promise<boolean> {
  const updated = await scope.db
    .update(connections)
    .set({ ...change, rowVersion: rowVersion + 1 })
    .where(inTenant(scope, connections, eq(connections.id, connectionId), eq(connections.rowVersion, rowVersion)))
    .returning({ id: connections.id })
  return updated.length === 1
}

/** How many people the service has sent to each of these groups since `since`, not counting `exceptEpisodeId`'s. */
export async function countSentToServices(
  scope: AnyScope,
  directoryServiceIds: readonly string[],
  since: Date,
  exceptEpisodeId: string,
): Promise<Map<string, number>> {
  if (directoryServiceIds.length === 0) return new Map()
  const rows = await scope.db
    .select({ serviceId: connections.directoryServiceId, n: count() })
    .from(connections)
    .where(
      inTenant(
        scope,
        connections,
        anyOf(connections.directoryServiceId, directoryServiceIds),
        gte(connections.createdAt, since),
        ne(connections.episodeId, exceptEpisodeId),
        ne(connections.sharing, 'self-contact'),
      ),
    )
    .groupBy(connections.directoryServiceId)
  return new Map(rows.map((r) => [r.serviceId, r.n]))
}

/** The organisation a group's link names (its area, and its name for emails), or undefined when there is none. */
export async function findOrganisation(
  db: Queryable,
  organisationId: string,
): Promise<{ areaId: string; name: string } | undefined> {
  const [row] = await db
    .select({ areaId: organisations.areaId, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, organisationId))
  return row
}

/** A new link for the group: the old one stops working. */
export async function replaceResponseToken(
  scope: TxScope,
  connectionId: string,
  tokenHash: string,
  expiresAt: Date,
): Promise<void> {
  await scope.db
    .update(connections)
    .set({ responseTokenHash: tokenHash, responseExpiresAt: expiresAt })
    .where(inTenant(scope, connections, eq(connections.id, connectionId)))
}

/** Records "still going?" for the episode's connections: one statement per answer, whatever their number. */
export async function recordStillAttending(
  scope: TxScope,
  episodeId: string,
  answers: Readonly<Record<string, StillAttending>>,
): Promise<string[]> {
  const changed: string[] = []
  for (const answer of ['yes', 'no', 'unknown'] as const) {
    const ids = Object.keys(answers).filter((id) => answers[id] === answer)
    if (ids.length === 0) continue
    const rows = await scope.db
      .update(connections)
      .set({ stillAttending: answer, rowVersion: sql`${connections.rowVersion} + 1` })
      .where(inTenant(scope, connections, eq(connections.episodeId, episodeId), anyOf(connections.id, ids)))
      .returning({ id: connections.id })
    changed.push(...rows.map((r) => r.id))
  }
  return changed
}

// ---- A community provider's account ----

/**
 * What every social prescribing service sent to these groups (never a self-contact, where nothing was shared),
 * newest first, a page at a time, with the organisation each belongs to. Crosses tenants on purpose: the groups
 * are the provider's; what each connection shows is only what its person agreed to share.
 */
export async function listSentToServices(
  db: Queryable,
  directoryServiceIds: readonly string[],
  page: { limit: number; offset: number },
): Promise<{ items: { organisationId: string; connection: Connection }[]; total: number }> {
  if (directoryServiceIds.length === 0) return { items: [], total: 0 }
  const where = and(anyOf(connections.directoryServiceId, directoryServiceIds), ne(connections.sharing, 'self-contact'))
  const [rows, [counted]] = await Promise.all([
    db
      .select()
      .from(connections)
      .where(where)
      .orderBy(desc(connections.createdAt))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(connections).where(where),
  ])
  return {
    items: rows.map((r) => ({ organisationId: r.organisationId, connection: toConnection(r) })),
    total: counted?.n ?? 0,
  }
}

/** One connection of the organisation, whatever its episode (for a provider's account, checked by service). */
export async function findById(scope: AnyScope, connectionId: string): Promise<Connection | undefined> {
  const [row] = await scope.db
    .select()
    .from(connections)
    .where(inTenant(scope, connections, eq(connections.id, connectionId)))
  return row && toConnection(row)
}

// ---- Reminding groups that have not answered ----

/**
 * Connections across every organisation still waiting for a group that has an email address, sent before `before`
 * and never nudged, oldest first (a system job's queue, from the partial index on created_at).
 */
export async function listDueNudge(
  db: Queryable,
  before: Date,
  limit: number,
  organisationId?: string,
): Promise<{ organisationId: string; connection: Connection }[]> {
  const due = and(
    eq(connections.status, 'sent'),
    isNull(connections.nudgedAt),
    lt(connections.createdAt, before),
    isNotNull(connections.providerEmail),
  )!
  const rows = await db
    .select()
    .from(connections)
    .where(
      // Every organisation's (a system job), or one organisation's when asked.
      organisationId ? inTenant({ organisationId }, connections, due) : due,
    )
    .orderBy(asc(connections.createdAt))
    .limit(limit)
  return rows.map((r) => ({ organisationId: r.organisationId, connection: toConnection(r) }))
}

/** Records the reminder with the group's new link, once: false when it was answered or nudged meanwhile. */
export async function markNudged(
  scope: TxScope,
  connectionId: string,
  tokenHash: string,
  expiresAt: Date,
  now: Date,
): Promise<boolean> {
  const rows = await scope.db
    .update(connections)
    .set({ nudgedAt: now, responseTokenHash: tokenHash, responseExpiresAt: expiresAt })
    .where(
      inTenant(
        scope,
        connections,
        eq(connections.id, connectionId),
        eq(connections.status, 'sent'),
        isNull(connections.nudgedAt),
      ),
    )
    .returning({ id: connections.id })
  return rows.length > 0
}

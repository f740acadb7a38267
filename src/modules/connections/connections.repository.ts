// SPDX-License-Identifier: AGPL-3.0-or-later
import { count, desc, eq, gte, ne } from 'drizzle-orm'
import type { Queryable } from '../../platform/db/database.ts'
import type { AnyScope, TxScope } from '../../platform/db/org-scope.ts'
import { organisations } from '../identity/index.ts'
import { inTenant, withTenant } from '../../platform/db/tenant.ts'
import type { AccompaniedBy, Connection, ConnectionStatus, Sharing } from './connection.ts'
import { connections } from './connections.table.ts'

type ConnectionRow = typeof connections.$inferSelect
export type ConnectionInsert = Omit<typeof connections.$inferInsert, 'organisationId'>

function toConnection(r: ConnectionRow): Connection {
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

/** How many people the service has sent to a group since `since`, not counting `exceptEpisodeId`'s. */
export async function countSentToService(
  scope: AnyScope,
  directoryServiceId: string,
  since: Date,
  exceptEpisodeId: string,
): Promise<number> {
  const [row] = await scope.db
    .select({ n: count() })
    .from(connections)
    .where(
      inTenant(
        scope,
        connections,
        eq(connections.directoryServiceId, directoryServiceId),
        gte(connections.createdAt, since),
        ne(connections.episodeId, exceptEpisodeId),
        ne(connections.sharing, 'self-contact'),
      ),
    )
  return row?.n ?? 0
}

/** The area of the organisation a group's link names, or undefined when there is no such organisation. */
export async function findOrganisationArea(db: Queryable, organisationId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ areaId: organisations.areaId })
    .from(organisations)
    .where(eq(organisations.id, organisationId))
  return row?.areaId
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

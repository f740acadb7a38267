// SPDX-License-Identifier: AGPL-3.0-or-later
// Registers and attendance (issue 11): a group's register link, the sessions people went to, and the connections
// a register lists. SQL only.
import { count, desc, eq, inArray, max, ne, sql } from 'drizzle-orm'
import type { AnyScope, TxScope } from '../../platform/db/org-scope.ts'
import { anyOf, inTenant, withTenant } from '../../platform/db/tenant.ts'
import type { Connection } from './connection.ts'
import { toConnection } from './connections.repository.ts'
import { attendances, connections, registers } from './connections.table.ts'

/** Makes the service's register link, or replaces the one before it (which then stops working). */
export async function upsertRegister(
  scope: TxScope,
  values: {
    directoryServiceId: string
    serviceName: string
    tokenHash: string
    expiresAt: Date
    createdByUserId: string | null
    createdAt: Date
  },
): Promise<void> {
  await scope.db
    .insert(registers)
    .values(withTenant(scope, values))
    .onConflictDoUpdate({
      target: [registers.organisationId, registers.directoryServiceId],
      set: {
        tokenHash: values.tokenHash,
        expiresAt: values.expiresAt,
        createdByUserId: values.createdByUserId,
        createdAt: values.createdAt,
      },
    })
}

export async function findRegisterByTokenHash(scope: AnyScope, tokenHash: string) {
  const [row] = await scope.db
    .select()
    .from(registers)
    .where(inTenant(scope, registers, eq(registers.tokenHash, tokenHash)))
  return row
}

const ON_A_REGISTER = ['accepted', 'started', 'attended'] as const

/** The people connected to a service who may appear on its register: shared with the group, accepted or going. */
export async function listForRegister(scope: AnyScope, directoryServiceId: string): Promise<Connection[]> {
  const rows = await scope.db
    .select()
    .from(connections)
    .where(
      inTenant(
        scope,
        connections,
        eq(connections.directoryServiceId, directoryServiceId),
        ne(connections.sharing, 'self-contact'),
        inArray(connections.status, [...ON_A_REGISTER]),
      ),
    )
    .orderBy(connections.createdAt)
    .limit(500)
  return rows.map(toConnection)
}

/** The connection a person's check-in code names at this group, when it is one a person may check in on. */
export async function findByCheckInCode(
  scope: AnyScope,
  directoryServiceId: string,
  code: string,
): Promise<Connection | undefined> {
  const [row] = await scope.db
    .select()
    .from(connections)
    .where(
      inTenant(
        scope,
        connections,
        eq(connections.directoryServiceId, directoryServiceId),
        eq(connections.checkInCode, code),
        inArray(connections.status, ['proposed', 'sent', 'accepted', 'started', 'attended']),
      ),
    )
  return row && toConnection(row)
}

/** Records a day for each connection once; returns the connections that gained a day. */
export async function insertAttendances(
  scope: TxScope,
  connectionIds: readonly string[],
  day: {
    attendedOn: string
    recordedThrough: 'register' | 'link-worker' | 'check-in'
    recordedByName: string
    recordedAt: Date
  },
): Promise<string[]> {
  if (connectionIds.length === 0) return []
  const inserted = await scope.db
    .insert(attendances)
    .values(connectionIds.map((connectionId) => withTenant(scope, { connectionId, ...day })))
    .onConflictDoNothing({ target: [attendances.organisationId, attendances.connectionId, attendances.attendedOn] })
    .returning({ connectionId: attendances.connectionId })
  return inserted.map((r) => r.connectionId)
}

/** How many sessions each connection has on record. */
export async function countAttendances(
  scope: AnyScope,
  connectionIds: readonly string[],
): Promise<Map<string, number>> {
  if (connectionIds.length === 0) return new Map()
  const rows = await scope.db
    .select({ connectionId: attendances.connectionId, n: count() })
    .from(attendances)
    .where(inTenant(scope, attendances, anyOf(attendances.connectionId, connectionIds)))
    .groupBy(attendances.connectionId)
  return new Map(rows.map((r) => [r.connectionId, r.n]))
}

/** A connection's sessions, newest first. */
export async function listAttendances(
  scope: AnyScope,
  connectionId: string,
): Promise<{ attendedOn: string; recordedThrough: string }[]> {
  return scope.db
    .select({ attendedOn: attendances.attendedOn, recordedThrough: attendances.recordedThrough })
    .from(attendances)
    .where(inTenant(scope, attendances, eq(attendances.connectionId, connectionId)))
    .orderBy(desc(attendances.attendedOn))
    .limit(200)
}

/** Moves connections along after attendance: accepted → started on the first session, started → attending after. */
export async function advanceAfterAttendance(
  scope: TxScope,
  toStarted: readonly string[],
  toAttended: readonly string[],
  now: Date,
): Promise<void> {
  for (const [ids, status] of [
    [toStarted, 'started'],
    [toAttended, 'attended'],
  ] as const) {
    if (ids.length === 0) continue
    await scope.db
      .update(connections)
      .set({ status, statusReason: null, statusChangedAt: now, rowVersion: sql`${connections.rowVersion} + 1` })
      .where(inTenant(scope, connections, anyOf(connections.id, ids)))
  }
}

/** The open connections of these episodes, with the day of each one's last session (for follow-ups): two queries. */
export async function listOpenWithLastAttendance(
  scope: AnyScope,
  episodeIds: readonly string[],
): Promise<(Connection & { lastAttendedOn: string | null })[]> {
  if (episodeIds.length === 0) return []
  const rows = await scope.db
    .select()
    .from(connections)
    .where(
      inTenant(
        scope,
        connections,
        anyOf(connections.episodeId, episodeIds),
        inArray(connections.status, ['sent', 'accepted', 'waiting-list', 'started', 'attended']),
      ),
    )
  if (rows.length === 0) return []
  const last = await scope.db
    .select({ connectionId: attendances.connectionId, lastOn: max(attendances.attendedOn) })
    .from(attendances)
    .where(
      inTenant(
        scope,
        attendances,
        inArray(
          attendances.connectionId,
          rows.map((r) => r.id),
        ),
      ),
    )
    .groupBy(attendances.connectionId)
  const lastOn = new Map(last.map((r) => [r.connectionId, r.lastOn]))
  return rows.map((r) => ({ ...toConnection(r), lastAttendedOn: lastOn.get(r.id) ?? null }))
}

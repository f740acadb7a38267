// SPDX-License-Identifier: AGPL-3.0-or-later
// Sessions at a group (issue 11): who went, recorded from the group's register link or by the link worker.
import { appendAuditEvent } from '../../platform/audit/audit.service.ts'
import { inTransaction, type OrgScope } from '../../platform/db/org-scope.ts'
import { type Case, type ChangeActor } from '../casework/index.ts'
import { type Connection } from './connection.ts'
import { ConnectionsError } from './connections.errors.ts'
import { markReferralConnected } from './connections.service.ts'
import * as attendance from './attendance.repository.ts'
import * as repo from './connections.repository.ts'

/** A connection's sessions, newest first, for its page. */
export async function listSessions(scope: OrgScope, connection: Connection): Promise<string[]> {
  return (await attendance.listAttendances(scope, connection.id)).map((a) => a.attendedOn)
}

/** Statuses in which someone can be recorded as going to a session (not waiting, declined or stopped). */
export const MAY_ATTEND: readonly Connection['status'][] = ['proposed', 'sent', 'accepted', 'started', 'attended']

/**
 * Records one session a person went to (their check-in, or the link worker), once per day: the first moves the
 * connection to started and tells the referrer they are connected; a second moves it to going regularly.
 * @returns whether the day was new
 */
export async function recordSession(
  scope: OrgScope,
  connection: Connection,
  session: { attendedOn: string; through: 'check-in' | 'link-worker'; byName: string },
  actor: ChangeActor,
  now: Date,
): Promise<boolean> {
  if (!MAY_ATTEND.includes(connection.status)) throw new ConnectionsError('CONNECTIONS_NOT_ALLOWED_NOW')
  const starting = ['proposed', 'sent', 'accepted'].includes(connection.status)
  const gained = await scope.db.transaction(async (tx) => {
    const txScope = inTransaction(scope, tx)
    const [added] = await attendance.insertAttendances(txScope, [connection.id], {
      attendedOn: session.attendedOn,
      recordedThrough: session.through,
      recordedByName: session.byName,
      recordedAt: now,
    })
    if (added) {
      const sessions = (await attendance.countAttendances(txScope, [added])).get(added) ?? 0
      const regular = connection.status === 'started' && sessions >= 2
      await attendance.advanceAfterAttendance(txScope, starting ? [added] : [], regular ? [added] : [], now)
    }
    await appendAuditEvent(tx, actor.audit, {
      action: session.through === 'check-in' ? 'connection.check-in' : 'connection.attendance',
      recordType: 'connection',
      recordId: connection.id,
      details: { attendedOn: session.attendedOn, recorded: Boolean(added) },
    })
    return Boolean(added)
  })
  if (gained && starting) await markReferralConnected(scope, [connection.referralId], actor, now)
  return gained
}

/** The link worker records a session the person told them they went to. */
export async function recordSessionByWorker(
  scope: OrgScope,
  found: Case,
  connectionId: string,
  attendedOn: string,
  actor: ChangeActor,
  now = new Date(),
): Promise<Connection> {
  const connection = await repo.findConnection(scope, connectionId, found.episode.id)
  if (!connection) throw new ConnectionsError('CONNECTIONS_NOT_FOUND')
  await recordSession(scope, connection, { attendedOn, through: 'link-worker', byName: actor.name }, actor, now)
  return connection
}

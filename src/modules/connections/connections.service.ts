// SPDX-License-Identifier: AGPL-3.0-or-later
// Connecting a person to a community group (issue 11): the link worker proposes, the person's consent decides what
// leaves Waymark, the group answers from a link that needs no account, and the link worker records how it goes.
import { appendAuditEvent, type AuditActor } from '../../platform/audit/audit.service.ts'
import { inTransaction, type OrgScope } from '../../platform/db/org-scope.ts'
import { findCurrentConversation, openCase, type Case, type ChangeActor } from '../casework/index.ts'
import { listServiceStates, readListing, type ListingSnapshot } from '../directory/index.ts'
import { currentConsents, fullName, listConsentHistory, mayShareWithProviders } from '../people/index.ts'
import { findCurrentPlan, type Plan } from '../plans/index.ts'
import { changeReferral, NEED_LABELS, ReferralsError } from '../referrals/index.ts'
import {
  isFinished,
  RECENT_DAYS,
  RESPONSE_LINK_DAYS,
  workerMayRecord,
  type Connection,
  type NewConnection,
  type StatusChange,
  type WorkerUpdate,
} from './connection.ts'
import { ConnectionsError } from './connections.errors.ts'
import * as repo from './connections.repository.ts'
import { hashToken, newCheckInCode, newResponseToken } from './link-token.ts'

export const DAY_MS = 86_400_000

/** Everything the link worker's connection pages stand on: the case, its plan, and whether sharing is agreed. */
export interface ConnectionCase extends Case {
  plan: Plan | null
  /** The person's consent to share with community providers is in force (given and not withdrawn). */
  mayShare: boolean
}

export async function openConnectionCase(
  scope: OrgScope,
  referralId: string,
  actor: ChangeActor,
): Promise<ConnectionCase> {
  const found = await openCase(scope, referralId, actor)
  const [plan, consents] = await Promise.all([
    findCurrentPlan(scope, found.episode.id),
    listConsentHistory(scope, found.referral.personId),
  ])
  return { ...found, plan, mayShare: mayShareWithProviders(currentConsents(consents)) }
}

export async function listConnectionsForCase(scope: OrgScope, found: Case, actor: ChangeActor): Promise<Connection[]> {
  const list = await repo.listForEpisode(scope, found.episode.id)
  await scope.db.transaction((tx) =>
    appendAuditEvent(tx, actor.audit, { action: 'view', recordType: 'connections', recordId: found.episode.id }),
  )
  return list
}

/** The episode's connections that are not over (for the connect form, which offers only the other services). */
export async function listOpenConnections(scope: OrgScope, found: Case): Promise<Connection[]> {
  return (await repo.listForEpisode(scope, found.episode.id)).filter((c) => !isFinished(c.status))
}

/** How full each group is: who the service sent there in the last RECENT_DAYS days, against what it takes a month. */
export interface GroupDemand {
  sent: number
  monthlyPlaces: number | null
}

/** How many other people the service has sent to each group recently, and its monthly places (groups are small). */
export async function countRecentlySent(
  scope: OrgScope,
  found: Case,
  serviceIds: readonly string[],
  now = new Date(),
): Promise<Map<string, GroupDemand>> {
  const since = new Date(now.getTime() - RECENT_DAYS * DAY_MS)
  const ids = [...new Set(serviceIds)]
  const [sent, states] = await Promise.all([
    repo.countSentToServices(scope, ids, since, found.episode.id),
    listServiceStates(scope, ids),
  ])
  return new Map(
    ids.map((id) => [id, { sent: sent.get(id) ?? 0, monthlyPlaces: states.get(id)?.monthlyPlaces ?? null }]),
  )
}

/** The name of a listing that is running, to offer on the connect form; undefined when gone or closed. */
export async function findListingName(scope: OrgScope, serviceId: string): Promise<string | undefined> {
  try {
    const { snapshot } = await readListing(scope, serviceId)
    return snapshot.service.status === 'defunct' || snapshot.service.status === 'inactive'
      ? undefined
      : snapshot.service.name
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'DIRECTORY_SERVICE_NOT_FOUND') return undefined
    throw error
  }
}

function listingEmail(snapshot: ListingSnapshot): string | null {
  return snapshot.contact.email ?? snapshot.service.email ?? null
}

/** What the group may see, fixed when the connection is made: never more than the person agreed to. */
export function sharedSnapshot(
  found: ConnectionCase,
  input: Pick<NewConnection, 'sharing' | 'accompaniedBy' | 'firstSessionNote'>,
  goalText: string,
  whatMatters: string,
): Record<string, string> {
  if (input.sharing === 'self-contact') return {}
  const p = found.referral.person
  const shared: Record<string, string> = { name: fullName(p) }
  if (p.phone) shared['phone'] = p.phone
  if (p.email) shared['email'] = p.email
  if (p.preferredContactTimes) shared['bestTimes'] = p.preferredContactTimes
  if (input.sharing === 'full') {
    if (goalText) shared['goal'] = goalText
    const needs = found.referral.needs.map((n) => NEED_LABELS[n]).join(', ')
    if (needs) shared['needs'] = needs
    if (whatMatters) shared['whatMatters'] = whatMatters
  }
  return shared
}

export interface Connected {
  connection: Connection
  /** The group's link, when one was made now (not on a retried submission): for the email, or to pass on. */
  token: string | null
  /** False for a retried submission that found the first one's connection: nothing is sent again. */
  created: boolean
}

/**
 * Connects the person to a directory service. Without consent to share with community providers nothing
 * personal leaves Waymark: the connection is a self-contact and the person gets a signposting sheet instead.
 * A retried submission returns the first connection and makes no second link.
 */
export async function connectPerson(
  scope: OrgScope,
  found: ConnectionCase,
  input: NewConnection,
  actor: ChangeActor,
  now = new Date(),
): Promise<Connected> {
  const again = await repo.findBySubmissionKey(scope, found.episode.id, input.submissionKey)
  if (again) return { connection: again, token: null, created: false }
  if (input.sharing !== 'self-contact' && !found.mayShare) throw new ConnectionsError('CONNECTIONS_NO_CONSENT')
  const existing = await repo.listForEpisode(scope, found.episode.id)
  if (existing.some((c) => c.directoryServiceId === input.directoryServiceId && !isFinished(c.status)))
    throw new ConnectionsError('CONNECTIONS_ALREADY_CONNECTED')
  let listing: ListingSnapshot
  try {
    listing = (await readListing(scope, input.directoryServiceId)).snapshot
  } catch {
    throw new ConnectionsError('CONNECTIONS_SERVICE_NOT_FOUND')
  }
  if (listing.service.status === 'defunct' || listing.service.status === 'inactive')
    throw new ConnectionsError('CONNECTIONS_SERVICE_CLOSED')
  const goal = found.plan?.goals.find((g) => g.goalKey === input.goalKey)
  const goalText = goal?.inTheirWords ?? ''
  const conversation = input.sharing === 'full' ? await findCurrentConversation(scope, found.episode.id) : null
  const providerEmail = input.sharing === 'self-contact' ? null : listingEmail(listing)
  const token = input.sharing === 'self-contact' ? null : newResponseToken(scope.organisationId)
  const connection = await scope.db.transaction(async (tx) => {
    const inserted = await repo.insertConnection(inTransaction(scope, tx), {
      episodeId: found.episode.id,
      referralId: found.referral.id,
      personId: found.referral.personId,
      directoryServiceId: input.directoryServiceId,
      serviceName: listing.service.name,
      goalKey: goal ? goal.goalKey : null,
      goalText,
      sharing: input.sharing,
      accompaniedBy: input.accompaniedBy,
      firstSessionNote: input.firstSessionNote,
      status: input.sharing === 'self-contact' ? 'proposed' : 'sent',
      statusChangedAt: now,
      submissionKey: input.submissionKey,
      checkInCode: newCheckInCode(),
      shared: sharedSnapshot(found, input, goalText, conversation?.whatMatters ?? ''),
      providerEmail,
      responseTokenHash: token ? hashToken(token) : null,
      responseExpiresAt: token ? new Date(now.getTime() + RESPONSE_LINK_DAYS * DAY_MS) : null,
      createdByUserId: actor.userId,
      createdByName: actor.name,
      createdAt: now,
    })
    if (inserted)
      await appendAuditEvent(tx, actor.audit, {
        action: 'connection.create',
        recordType: 'connection',
        recordId: inserted.id,
        details: { sharing: input.sharing, directoryServiceId: input.directoryServiceId },
      })
    return inserted
  })
  // Two tabs posting the same form at once: the other one made it.
  if (!connection) {
    const first = await repo.findBySubmissionKey(scope, found.episode.id, input.submissionKey)
    if (!first) throw new ConnectionsError('CONNECTIONS_NOT_FOUND')
    return { connection: first, token: null, created: false }
  }
  return { connection, token, created: true }
}

export async function viewConnection(
  scope: OrgScope,
  found: Case,
  connectionId: string,
  actor: ChangeActor,
): Promise<Connection> {
  const connection = await repo.findConnection(scope, connectionId, found.episode.id)
  if (!connection) throw new ConnectionsError('CONNECTIONS_NOT_FOUND')
  await scope.db.transaction((tx) =>
    appendAuditEvent(tx, actor.audit, { action: 'view', recordType: 'connection', recordId: connection.id }),
  )
  return connection
}

/** Changes a connection's status in one transaction with its audit entry; refused if someone changed it first. */
export async function changeStatus(
  scope: OrgScope,
  connection: Connection,
  rowVersion: number,
  change: StatusChange,
  audit: AuditActor,
  action: string,
  now: Date,
  respondedAt?: Date,
): Promise<void> {
  await scope.db.transaction(async (tx) => {
    const changed = await repo.updateStatus(inTransaction(scope, tx), connection.id, rowVersion, {
      status: change.status,
      statusReason: change.reason,
      statusNote: change.note,
      statusChangedAt: now,
      ...(respondedAt ? { respondedAt } : {}),
    })
    if (!changed) throw new ConnectionsError('CONNECTIONS_CHANGED_BY_SOMEONE_ELSE')
    await appendAuditEvent(tx, audit, {
      action,
      recordType: 'connection',
      recordId: connection.id,
      details: { from: connection.status, to: change.status, reason: change.reason },
    })
  })
}

/** Statuses that mean the person has been taken on by a group: the referrer then sees "connected to support". */
export const CONNECTED_STATUSES: readonly Connection['status'][] = ['accepted', 'started', 'attended']

/**
 * Moves the referral to "connected to support" (after the connection's own change has committed), so the referrer
 * sees progress. Only forward: a referral already there, paused, or finished is left as it is.
 */
export async function markReferralConnected(
  scope: OrgScope,
  referralIds: readonly string[],
  actor: ChangeActor,
  now: Date,
): Promise<void> {
  for (const referralId of new Set(referralIds)) {
    try {
      await changeReferral(scope, referralId, { kind: 'progress', step: 'connected' }, actor, undefined, { now })
    } catch (error) {
      const expected = ['REFERRALS_NO_CHANGE', 'REFERRALS_TRANSITION_NOT_ALLOWED', 'REFERRALS_NOT_FOUND']
      if (!(error instanceof ReferralsError && expected.includes(error.code))) throw error
    }
  }
}

/** The link worker records how the connection is going, checked against the version they saw. */
export async function recordProgress(
  scope: OrgScope,
  found: Case,
  connectionId: string,
  rowVersion: number,
  change: StatusChange & { status: WorkerUpdate },
  actor: ChangeActor,
  now = new Date(),
): Promise<Connection> {
  const connection = await repo.findConnection(scope, connectionId, found.episode.id)
  if (!connection) throw new ConnectionsError('CONNECTIONS_NOT_FOUND')
  if (connection.rowVersion !== rowVersion) throw new ConnectionsError('CONNECTIONS_CHANGED_BY_SOMEONE_ELSE')
  if (!workerMayRecord(connection.status, change.status)) throw new ConnectionsError('CONNECTIONS_NOT_ALLOWED_NOW')
  await changeStatus(scope, connection, rowVersion, change, actor.audit, 'connection.update', now)
  if (CONNECTED_STATUSES.includes(change.status))
    await markReferralConnected(scope, [connection.referralId], actor, now)
  return { ...connection, status: change.status, rowVersion: rowVersion + 1 }
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// Connecting a person to a community group (issue 11): the link worker proposes, the person's consent decides what
// leaves Waymark, the group answers from a link that needs no account, and the link worker records how it goes.
import { createHash, randomBytes } from 'node:crypto'
import { appendAuditEvent, type AuditActor } from '../../platform/audit/audit.service.ts'
import type { Database } from '../../platform/db/database.ts'
import { createOrgScope, inTransaction, type AnyScope, type OrgScope } from '../../platform/db/org-scope.ts'
import {
  findCurrentConversation,
  openCase,
  type Case,
  type CaseloadFollowUp,
  type ChangeActor,
} from '../casework/index.ts'
import { readListing, type ListingSnapshot } from '../directory/index.ts'
import { currentConsents, fullName, listConsentHistory, listConsentHistoryForPeople } from '../people/index.ts'
import { findAgreedPlan, findCurrentPlan, type Plan } from '../plans/index.ts'
import { NEED_LABELS, workingDaysBetween } from '../referrals/index.ts'
import {
  connectedToLines,
  isFinished,
  followUpFor,
  REGISTER_LINK_DAYS,
  providerMayAnswer,
  RECENT_DAYS,
  RESPONSE_LINK_DAYS,
  workerMayRecord,
  type Connection,
  type NewConnection,
  type ProviderAnswer,
  type StatusChange,
  type WorkerUpdate,
} from './connection.ts'
import { ConnectionsError } from './connections.errors.ts'
import * as repo from './connections.repository.ts'

const DAY_MS = 86_400_000

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
  return { ...found, plan, mayShare: currentConsents(consents)['share-with-providers']?.given === true }
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

/** How many other people the service has sent to each group in the last RECENT_DAYS days (groups are small). */
export async function countRecentlySent(
  scope: OrgScope,
  found: Case,
  serviceIds: readonly string[],
  now = new Date(),
): Promise<Map<string, number>> {
  const since = new Date(now.getTime() - RECENT_DAYS * DAY_MS)
  const counts = await Promise.all(
    [...new Set(serviceIds)].map(
      async (id) => [id, await repo.countSentToService(scope, id, since, found.episode.id)] as const,
    ),
  )
  return new Map(counts)
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

/** A group's link names its organisation (so it is found within one tenant) and carries a secret. */
function newResponseToken(organisationId: string): string {
  return `${organisationId.replaceAll('-', '')}${randomBytes(32).toString('base64url')}`
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

export interface Connected {
  connection: Connection
  /** The group's link, when one was made now (not on a retried submission): for the email, or to pass on. */
  token: string | null
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
  if (again) return { connection: again, token: null }
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
    return { connection: first, token: null }
  }
  return { connection, token }
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

async function changeStatus(
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
  return { ...connection, status: change.status, rowVersion: rowVersion + 1 }
}

// ---- The group's link: no account, the token is the credential ----

const TOKEN_SHAPE = /^([0-9a-f]{32})([A-Za-z0-9_-]{43})$/

export interface OpenedLink {
  scope: OrgScope
  connection: Connection
}

/** The scope a link names (its first 32 characters are the organisation's id), or undefined. */
async function scopeOfLink(db: Database, token: string): Promise<OrgScope | undefined> {
  const match = TOKEN_SHAPE.exec(token)
  if (!match) return undefined
  const hex = match[1]!
  const organisationId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
  const areaId = await repo.findOrganisationArea(db, organisationId)
  return areaId ? createOrgScope(db, organisationId, areaId) : undefined
}

/**
 * Opens a group's link: the organisation named in it, the connection found by the secret's hash within it.
 * Refused when expired, and (with no personal detail shown) when the person has since withdrawn their consent.
 */
export async function openResponseLink(db: Database, token: string, now = new Date()): Promise<OpenedLink> {
  const scope = await scopeOfLink(db, token)
  if (!scope) throw new ConnectionsError('CONNECTIONS_LINK_INVALID')
  const connection = await repo.findByTokenHash(scope, hashToken(token))
  if (!connection || !connection.responseExpiresAt || connection.responseExpiresAt < now)
    throw new ConnectionsError('CONNECTIONS_LINK_INVALID')
  const consents = currentConsents(await listConsentHistory(scope, connection.personId))
  if (consents['share-with-providers']?.given !== true) throw new ConnectionsError('CONNECTIONS_CONSENT_WITHDRAWN')
  return { scope, connection }
}

/** The group reads what was shared: audited on the service's chain as a read through the link. */
export async function readByProvider(db: Database, token: string, audit: AuditActor): Promise<OpenedLink> {
  const opened = await openResponseLink(db, token)
  await db.transaction((tx) =>
    appendAuditEvent(
      tx,
      { ...audit, organisationId: opened.scope.organisationId, role: 'provider-link' },
      { action: 'view', recordType: 'connection', recordId: opened.connection.id, details: { through: 'group link' } },
    ),
  )
  return opened
}

/** The group answers. A second answer (a double click, a forwarded email) is refused, never recorded twice. */
export async function answerAsProvider(
  db: Database,
  token: string,
  answer: { status: ProviderAnswer; reason: string | null; note: string },
  audit: AuditActor,
  now = new Date(),
): Promise<Connection> {
  const { scope, connection } = await openResponseLink(db, token, now)
  if (!providerMayAnswer(connection.status, answer.status)) throw new ConnectionsError('CONNECTIONS_LINK_ANSWERED')
  await changeStatus(
    scope,
    connection,
    connection.rowVersion,
    answer,
    { ...audit, organisationId: scope.organisationId, role: 'provider-link' },
    'connection.answer',
    now,
    now,
  )
  return { ...connection, status: answer.status }
}

/**
 * A new link for the group while it has not answered (the email was not set up, went astray, or the link expired):
 * the old link stops working. Refused once the group has answered, and without consent to share.
 */
export async function renewResponseLink(
  scope: OrgScope,
  found: ConnectionCase,
  connectionId: string,
  actor: ChangeActor,
  now = new Date(),
): Promise<{ connection: Connection; token: string }> {
  const connection = await repo.findConnection(scope, connectionId, found.episode.id)
  if (!connection) throw new ConnectionsError('CONNECTIONS_NOT_FOUND')
  if (connection.sharing === 'self-contact' || connection.status !== 'sent')
    throw new ConnectionsError('CONNECTIONS_NOT_ALLOWED_NOW')
  if (!found.mayShare) throw new ConnectionsError('CONNECTIONS_NO_CONSENT')
  const token = newResponseToken(scope.organisationId)
  await scope.db.transaction(async (tx) => {
    await repo.replaceResponseToken(
      inTransaction(scope, tx),
      connection.id,
      hashToken(token),
      new Date(now.getTime() + RESPONSE_LINK_DAYS * DAY_MS),
    )
    await appendAuditEvent(tx, actor.audit, {
      action: 'connection.new-link',
      recordType: 'connection',
      recordId: connection.id,
    })
  })
  return { connection, token }
}

/** "Connected to" for the message back: the episode's connections, or the agreed plan's services before any. */
export async function connectedToForEpisode(scope: AnyScope, episodeId: string): Promise<string[]> {
  const [list, plan] = await Promise.all([repo.listForEpisode(scope, episodeId), findAgreedPlan(scope, episodeId)])
  return connectedToLines(
    list,
    (plan?.services ?? []).map((s) => s.name),
  )
}

// ---- The group's register: who came to a session ----

const REGISTER_STATUSES: readonly Connection['status'][] = ['accepted', 'started', 'attended']

/**
 * A register link for the group a connection went to: it lists everyone the service connected there who agreed
 * to share and is accepted or going. One per group; a new one stops the old.
 */
export async function createRegisterLink(
  scope: OrgScope,
  found: ConnectionCase,
  connectionId: string,
  actor: ChangeActor,
  now = new Date(),
): Promise<{ connection: Connection; token: string }> {
  const connection = await repo.findConnection(scope, connectionId, found.episode.id)
  if (!connection) throw new ConnectionsError('CONNECTIONS_NOT_FOUND')
  if (connection.sharing === 'self-contact' || !REGISTER_STATUSES.includes(connection.status))
    throw new ConnectionsError('CONNECTIONS_NOT_ALLOWED_NOW')
  const token = newResponseToken(scope.organisationId)
  await scope.db.transaction(async (tx) => {
    await repo.upsertRegister(inTransaction(scope, tx), {
      directoryServiceId: connection.directoryServiceId,
      serviceName: connection.serviceName,
      tokenHash: hashToken(token),
      expiresAt: new Date(now.getTime() + REGISTER_LINK_DAYS * DAY_MS),
      createdByUserId: actor.userId,
      createdAt: now,
    })
    await appendAuditEvent(tx, actor.audit, {
      action: 'connection.register-link',
      recordType: 'directory-service',
      recordId: connection.directoryServiceId,
    })
  })
  return { connection, token }
}

export interface OpenedRegister {
  scope: OrgScope
  serviceName: string
  /** Who may be ticked: id and name only (a register shows no more). */
  people: { connectionId: string; name: string }[]
}

/** Opens a register link: refused when unknown or expired. People whose consent is withdrawn drop off the list. */
export async function openRegister(db: Database, token: string, now = new Date()): Promise<OpenedRegister> {
  const scope = await scopeOfLink(db, token)
  if (!scope) throw new ConnectionsError('CONNECTIONS_LINK_INVALID')
  const register = await repo.findRegisterByTokenHash(scope, hashToken(token))
  if (!register || register.expiresAt < now) throw new ConnectionsError('CONNECTIONS_LINK_INVALID')
  const listed = await repo.listForRegister(scope, register.directoryServiceId)
  const history = await listConsentHistoryForPeople(scope, [...new Set(listed.map((c) => c.personId))])
  const agreed = new Set(
    [...new Set(history.map((h) => h.personId))].filter(
      (personId) =>
        currentConsents(history.filter((h) => h.personId === personId))['share-with-providers']?.given === true,
    ),
  )
  const people = listed
    .filter((c) => agreed.has(c.personId))
    .map((c) => ({ connectionId: c.id, name: c.shared['name'] ?? '' }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
  return { scope, serviceName: register.serviceName, people }
}

/** The group's register is read: audited on the service's chain, with how many people it showed. */
export async function readRegister(db: Database, token: string, audit: AuditActor): Promise<OpenedRegister> {
  const opened = await openRegister(db, token)
  await db.transaction((tx) =>
    appendAuditEvent(
      tx,
      { ...audit, organisationId: opened.scope.organisationId, role: 'provider-link' },
      { action: 'list', recordType: 'connection-register', recordId: null, details: { people: opened.people.length } },
    ),
  )
  return opened
}

/**
 * Records who came on a day. Each person's day is recorded once however often the register is sent; the first
 * session moves an accepted connection to started, and a later one moves it to going regularly.
 */
export async function recordRegister(
  db: Database,
  token: string,
  attendedOn: string,
  connectionIds: readonly string[],
  audit: AuditActor,
  now = new Date(),
): Promise<{ recorded: number }> {
  const opened = await openRegister(db, token, now)
  const listed = new Set(opened.people.map((p) => p.connectionId))
  const ids = [...new Set(connectionIds)].filter((id) => listed.has(id))
  if (ids.length !== new Set(connectionIds).size) throw new ConnectionsError('CONNECTIONS_NOT_ALLOWED_NOW')
  const { scope } = opened
  const recorded = await scope.db.transaction(async (tx) => {
    const txScope = inTransaction(scope, tx)
    const gained = await repo.insertAttendances(txScope, ids, {
      attendedOn,
      recordedThrough: 'register',
      recordedByName: `${opened.serviceName} (register)`,
      recordedAt: now,
    })
    const [counts, current] = await Promise.all([
      repo.countAttendances(txScope, gained),
      repo.listForRegister(
        txScope,
        (await repo.findRegisterByTokenHash(txScope, hashToken(token)))!.directoryServiceId,
      ),
    ])
    const statusOf = new Map(current.map((c) => [c.id, c.status]))
    const toStarted = gained.filter((id) => statusOf.get(id) === 'accepted')
    const toAttended = gained.filter((id) => statusOf.get(id) === 'started' && (counts.get(id) ?? 0) >= 2)
    await repo.advanceAfterAttendance(txScope, toStarted, toAttended, now)
    await appendAuditEvent(
      tx,
      { ...audit, organisationId: scope.organisationId, role: 'provider-link' },
      {
        action: 'connection.attendance',
        recordType: 'connection-register',
        recordId: null,
        details: { attendedOn, connectionIds: gained.join(',') },
      },
    )
    return gained.length
  })
  return { recorded }
}

/** A connection's sessions, newest first, for its page. */
export async function listSessions(scope: OrgScope, connection: Connection): Promise<string[]> {
  return (await repo.listAttendances(scope, connection.id)).map((a) => a.attendedOn)
}

/** What the link worker should follow up today across these episodes: unanswered groups and drop-offs. */
export async function followUpsFor(
  scope: AnyScope,
  episodeIds: readonly string[],
  today: string,
): Promise<CaseloadFollowUp[]> {
  const open = await repo.listOpenWithLastAttendance(scope, episodeIds)
  return open.flatMap((c) => {
    const text = followUpFor(c, today, workingDaysBetween)
    return text ? [{ referralId: c.referralId, href: `/caseload/${c.referralId}/connections/${c.id}`, text }] : []
  })
}

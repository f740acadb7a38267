// SPDX-License-Identifier: AGPL-3.0-or-later
// The links a group uses without an account (ADR 0021): the answer link for one connection, and the group's
// register of who came. The token is the credential; consent is re-read every time a link is opened.
import { appendAuditEvent, type AuditActor } from '../../platform/audit/audit.service.ts'
import type { Database } from '../../platform/db/database.ts'
import { createOrgScope, inTransaction, type OrgScope } from '../../platform/db/org-scope.ts'
import { londonToday, type ChangeActor } from '../casework/index.ts'
import {
  currentConsents,
  listConsentHistory,
  listConsentHistoryForPeople,
  mayShareWithProviders,
} from '../people/index.ts'
import {
  REGISTER_LINK_DAYS,
  providerMayAnswer,
  RESPONSE_LINK_DAYS,
  type Connection,
  type ProviderAnswer,
} from './connection.ts'
import { ConnectionsError } from './connections.errors.ts'
import * as attendance from './attendance.repository.ts'
import * as repo from './connections.repository.ts'
import { changeStatus, DAY_MS, markReferralConnected, type ConnectionCase } from './connections.service.ts'
import { recordSession } from './sessions.service.ts'
import { hashToken, newResponseToken, normaliseCheckInCode, organisationOfToken } from './link-token.ts'

// ---- The group's link: no account, the token is the credential ----

/** Who a change made through a group's link is recorded as, on the service's chain and the referral's history. */
export function groupActor(scope: OrgScope, audit: AuditActor, serviceName: string): ChangeActor {
  return {
    audit: { ...audit, organisationId: scope.organisationId, role: 'provider-link' },
    userId: null,
    name: serviceName,
  }
}

/**
 * Of these people, those whose consent to share with community providers is in force now (and who have not
 * withdrawn from support altogether): one query.
 */
export async function peopleWhoAgreedToShare(scope: OrgScope, personIds: readonly string[]): Promise<Set<string>> {
  if (personIds.length === 0) return new Set()
  const history = await listConsentHistoryForPeople(scope, [...new Set(personIds)])
  const byPerson = new Map<string, typeof history>()
  for (const h of history) byPerson.set(h.personId, [...(byPerson.get(h.personId) ?? []), h])
  return new Set([...byPerson].filter(([, own]) => mayShareWithProviders(currentConsents(own))).map(([id]) => id))
}

export interface OpenedLink {
  scope: OrgScope
  connection: Connection
}

/** The scope a link names (its first 32 characters are the organisation's id), or undefined. */
async function scopeOfLink(db: Database, token: string): Promise<OrgScope | undefined> {
  const organisationId = organisationOfToken(token)
  if (!organisationId) return undefined
  const organisation = await repo.findOrganisation(db, organisationId)
  return organisation ? createOrgScope(db, organisationId, organisation.areaId) : undefined
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
  if (!mayShareWithProviders(currentConsents(await listConsentHistory(scope, connection.personId))))
    throw new ConnectionsError('CONNECTIONS_CONSENT_WITHDRAWN')
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
  return answerConnection(scope, connection, answer, groupActor(scope, audit, connection.serviceName), now)
}

/** Records a group's answer (from its link or its account), and tells the referrer once the person is taken on. */
export async function answerConnection(
  scope: OrgScope,
  connection: Connection,
  answer: { status: ProviderAnswer; reason: string | null; note: string },
  actor: ChangeActor,
  now: Date,
): Promise<Connection> {
  if (!providerMayAnswer(connection.status, answer.status)) throw new ConnectionsError('CONNECTIONS_LINK_ANSWERED')
  await changeStatus(scope, connection, connection.rowVersion, answer, actor.audit, 'connection.answer', now, now)
  if (answer.status === 'accepted') await markReferralConnected(scope, [connection.referralId], actor, now)
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
    await attendance.upsertRegister(inTransaction(scope, tx), {
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
  directoryServiceId: string
  serviceName: string
  /** Who may be ticked: id and name only (a register shows no more). */
  people: { connectionId: string; name: string }[]
}

/** Opens a register link: refused when unknown or expired. People whose consent is withdrawn drop off the list. */
export async function openRegister(db: Database, token: string, now = new Date()): Promise<OpenedRegister> {
  const scope = await scopeOfLink(db, token)
  if (!scope) throw new ConnectionsError('CONNECTIONS_LINK_INVALID')
  const register = await attendance.findRegisterByTokenHash(scope, hashToken(token))
  if (!register || register.expiresAt < now) throw new ConnectionsError('CONNECTIONS_LINK_INVALID')
  const listed = await attendance.listForRegister(scope, register.directoryServiceId)
  const agreed = await peopleWhoAgreedToShare(
    scope,
    listed.map((c) => c.personId),
  )
  const people = listed
    .filter((c) => agreed.has(c.personId))
    .map((c) => ({ connectionId: c.id, name: c.shared['name'] ?? '' }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
  return { scope, directoryServiceId: register.directoryServiceId, serviceName: register.serviceName, people }
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
    const gained = await attendance.insertAttendances(txScope, ids, {
      attendedOn,
      recordedThrough: 'register',
      recordedByName: `${opened.serviceName} (register)`,
      recordedAt: now,
    })
    const [counts, current] = await Promise.all([
      attendance.countAttendances(txScope, gained),
      attendance.listForRegister(txScope, opened.directoryServiceId),
    ])
    const statusOf = new Map(current.map((c) => [c.id, c.status]))
    const toStarted = gained.filter((id) => statusOf.get(id) === 'accepted')
    const toAttended = gained.filter((id) => statusOf.get(id) === 'started' && (counts.get(id) ?? 0) >= 2)
    await attendance.advanceAfterAttendance(txScope, toStarted, toAttended, now)
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
    return { count: gained.length, started: current.filter((c) => toStarted.includes(c.id)).map((c) => c.referralId) }
  })
  await markReferralConnected(scope, recorded.started, groupActor(scope, audit, opened.serviceName), now)
  return { recorded: recorded.count }
}

export type CheckIn =
  | { outcome: 'checked-in'; firstName: string | null; serviceName: string }
  | { outcome: 'already'; firstName: string | null; serviceName: string }
  | { outcome: 'unknown-code' }

/**
 * A person checks in at the group with their own code, on the group's register link (the venue's device): today's
 * session is recorded once, and their first moves the connection to started. The page names them only when they
 * agreed to share with the group; a code for another group, or one that is not going, is simply not found.
 */
export async function recordCheckIn(
  db: Database,
  token: string,
  typedCode: string,
  audit: AuditActor,
  now = new Date(),
): Promise<CheckIn> {
  const opened = await openRegister(db, token, now)
  const code = normaliseCheckInCode(typedCode)
  const { scope } = opened
  const connection = code ? await attendance.findByCheckInCode(scope, opened.directoryServiceId, code) : undefined
  const linkAudit = { ...audit, organisationId: scope.organisationId, role: 'provider-link' }
  if (!connection) {
    await db.transaction((tx) =>
      appendAuditEvent(tx, linkAudit, {
        action: 'connection.check-in',
        recordType: 'connection-register',
        recordId: null,
        outcome: 'denied',
        details: { reason: 'unknown code' },
      }),
    )
    return { outcome: 'unknown-code' }
  }
  const gained = await recordSession(
    scope,
    connection,
    { attendedOn: londonToday(now), through: 'check-in', byName: `${opened.serviceName} (their own check-in)` },
    groupActor(scope, audit, opened.serviceName),
    now,
  )
  const agreed = (await peopleWhoAgreedToShare(scope, [connection.personId])).has(connection.personId)
  const firstName =
    agreed && connection.sharing !== 'self-contact' ? (connection.shared['name'] ?? '').split(' ')[0] || null : null
  return { outcome: gained ? 'checked-in' : 'already', firstName, serviceName: opened.serviceName }
}

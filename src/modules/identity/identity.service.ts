// SPDX-License-Identifier: AGPL-3.0-or-later
import { createHash, randomBytes } from 'node:crypto'
import { hash, verify } from '@node-rs/argon2'
import type { Actor, ActorResolver } from '../../platform/auth/actor.ts'
import { appendAuditEvent, recordAuditEvent, type AuditActor } from '../../platform/audit/audit.service.ts'
import type { Database } from '../../platform/db/database.ts'
import { inTransaction, type OrgScope } from '../../platform/db/org-scope.ts'
import {
  INVITATION_DAYS,
  isOrganisationType,
  isRole,
  LOCKOUT_MINUTES,
  MAX_FAILED_SIGN_INS,
  normaliseEmail,
  SESSION_ABSOLUTE_HOURS,
  SESSION_IDLE_MINUTES,
  type Organisation,
  type OrganisationType,
  type Role,
} from './identity.ts'
import { IdentityError } from './identity.errors.ts'
import * as repo from './identity.repository.ts'

// Verifying against this when the email is unknown makes both failures take the same time.
const TIMING_DECOY_HASH = await hash('waymark-timing-decoy-password')
// A session's last-seen time is written at most this often, not on every request.
const TOUCH_INTERVAL_MS = 60_000

export function hashPassword(password: string): Promise<string> {
  return hash(password)
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex')
}

function newToken(): string {
  return randomBytes(32).toString('base64url')
}

function toOrganisation(row: repo.OrganisationRow): Organisation {
  return {
    id: row.id,
    name: row.name,
    type: isOrganisationType(row.type) ? row.type : 'vcse',
    odsCode: row.odsCode,
    areaId: row.areaId,
  }
}

function rolesFrom(values: readonly string[] | null): Role[] {
  return (values ?? []).filter(isRole)
}

// ---- Sign-in and sessions ----

export type SignInResult =
  | { ok: true; sessionToken: string; userId: string; memberships: repo.MembershipWithOrganisation[] }
  | { ok: false; reason: 'invalid-credentials' | 'locked'; lockedUntil?: Date }

export async function signIn(
  db: Database,
  input: { email: string; password: string },
  origin: { ipAddress: string; correlationId: string },
): Promise<SignInResult> {
  const email = normaliseEmail(input.email)
  const now = new Date()
  const user = await repo.findUserByEmail(db, email)
  const platformActor: AuditActor = { userId: user?.id ?? null, organisationId: null, role: null, ...origin }

  if (!user || !user.passwordHash || user.disabledAt) {
    await verify(TIMING_DECOY_HASH, input.password).catch(() => false)
    await recordAuditEvent(db, platformActor, {
      action: 'sign-in',
      recordType: 'user',
      recordId: user?.id ?? null,
      outcome: 'failure',
      details: { reason: !user ? 'unknown-email' : user.disabledAt ? 'disabled' : 'no-password' },
    })
    return { ok: false, reason: 'invalid-credentials' }
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    await recordAuditEvent(db, platformActor, {
      action: 'sign-in',
      recordType: 'user',
      recordId: user.id,
      outcome: 'denied',
      details: { reason: 'locked' },
    })
    return { ok: false, reason: 'locked', lockedUntil: user.lockedUntil }
  }
  const passwordMatches = await verify(user.passwordHash, input.password).catch(() => false)
  if (!passwordMatches) {
    const lockUntil = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000)
    const after = await repo.recordFailedSignIn(db, user.id, MAX_FAILED_SIGN_INS, lockUntil)
    const nowLocked = after.lockedUntil !== null && after.lockedUntil > now
    await recordAuditEvent(db, platformActor, {
      action: 'sign-in',
      recordType: 'user',
      recordId: user.id,
      outcome: 'failure',
      details: { reason: 'wrong-password', failedAttempts: after.failedSignInCount, locked: nowLocked },
    })
    return nowLocked
      ? { ok: false, reason: 'locked', lockedUntil: after.lockedUntil! }
      : { ok: false, reason: 'invalid-credentials' }
  }

  const memberships = await repo.listMembershipsForUser(db, user.id)
  const only = memberships.length === 1 ? memberships[0]! : undefined
  const sessionToken = newToken()
  await db.transaction(async (tx) => {
    await repo.resetFailedSignIns(tx, user.id)
    await repo.insertSession(tx, {
      id: sha256(sessionToken),
      userId: user.id,
      organisationId: only?.organisationId ?? null,
      expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_HOURS * 3_600_000),
    })
    await appendAuditEvent(
      tx,
      {
        ...platformActor,
        organisationId: only?.organisationId ?? null,
        role: only ? [...only.roles].sort().join(',') : null,
      },
      { action: 'sign-in', recordType: 'user', recordId: user.id, details: { memberships: memberships.length } },
    )
  })
  return { ok: true, sessionToken, userId: user.id, memberships }
}

/** The platform's hook into identity: turns a session cookie into the person and their active organisation. */
export function createActorResolver(db: Database): ActorResolver {
  return async (sessionToken: string): Promise<Actor | null> => {
    const now = new Date()
    const sessionId = sha256(sessionToken)
    const row = await repo.findSessionActor(db, sessionId, now, new Date(now.getTime() - SESSION_IDLE_MINUTES * 60_000))
    if (!row) return null
    if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) await repo.touchSession(db, sessionId, now)
    const hasOrganisation = row.organisationId !== null && row.roles !== null
    return {
      sessionId,
      userId: row.userId,
      email: row.email,
      displayName: row.displayName,
      organisation: hasOrganisation
        ? { id: row.organisationId!, name: row.organisationName!, type: row.organisationType!, areaId: row.areaId! }
        : null,
      roles: hasOrganisation ? rolesFrom(row.roles) : [],
      membershipCount: row.membershipCount,
    }
  }
}

export async function listMembershipsOf(db: Database, userId: string): Promise<repo.MembershipWithOrganisation[]> {
  return repo.listMembershipsForUser(db, userId)
}

export async function chooseOrganisation(
  db: Database,
  actor: Actor,
  organisationId: string,
  origin: AuditActor,
): Promise<void> {
  const memberships = await repo.listMembershipsForUser(db, actor.userId)
  const chosen = memberships.find((m) => m.organisationId === organisationId)
  if (!chosen) throw new IdentityError('IDENTITY_NOT_A_MEMBER')
  await db.transaction(async (tx) => {
    await repo.setSessionOrganisation(tx, actor.sessionId, organisationId)
    await appendAuditEvent(
      tx,
      { ...origin, organisationId, role: [...chosen.roles].sort().join(',') },
      { action: 'choose-organisation', recordType: 'user', recordId: actor.userId },
    )
  })
}

export async function signOut(db: Database, actor: Actor, origin: AuditActor): Promise<void> {
  await db.transaction(async (tx) => {
    await repo.deleteSession(tx, actor.sessionId)
    await appendAuditEvent(tx, origin, { action: 'sign-out', recordType: 'user', recordId: actor.userId })
  })
}

export type ChangePasswordResult = { ok: true } | { ok: false; reason: 'wrong-current-password' }

/** Changes the password and ends every other session of the person (a stolen session dies with the old password). */
export async function changePassword(
  db: Database,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  origin: AuditActor,
): Promise<ChangePasswordResult> {
  const user = await repo.findUserById(db, actor.userId)
  if (!user?.passwordHash || !(await verify(user.passwordHash, input.currentPassword).catch(() => false))) {
    await recordAuditEvent(db, origin, {
      action: 'change-password',
      recordType: 'user',
      recordId: actor.userId,
      outcome: 'failure',
      details: { reason: 'wrong-current-password' },
    })
    return { ok: false, reason: 'wrong-current-password' }
  }
  const passwordHash = await hashPassword(input.newPassword)
  await db.transaction(async (tx) => {
    await repo.updateUserPassword(tx, actor.userId, passwordHash)
    await repo.deleteOtherSessions(tx, actor.userId, actor.sessionId)
    await appendAuditEvent(tx, origin, { action: 'change-password', recordType: 'user', recordId: actor.userId })
  })
  return { ok: true }
}

// ---- Administration of an organisation's members ----

export async function listMembersOf(
  scope: OrgScope,
  page: { limit: number; offset: number },
  origin: AuditActor,
): Promise<{ rows: repo.MemberRow[]; total: number }> {
  const result = await repo.listMembers(scope, page)
  await recordAuditEvent(scope.db, origin, {
    action: 'list',
    recordType: 'membership',
    details: { count: result.rows.length, offset: page.offset },
  })
  return result
}

export async function findMemberOrThrow(scope: OrgScope, userId: string, origin: AuditActor): Promise<repo.MemberRow> {
  const member = await repo.findMember(scope, userId)
  if (!member) throw new IdentityError('IDENTITY_USER_NOT_FOUND')
  await recordAuditEvent(scope.db, origin, { action: 'view', recordType: 'membership', recordId: userId })
  return member
}

export async function listOpenInvitationsOf(scope: OrgScope): Promise<repo.InvitationRow[]> {
  return repo.listOpenInvitations(scope, new Date())
}

export interface InvitationCreated {
  token: string
  expiresAt: Date
}

/** Invites a person to the organisation by email; the link in the invitation lets them set their password. */
export async function inviteMember(
  scope: OrgScope,
  invitedBy: string,
  input: { email: string; displayName: string; roles: Role[] },
  origin: AuditActor,
): Promise<InvitationCreated> {
  const email = normaliseEmail(input.email)
  const existing = await repo.findUserByEmail(scope.db, email)
  if (existing && (await repo.findMember(scope, existing.id))) throw new IdentityError('IDENTITY_USER_EXISTS')
  const token = newToken()
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000)
  await scope.db.transaction(async (tx) => {
    const invitation = await repo.insertInvitation(tx, scope, {
      tokenHash: sha256(token),
      email,
      displayName: input.displayName,
      roles: input.roles,
      invitedBy,
      expiresAt,
    })
    await appendAuditEvent(tx, origin, {
      action: 'invite',
      recordType: 'invitation',
      recordId: invitation.id,
      details: { roles: input.roles.join(',') },
    })
  })
  return { token, expiresAt }
}

export async function findInvitation(
  db: Database,
  token: string,
): Promise<{ invitation: repo.InvitationRow; organisation: Organisation; existingUser: boolean } | undefined> {
  const invitation = await repo.findOpenInvitationByTokenHash(db, sha256(token), new Date())
  if (!invitation) return undefined
  const organisation = await repo.findOrganisationById(db, invitation.organisationId)
  if (!organisation) return undefined
  const existingUser = (await repo.findUserByEmail(db, invitation.email)) !== undefined
  return { invitation, organisation: toOrganisation(organisation), existingUser }
}

/**
 * Accepts an invitation: creates the account, or, for someone who already has one, checks their current
 * password (an invitation must never let its sender take over an existing account) and adds the membership.
 * The invitation is marked used in the same transaction, so a double submission cannot accept twice.
 */
export async function acceptInvitation(
  db: Database,
  token: string,
  input: { password: string },
  origin: { ipAddress: string; correlationId: string },
): Promise<{ userId: string }> {
  const found = await findInvitation(db, token)
  if (!found) throw new IdentityError('IDENTITY_INVITATION_INVALID')
  const { invitation } = found
  const existing = await repo.findUserByEmail(db, invitation.email)
  if (
    existing &&
    !(existing.passwordHash && (await verify(existing.passwordHash, input.password).catch(() => false)))
  ) {
    throw new IdentityError('IDENTITY_WRONG_PASSWORD')
  }
  const passwordHash = existing ? null : await hashPassword(input.password)
  return db.transaction(async (tx) => {
    if (!(await repo.markInvitationAccepted(tx, invitation))) throw new IdentityError('IDENTITY_INVITATION_INVALID')
    const user =
      existing ??
      (await repo.insertUser(tx, {
        email: invitation.email,
        displayName: invitation.displayName,
        jobTitle: null,
        passwordHash,
      }))
    await repo.upsertMembership(tx, invitation.organisationId, user.id, invitation.roles)
    await appendAuditEvent(
      tx,
      { userId: user.id, organisationId: invitation.organisationId, role: null, ...origin },
      { action: 'accept-invitation', recordType: 'invitation', recordId: invitation.id },
    )
    return { userId: user.id }
  })
}

/** Sets a new password for a person, for an operator helping someone who has forgotten theirs. */
export async function resetPasswordByOperator(db: Database, email: string, password: string): Promise<void> {
  const user = await repo.findUserByEmail(db, normaliseEmail(email))
  if (!user) throw new IdentityError('IDENTITY_USER_NOT_FOUND')
  const passwordHash = await hashPassword(password)
  await db.transaction(async (tx) => {
    await repo.updateUserPassword(tx, user.id, passwordHash)
    await repo.deleteOtherSessions(tx, user.id, '')
    await appendAuditEvent(
      tx,
      { userId: null, organisationId: null, role: 'operator', ipAddress: null, correlationId: null },
      { action: 'reset-password', recordType: 'user', recordId: user.id },
    )
  })
}

export async function changeMemberRoles(
  scope: OrgScope,
  userId: string,
  roles: Role[],
  origin: AuditActor,
): Promise<void> {
  await scope.db.transaction(async (tx) => {
    const member = await repo.findMember(inTransaction(scope, tx), userId)
    if (!member) throw new IdentityError('IDENTITY_USER_NOT_FOUND')
    if (member.roles.includes('administrator') && !roles.includes('administrator')) {
      if ((await repo.countOtherAdministrators(tx, scope, userId)) === 0)
        throw new IdentityError('IDENTITY_LAST_ADMINISTRATOR')
    }
    await repo.updateMemberRoles(tx, scope, userId, roles)
    await appendAuditEvent(tx, origin, {
      action: 'change-roles',
      recordType: 'membership',
      recordId: userId,
      details: { from: [...member.roles].sort().join(','), to: [...roles].sort().join(',') },
    })
  })
}

export async function removeMember(scope: OrgScope, userId: string, origin: AuditActor): Promise<void> {
  await scope.db.transaction(async (tx) => {
    const member = await repo.findMember(inTransaction(scope, tx), userId)
    if (!member) throw new IdentityError('IDENTITY_USER_NOT_FOUND')
    if (member.roles.includes('administrator') && (await repo.countOtherAdministrators(tx, scope, userId)) === 0) {
      throw new IdentityError('IDENTITY_LAST_ADMINISTRATOR')
    }
    await repo.deleteMembership(tx, scope, userId)
    await appendAuditEvent(tx, origin, { action: 'remove-member', recordType: 'membership', recordId: userId })
  })
}

// ---- Bootstrap (CLI and seeding) ----

export async function findOrCreateArea(db: Database, name: string): Promise<{ id: string; name: string }> {
  return (await repo.findAreaByName(db, name)) ?? repo.insertArea(db, name)
}

export async function createOrganisation(
  db: Database,
  input: { areaName: string; name: string; type: OrganisationType; odsCode?: string | null },
): Promise<Organisation> {
  if (!isOrganisationType(input.type)) throw new IdentityError('IDENTITY_INVALID_INPUT', { field: 'type' })
  const odsCode = input.odsCode?.trim().toUpperCase() || null
  if (await repo.findOrganisationByNameOrOds(db, input.name, odsCode))
    throw new IdentityError('IDENTITY_ORGANISATION_EXISTS')
  const area = await findOrCreateArea(db, input.areaName)
  return toOrganisation(
    await repo.insertOrganisation(db, { areaId: area.id, name: input.name.trim(), type: input.type, odsCode }),
  )
}

export async function listAllOrganisations(db: Database): Promise<Organisation[]> {
  return (await repo.listOrganisations(db)).map(toOrganisation)
}

/**
 * Creates a user with a password and a membership, or adds the membership to an existing user.
 * Used by the operator CLI to bootstrap a deployment and by the demo seed.
 */
export async function createUserWithMembership(
  db: Database,
  input: {
    email: string
    displayName: string
    jobTitle?: string | null
    password: string
    organisationId: string
    roles: Role[]
  },
): Promise<{ userId: string; created: boolean }> {
  if (input.roles.length === 0 || !input.roles.every(isRole)) throw new IdentityError('IDENTITY_INVALID_ROLE')
  const organisation = await repo.findOrganisationById(db, input.organisationId)
  if (!organisation) throw new IdentityError('IDENTITY_ORGANISATION_NOT_FOUND')
  const email = normaliseEmail(input.email)
  const passwordHash = await hashPassword(input.password)
  return db.transaction(async (tx) => {
    const existing = await repo.findUserByEmail(tx, email)
    const user =
      existing ??
      (await repo.insertUser(tx, {
        email,
        displayName: input.displayName,
        jobTitle: input.jobTitle ?? null,
        passwordHash,
      }))
    await repo.upsertMembership(tx, organisation.id, user.id, [...new Set(input.roles)])
    await appendAuditEvent(
      tx,
      { userId: null, organisationId: organisation.id, role: 'operator', ipAddress: null, correlationId: null },
      { action: existing ? 'add-membership' : 'create-user', recordType: 'membership', recordId: user.id },
    )
    return { userId: user.id, created: !existing }
  })
}

/** Names of staff for display beside their ids (e.g. in the audit log), in one query. */
export async function displayNamesFor(db: Database, userIds: readonly string[]): Promise<Map<string, string>> {
  const rows = await repo.findDisplayNames(db, [...new Set(userIds)])
  return new Map(rows.map((row) => [row.id, row.displayName]))
}

/** The members of the active organisation, for pickers (e.g. the audit log's person filter). */
export async function listMemberChoices(scope: OrgScope): Promise<{ userId: string; displayName: string }[]> {
  const { rows } = await repo.listMembers(scope, { limit: 1000, offset: 0 })
  return rows.map((row) => ({ userId: row.userId, displayName: row.displayName }))
}

/** Removes sessions past their absolute expiry (a nightly job); idle ones are refused at lookup anyway. */
export async function deleteExpiredSessions(db: Database): Promise<number> {
  return repo.deleteExpiredSessions(db, new Date())
}

export async function listAllAreas(db: Database): Promise<{ id: string; name: string }[]> {
  return repo.listAreas(db)
}

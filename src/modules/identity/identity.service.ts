// SPDX-License-Identifier: AGPL-3.0-or-later
import { hashSecret, newSecret } from '../../platform/security/secrets.ts'
import { hash, verify } from '@node-rs/argon2'
import type { Actor, ActorResolver } from '../../platform/auth/actor.ts'
import { appendAuditEvent, recordAuditEvent, type AuditActor } from '../../platform/audit/audit.service.ts'
import type { Database } from '../../platform/db/database.ts'
import {
  isOrganisationType,
  isRole,
  LOCKOUT_MINUTES,
  MAX_FAILED_SIGN_INS,
  normaliseEmail,
  SESSION_ABSOLUTE_HOURS,
  SESSION_IDLE_MINUTES,
  type Organisation,
  type Role,
} from './identity.ts'
import { IdentityError } from './identity.errors.ts'
import * as repo from './identity.repository.ts'
import * as sessionsRepo from './sessions.repository.ts'

// Verifying against this when the email is unknown makes both failures take the same time.
const TIMING_DECOY_HASH = await hash('waymark-timing-decoy-password')
// A session's last-seen time is written at most this often, not on every request.
const TOUCH_INTERVAL_MS = 60_000

export function hashPassword(password: string): Promise<string> {
  return hash(password)
}

/** A session or invitation token is kept only as its hash. */
export const sha256 = hashSecret

export function newToken(): string {
  return newSecret()
}

export function toOrganisation(row: repo.OrganisationRow): Organisation {
  return {
    id: row.id,
    name: row.name,
    type: isOrganisationType(row.type) ? row.type : 'vcse',
    odsCode: row.odsCode,
    areaId: row.areaId,
  }
}

export function rolesFrom(values: readonly string[] | null): Role[] {
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

  return startSession(db, user.id, platformActor, { method: 'password' })
}

/**
 * A new session for someone who has proved who they are (password or identity provider): a fresh token (so a
 * session is never carried over a sign-in), the organisation chosen when they have one, the failed count reset.
 */
export async function startSession(
  db: Database,
  userId: string,
  platformActor: AuditActor,
  details: { method: 'password' | 'oidc' },
): Promise<Extract<SignInResult, { ok: true }>> {
  const now = new Date()
  const memberships = await repo.listMembershipsForUser(db, userId)
  const only = memberships.length === 1 ? memberships[0]! : undefined
  const sessionToken = newToken()
  await db.transaction(async (tx) => {
    await repo.resetFailedSignIns(tx, userId)
    await sessionsRepo.insertSession(tx, {
      id: sha256(sessionToken),
      userId,
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
      {
        action: 'sign-in',
        recordType: 'user',
        recordId: userId,
        details: { memberships: memberships.length, ...(details.method === 'oidc' ? { method: 'oidc' } : {}) },
      },
    )
  })
  return { ok: true, sessionToken, userId, memberships }
}

/** The platform's hook into identity: turns a session cookie into the person and their active organisation. */
export function createActorResolver(db: Database): ActorResolver {
  return async (sessionToken: string): Promise<Actor | null> => {
    const now = new Date()
    const sessionId = sha256(sessionToken)
    const row = await sessionsRepo.findSessionActor(
      db,
      sessionId,
      now,
      new Date(now.getTime() - SESSION_IDLE_MINUTES * 60_000),
    )
    if (!row) return null
    if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS)
      await sessionsRepo.touchSession(db, sessionId, now)
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
    await sessionsRepo.setSessionOrganisation(tx, actor.sessionId, organisationId)
    await appendAuditEvent(
      tx,
      { ...origin, organisationId, role: [...chosen.roles].sort().join(',') },
      { action: 'choose-organisation', recordType: 'user', recordId: actor.userId },
    )
  })
}

export async function signOut(db: Database, actor: Actor, origin: AuditActor): Promise<void> {
  await db.transaction(async (tx) => {
    await sessionsRepo.deleteSession(tx, actor.sessionId)
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
    await sessionsRepo.deleteOtherSessions(tx, actor.userId, actor.sessionId)
    await appendAuditEvent(tx, origin, { action: 'change-password', recordType: 'user', recordId: actor.userId })
  })
  return { ok: true }
}

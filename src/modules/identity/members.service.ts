// SPDX-License-Identifier: AGPL-3.0-or-later
// An organisation's members, administered by its administrators: listing, inviting, accepting an invitation,
// changing roles and removing someone. Every change is audited in its own transaction.
import { verify } from '@node-rs/argon2'
import { appendAuditEvent, recordAuditEvent, type AuditActor } from '../../platform/audit/audit.service.ts'
import type { Database } from '../../platform/db/database.ts'
import { inTransaction, type OrgScope } from '../../platform/db/org-scope.ts'
import { INVITATION_DAYS, normaliseEmail, type Organisation, type Role } from './identity.ts'
import { IdentityError } from './identity.errors.ts'
import * as repo from './identity.repository.ts'
import * as sessionsRepo from './sessions.repository.ts'
import { hashPassword, sha256, newToken, toOrganisation } from './identity.service.ts'

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
    await sessionsRepo.deleteOtherSessions(tx, user.id, '')
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

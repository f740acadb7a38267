// SPDX-License-Identifier: AGPL-3.0-or-later
import { anyOf, inArea } from '../../platform/db/tenant.ts'
import { and, asc, eq, gt, isNull, ne, sql } from 'drizzle-orm'
import type { Queryable, Tx } from '../../platform/db/database.ts'
import type { AnyScope, OrgScope } from '../../platform/db/org-scope.ts'
import type { sessions } from './identity.table.ts'
import { areas, invitations, memberships, organisations, userIdentities, users } from './identity.table.ts'
import { inTenant } from '../../platform/db/tenant.ts'

export type OrganisationRow = typeof organisations.$inferSelect
export type UserRow = typeof users.$inferSelect
export type SessionRow = typeof sessions.$inferSelect
export type InvitationRow = typeof invitations.$inferSelect

// ---- Areas and organisations (reference data: not tenant-scoped) ----

export async function findAreaByName(db: Queryable, name: string): Promise<{ id: string; name: string } | undefined> {
  const [row] = await db.select({ id: areas.id, name: areas.name }).from(areas).where(eq(areas.name, name)).limit(1)
  return row
}

export async function insertArea(db: Queryable, name: string): Promise<{ id: string; name: string }> {
  const [row] = await db.insert(areas).values({ name }).returning({ id: areas.id, name: areas.name })
  return row!
}

export async function listAreas(db: Queryable): Promise<{ id: string; name: string }[]> {
  return db.select({ id: areas.id, name: areas.name }).from(areas).orderBy(asc(areas.name))
}

export async function insertOrganisation(
  db: Queryable,
  values: { areaId: string; name: string; type: string; odsCode: string | null },
): Promise<OrganisationRow> {
  const [row] = await db.insert(organisations).values(values).returning()
  return row!
}

export async function findOrganisationById(db: Queryable, id: string): Promise<OrganisationRow | undefined> {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id)).limit(1)
  return row
}

export async function findOrganisationByNameOrOds(
  db: Queryable,
  name: string,
  odsCode: string | null,
): Promise<OrganisationRow | undefined> {
  const [row] = await db
    .select()
    .from(organisations)
    .where(
      odsCode
        ? sql`lower(${organisations.name}) = lower(${name}) or ${organisations.odsCode} = ${odsCode}`
        : sql`lower(${organisations.name}) = lower(${name})`,
    )
    .limit(1)
  return row
}

export async function listOrganisations(db: Queryable): Promise<OrganisationRow[]> {
  return db.select().from(organisations).orderBy(asc(organisations.name))
}

/** The organisations of an area, of one type when given, by name. */
export async function listOrganisationsInArea(
  db: Queryable,
  areaId: string,
  type?: string,
): Promise<OrganisationRow[]> {
  return db
    .select()
    .from(organisations)
    .where(inArea({ areaId }, organisations, type ? eq(organisations.type, type) : undefined))
    .orderBy(asc(organisations.name))
}

/** Organisations by id (any area), for naming them in a report. */
export async function listOrganisationsByIds(db: Queryable, ids: readonly string[]): Promise<OrganisationRow[]> {
  if (ids.length === 0) return []
  return db.select().from(organisations).where(anyOf(organisations.id, ids))
}

/** The community providers (voluntary and community organisations) with accounts in an area, by name. */
export async function listCommunityProviders(db: Queryable, areaId: string): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(inArea({ areaId }, organisations, eq(organisations.type, 'vcse')))
    .orderBy(asc(organisations.name))
}

// ---- Users (reference data: a person may belong to several organisations) ----

export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email)).limit(1)
  return row
}

/** The user an identity provider's subject is linked to. */
export async function findUserByIdentity(db: Queryable, issuer: string, subject: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select({ user: users })
    .from(userIdentities)
    .innerJoin(users, eq(users.id, userIdentities.userId))
    .where(and(eq(userIdentities.issuer, issuer), eq(userIdentities.subject, subject)))
    .limit(1)
  return row?.user
}

/** Links a provider's subject to a user; a second link of the same subject is ignored. */
export async function linkIdentity(db: Queryable, issuer: string, subject: string, userId: string): Promise<void> {
  await db.insert(userIdentities).values({ issuer, subject, userId }).onConflictDoNothing()
}

export async function findUserById(db: Queryable, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1)
  return row
}

export async function insertUser(
  db: Queryable,
  values: { email: string; displayName: string; jobTitle: string | null; passwordHash: string | null },
): Promise<UserRow> {
  const [row] = await db
    .insert(users)
    .values({ ...values, passwordChangedAt: values.passwordHash ? new Date() : null })
    .returning()
  return row!
}

export async function updateUserPassword(db: Queryable, userId: string, passwordHash: string): Promise<void> {
  await db
    .update(users)
    .set({ passwordHash, passwordChangedAt: new Date(), failedSignInCount: 0, lockedUntil: null })
    .where(eq(users.id, userId))
}

/** Counts a failed sign-in atomically and locks the account once the count reaches `maxFailures`. */
export async function recordFailedSignIn(
  db: Queryable,
  userId: string,
  maxFailures: number,
  lockUntil: Date,
): Promise<{ failedSignInCount: number; lockedUntil: Date | null }> {
  const [row] = await db
    .update(users)
    .set({
      failedSignInCount: sql`${users.failedSignInCount} + 1`,
      lockedUntil: sql`case when ${users.failedSignInCount} + 1 >= ${maxFailures} then ${lockUntil.toISOString()}::timestamptz else ${users.lockedUntil} end`,
    })
    .where(eq(users.id, userId))
    .returning({ failedSignInCount: users.failedSignInCount, lockedUntil: users.lockedUntil })
  return row!
}

export async function resetFailedSignIns(db: Queryable, userId: string): Promise<void> {
  await db.update(users).set({ failedSignInCount: 0, lockedUntil: null }).where(eq(users.id, userId))
}

// ---- Memberships ----

export interface MembershipWithOrganisation {
  organisationId: string
  organisationName: string
  organisationType: string
  areaId: string
  roles: string[]
}

export async function listMembershipsForUser(db: Queryable, userId: string): Promise<MembershipWithOrganisation[]> {
  return db
    .select({
      organisationId: organisations.id,
      organisationName: organisations.name,
      organisationType: organisations.type,
      areaId: organisations.areaId,
      roles: memberships.roles,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(organisations.name))
}

export async function upsertMembership(
  db: Queryable,
  organisationId: string,
  userId: string,
  roles: string[],
): Promise<void> {
  await db
    .insert(memberships)
    .values({ organisationId, userId, roles })
    .onConflictDoUpdate({ target: [memberships.organisationId, memberships.userId], set: { roles } })
}

export interface MemberRow {
  userId: string
  email: string
  displayName: string
  jobTitle: string | null
  roles: string[]
  disabledAt: Date | null
  lockedUntil: Date | null
  hasPassword: boolean
}

const memberColumns = {
  userId: users.id,
  email: users.email,
  displayName: users.displayName,
  jobTitle: users.jobTitle,
  roles: memberships.roles,
  disabledAt: users.disabledAt,
  lockedUntil: users.lockedUntil,
  hasPassword: sql<boolean>`${users.passwordHash} is not null`,
}

export async function listMembers(
  scope: OrgScope,
  page: { limit: number; offset: number },
): Promise<{ rows: MemberRow[]; total: number }> {
  const where = inTenant(scope, memberships)
  const [rows, [count]] = await Promise.all([
    scope.db
      .select(memberColumns)
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(where)
      .orderBy(asc(users.displayName), asc(users.id))
      .limit(page.limit)
      .offset(page.offset),
    scope.db
      .select({ total: sql<number>`count(*)::int` })
      .from(memberships)
      .where(where),
  ])
  return { rows, total: count?.total ?? 0 }
}

export async function findMember(scope: AnyScope, userId: string): Promise<MemberRow | undefined> {
  const [row] = await scope.db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(inTenant(scope, memberships, eq(memberships.userId, userId)))
    .limit(1)
  return row
}

export async function updateMemberRoles(tx: Tx, scope: OrgScope, userId: string, roles: string[]): Promise<void> {
  await tx
    .update(memberships)
    .set({ roles })
    .where(inTenant(scope, memberships, eq(memberships.userId, userId)))
}

export async function deleteMembership(tx: Tx, scope: OrgScope, userId: string): Promise<void> {
  await tx.delete(memberships).where(inTenant(scope, memberships, eq(memberships.userId, userId)))
}

/** Administrators other than `exceptUserId`, locked for the transaction so two removals cannot race. */
export async function countOtherAdministrators(tx: Tx, scope: OrgScope, exceptUserId: string): Promise<number> {
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(
      inTenant(
        scope,
        memberships,
        ne(memberships.userId, exceptUserId),
        sql`'administrator' = any(${memberships.roles})`,
      ),
    )
    .for('update')
  return rows.length
}

// ---- Invitations ----

export async function insertInvitation(
  tx: Tx,
  scope: OrgScope,
  values: {
    tokenHash: string
    email: string
    displayName: string
    roles: string[]
    invitedBy: string
    expiresAt: Date
  },
): Promise<InvitationRow> {
  const [row] = await tx
    .insert(invitations)
    .values({ ...values, organisationId: scope.organisationId })
    .returning()
  return row!
}

/**
 * Looks an invitation up by its token across organisations: the person accepting it is not signed in yet,
 * so there is no organisation to scope by. The token (256 random bits) is the authority.
 */
export async function findOpenInvitationByTokenHash(
  db: Queryable,
  tokenHash: string,
  now: Date,
): Promise<InvitationRow | undefined> {
  const [row] = await db
    .select()
    .from(invitations)
    .where(and(eq(invitations.tokenHash, tokenHash), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)))
    .limit(1)
  return row
}

export async function markInvitationAccepted(
  tx: Tx,
  invitation: { organisationId: string; id: string },
): Promise<boolean> {
  const rows = await tx
    .update(invitations)
    .set({ acceptedAt: new Date() })
    .where(
      and(
        eq(invitations.organisationId, invitation.organisationId),
        eq(invitations.id, invitation.id),
        isNull(invitations.acceptedAt),
      ),
    )
    .returning({ id: invitations.id })
  return rows.length === 1
}

export async function listOpenInvitations(scope: OrgScope, now: Date): Promise<InvitationRow[]> {
  return scope.db
    .select()
    .from(invitations)
    .where(inTenant(scope, invitations, isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)))
    .orderBy(asc(invitations.createdAt))
    .limit(100)
}

export async function findDisplayNames(
  db: Queryable,
  userIds: string[],
): Promise<{ id: string; displayName: string }[]> {
  if (userIds.length === 0) return []
  return db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(sql`${users.id} in ${userIds}`)
}

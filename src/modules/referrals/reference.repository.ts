// SPDX-License-Identifier: AGPL-3.0-or-later
// Reads of what referrals point at: the service's staff, organisations and services, SNOMED CT concept codes, and
// the reminder job's reads across every service (a system task).
import { and, asc, desc, eq, gt, isNull, lte, or, sql } from 'drizzle-orm'
import type { Database, Queryable } from '../../platform/db/database.ts'
import type { AnyScope, AreaScope } from '../../platform/db/org-scope.ts'
import { memberships, organisations, users } from '../identity/index.ts'
import { conceptCodes, referrals } from './referrals.table.ts'
import { anyOf, inArea, inTenant } from '../../platform/db/tenant.ts'
import { OPEN } from './referrals.repository.ts'

// ---- Staff of the service (identity's tables, read in one query for pickers and reminders) ----

/** Members of the service holding `role`, with their open caseload (referrals they own that are open). */
export async function listStaffWithCaseload(
  scope: AnyScope,
  role: string,
): Promise<{ userId: string; displayName: string; email: string; openCaseload: number }[]> {
  const rows = await scope.db
    .select({
      userId: users.id,
      displayName: users.displayName,
      email: users.email,
      openCaseload: sql<number>`(select count(*)::int from ${referrals} r where r.organisation_id = ${scope.organisationId} and r.owner_user_id = ${users.id} and r.status in (${OPEN}))`,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(inTenant(scope, memberships, sql`${role} = any(${memberships.roles})`, isNull(users.disabledAt)))
    .orderBy(asc(users.displayName))
  return rows
}

// ---- Reference data: organisations and concept codes ----

export async function listServicesInArea(scope: AreaScope): Promise<{ id: string; name: string }[]> {
  return scope.db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(inArea(scope, organisations, eq(organisations.type, 'social-prescribing-service')))
    .orderBy(asc(organisations.name))
}

export async function listAllServices(db: Queryable): Promise<{ id: string; name: string; areaId: string }[]> {
  return db
    .select({ id: organisations.id, name: organisations.name, areaId: organisations.areaId })
    .from(organisations)
    .where(eq(organisations.type, 'social-prescribing-service'))
    .orderBy(asc(organisations.name))
    .limit(500)
}

export async function findOrganisation(
  db: Queryable,
  organisationId: string,
): Promise<{ id: string; name: string; type: string; areaId: string } | undefined> {
  const [row] = await db
    .select({ id: organisations.id, name: organisations.name, type: organisations.type, areaId: organisations.areaId })
    .from(organisations)
    .where(eq(organisations.id, organisationId))
    .limit(1)
  return row
}

export async function upsertConceptCodes(db: Queryable, rows: (typeof conceptCodes.$inferInsert)[]): Promise<void> {
  await db.insert(conceptCodes).values(rows).onConflictDoNothing()
}

export async function findConceptCode(
  db: Queryable,
  purpose: string,
  onDate: string,
): Promise<{ system: string; code: string; display: string } | undefined> {
  const [row] = await db
    .select({ system: conceptCodes.system, code: conceptCodes.code, display: conceptCodes.display })
    .from(conceptCodes)
    .where(
      and(
        eq(conceptCodes.purpose, purpose),
        lte(conceptCodes.effectiveFrom, onDate),
        or(isNull(conceptCodes.effectiveTo), gt(conceptCodes.effectiveTo, onDate)),
      ),
    )
    .orderBy(desc(conceptCodes.effectiveFrom))
    .limit(1)
  return row
}

// ---- The reminder job (all services, system task) ----

/** Per service: open referrals without contact that are past or within `nearDate` of their target. */
export async function listServicesWithTargetAlerts(
  db: Database,
  today: string,
  nearDate: string,
): Promise<{ organisationId: string; areaId: string; overdue: number; near: number; urgent: number }[]> {
  const rows = await db
    .select({
      organisationId: referrals.organisationId,
      areaId: organisations.areaId,
      overdue: sql<number>`count(*) filter (where ${referrals.contactTargetDate} < ${today})::int`,
      near: sql<number>`count(*) filter (where ${referrals.contactTargetDate} >= ${today})::int`,
      urgent: sql<number>`count(*) filter (where ${referrals.urgency} = 'urgent')::int`,
    })
    .from(referrals)
    .innerJoin(organisations, eq(organisations.id, referrals.organisationId))
    .where(
      and(
        isNull(referrals.firstContactAt),
        sql`${referrals.status} in ('requested','accepted','in-progress')`,
        lte(referrals.contactTargetDate, nearDate),
      ),
    )
    .groupBy(referrals.organisationId, organisations.areaId)
  return rows
}

/**
 * Urgent referrals allocated to a link worker and not yet contacted, across every service, with the worker's
 * email (for the daily digest, which carries counts only). A system read for the reminder job.
 */
export async function listUrgentAwaitingFirstContact(db: Database): Promise<
  {
    organisationId: string
    referralId: string
    receivedAt: Date
    linkWorkerUserId: string
    linkWorkerEmail: string
    linkWorkerName: string
  }[]
> {
  const rows = await db
    .select({
      organisationId: referrals.organisationId,
      referralId: referrals.id,
      receivedAt: referrals.receivedAt,
      linkWorkerUserId: users.id,
      linkWorkerEmail: users.email,
      linkWorkerName: users.displayName,
    })
    .from(referrals)
    .innerJoin(users, eq(users.id, referrals.ownerUserId))
    .where(
      and(
        eq(referrals.urgency, 'urgent'),
        isNull(referrals.firstContactAt),
        sql`${referrals.status} in ('accepted','in-progress')`,
        isNull(users.disabledAt),
      ),
    )
  return rows
}

/** Active members holding `role` in any of these organisations, in one query (for the reminder job). */
export async function listMembersWithRoleIn(
  db: Database,
  organisationIds: readonly string[],
  role: string,
): Promise<{ organisationId: string; email: string; displayName: string }[]> {
  if (organisationIds.length === 0) return []
  return db
    .select({ organisationId: memberships.organisationId, email: users.email, displayName: users.displayName })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        anyOf(memberships.organisationId, organisationIds),
        sql`${role} = any(${memberships.roles})`,
        isNull(users.disabledAt),
      ),
    )
}

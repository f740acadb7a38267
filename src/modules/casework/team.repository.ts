// SPDX-License-Identifier: AGPL-3.0-or-later
// SQL for the team view, allocations and the service's casework settings. Users and memberships are
// identity's reference tables, joined read-only (conventions: the written exception).
import { and, asc, desc, eq, gte, isNull, lte, or, sql } from 'drizzle-orm'
import type { AnyScope, TxScope } from '../../platform/db/org-scope.ts'
import { memberships, users } from '../identity/index.ts'
import { allocations, episodes, linkWorkers, settings } from './casework.table.ts'
import type { CaseworkSettings, OpenEpisodeCounts, TeamMember } from './team.ts'
import { inTenant } from '../../platform/db/tenant.ts'

/** The service's link workers (active accounts), with their own capacity when set. */
export async function listTeamMembers(scope: AnyScope): Promise<TeamMember[]> {
  const rows = await scope.db
    .select({ userId: users.id, displayName: users.displayName, annualCapacity: linkWorkers.annualCapacity })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(
      linkWorkers,
      and(eq(linkWorkers.organisationId, memberships.organisationId), eq(linkWorkers.userId, memberships.userId)),
    )
    .where(inTenant(scope, memberships, sql`'link-worker' = any(${memberships.roles})`, isNull(users.disabledAt)))
    .orderBy(asc(users.displayName), asc(users.id))
  return rows
}

/**
 * People supported this year per link worker, in one GROUP BY: distinct people whose episode was open at any
 * time from `yearStart` to `today` (opened on or before today, and not closed before the year began).
 */
export async function countSupportedSince(
  scope: AnyScope,
  yearStart: string,
  today: string,
): Promise<Map<string, number>> {
  const rows = await scope.db
    .select({ userId: episodes.linkWorkerUserId, supported: sql<number>`count(distinct ${episodes.personId})::int` })
    .from(episodes)
    .where(
      inTenant(
        scope,
        episodes,
        lte(episodes.openedOn, today),
        or(isNull(episodes.closedOn), gte(episodes.closedOn, yearStart)),
      ),
    )
    .groupBy(episodes.linkWorkerUserId)
  return new Map(rows.map((r) => [r.userId, r.supported]))
}

/**
 * The open episodes of every link worker, counted in one GROUP BY: the complexity mix, and reviews past due
 * and people not contacted for `alertWeeks` among those not paused (paused clocks are stopped).
 */
export async function countOpenEpisodes(
  scope: AnyScope,
  today: string,
  alertWeeks: number,
): Promise<OpenEpisodeCounts[]> {
  const running = sql`${episodes.pausedOn} is null`
  const count = (condition: ReturnType<typeof sql>) => sql<number>`(count(*) filter (where ${condition}))::int`
  return scope.db
    .select({
      userId: episodes.linkWorkerUserId,
      open: sql<number>`count(*)::int`,
      level1: count(sql`${episodes.complexity} = 1`),
      level2: count(sql`${episodes.complexity} = 2`),
      level3: count(sql`${episodes.complexity} = 3`),
      notAssessed: count(sql`${episodes.complexity} is null`),
      overdueReviews: count(sql`${running} and ${episodes.nextReviewOn} < ${today}::date`),
      noRecentContact: count(
        sql`${running} and coalesce(${episodes.lastContactOn}, ${episodes.openedOn}) + ${alertWeeks * 7}::int <= ${today}::date`,
      ),
    })
    .from(episodes)
    .where(inTenant(scope, episodes, isNull(episodes.closedOn)))
    .groupBy(episodes.linkWorkerUserId)
}

// ---- Allocations ----

export async function insertAllocation(
  scope: TxScope,
  values: Omit<typeof allocations.$inferInsert, 'organisationId'>,
): Promise<void> {
  await scope.db.insert(allocations).values({ ...values, organisationId: scope.organisationId })
}

export interface AllocationRow {
  id: string
  fromUserId: string | null
  fromName: string | null
  toUserId: string
  toName: string
  reason: string
  allocatedByName: string
  allocatedAt: Date
}

export async function listAllocations(scope: AnyScope, episodeId: string, limit = 100): Promise<AllocationRow[]> {
  const fromUser = sql`(select display_name from ${users} u where u.id = ${allocations.fromUserId})`
  return scope.db
    .select({
      id: allocations.id,
      fromUserId: allocations.fromUserId,
      fromName: sql<string | null>`${fromUser}`,
      toUserId: allocations.toUserId,
      toName: users.displayName,
      reason: allocations.reason,
      allocatedByName: allocations.allocatedByName,
      allocatedAt: allocations.allocatedAt,
    })
    .from(allocations)
    .innerJoin(users, eq(users.id, allocations.toUserId))
    .where(inTenant(scope, allocations, eq(allocations.episodeId, episodeId)))
    .orderBy(desc(allocations.allocatedAt), desc(allocations.id))
    .limit(limit)
}

// ---- Settings and capacity ----

export async function findSettings(scope: AnyScope): Promise<CaseworkSettings | undefined> {
  const [row] = await scope.db.select().from(settings).where(inTenant(scope, settings))
  return row
    ? {
        defaultContactAllowance: row.defaultContactAllowance,
        longTermContactAllowance: row.longTermContactAllowance,
        defaultAnnualCapacity: row.defaultAnnualCapacity,
        followUpAfterWeeks: row.followUpAfterWeeks,
        noContactAlertWeeks: row.noContactAlertWeeks,
        updatedAt: row.updatedAt,
        updatedByName: row.updatedByName,
      }
    : undefined
}

type SettingsValues = Omit<CaseworkSettings, 'updatedAt' | 'updatedByName'>

/** Inserts the first settings row; false when a row already exists (someone saved first). */
export async function insertSettingsIfAbsent(
  scope: TxScope,
  values: SettingsValues,
  updatedByName: string,
  now: Date,
): Promise<boolean> {
  const rows = await scope.db
    .insert(settings)
    .values({ ...values, organisationId: scope.organisationId, updatedByName, updatedAt: now })
    .onConflictDoNothing({ target: settings.organisationId })
    .returning({ id: settings.organisationId })
  return rows.length > 0
}

/** Updates the settings if nobody saved them since `expectedUpdatedAt`. */
export async function updateSettings(
  scope: TxScope,
  values: SettingsValues,
  expectedUpdatedAt: Date,
  updatedByName: string,
  now: Date,
): Promise<boolean> {
  const rows = await scope.db
    .update(settings)
    .set({ ...values, updatedByName, updatedAt: now })
    .where(inTenant(scope, settings, eq(settings.updatedAt, expectedUpdatedAt)))
    .returning({ id: settings.organisationId })
  return rows.length > 0
}

/**
 * Sets a worker's yearly capacity (null: the service default). Only this column: the leaflet profile in the
 * same row belongs to the profile page.
 */
export async function upsertAnnualCapacity(
  scope: TxScope,
  userId: string,
  annualCapacity: number | null,
  now: Date,
): Promise<void> {
  await scope.db
    .insert(linkWorkers)
    .values({ organisationId: scope.organisationId, userId, annualCapacity, updatedAt: now })
    .onConflictDoUpdate({
      target: [linkWorkers.organisationId, linkWorkers.userId],
      // updated_at stays: the profile uses it to version the leaflet photo's address.
      set: { annualCapacity },
    })
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import { and, asc, desc, eq, gt, gte, isNull, lte, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { AnyScope } from '../../platform/db/org-scope.ts'
import { anyOf, inTenant } from '../../platform/db/tenant.ts'
import { users } from '../identity/index.ts'
import { people } from '../people/index.ts'
import { breakGlass, breakGlassReads, cover } from './person-access.table.ts'
import type { BreakGlassWindow, CoverRow, NewBreakGlass, NewCover } from './person-access.ts'

/** The link workers this one covers today. */
export async function listCoveredUserIds(scope: AnyScope, coveringUserId: string, today: string): Promise<string[]> {
  const rows = await scope.db
    .selectDistinct({ userId: cover.coveredUserId })
    .from(cover)
    .where(
      inTenant(scope, cover, eq(cover.coveringUserId, coveringUserId), gte(cover.endsOn, today), isNull(cover.endedAt)),
    )
  return rows.map((row) => row.userId)
}

/** Whether cover was already set with this submission key (a retried form). */
export async function coverExists(scope: AnyScope, submissionKey: string): Promise<boolean> {
  const rows = await scope.db
    .select({ id: cover.id })
    .from(cover)
    .where(inTenant(scope, cover, eq(cover.submissionKey, submissionKey)))
    .limit(1)
  return rows.length > 0
}

/** Cover in force today, soonest to end first, with both workers' names. */
export async function listCurrentCover(scope: AnyScope, today: string, limit: number): Promise<CoverRow[]> {
  const covering = alias(users, 'covering')
  const covered = alias(users, 'covered')
  return scope.db
    .select({
      id: cover.id,
      coveringUserId: cover.coveringUserId,
      coveringName: covering.displayName,
      coveredUserId: cover.coveredUserId,
      coveredName: covered.displayName,
      endsOn: cover.endsOn,
      setByName: cover.setByName,
      createdAt: cover.createdAt,
    })
    .from(cover)
    .innerJoin(covering, eq(covering.id, cover.coveringUserId))
    .innerJoin(covered, eq(covered.id, cover.coveredUserId))
    .where(inTenant(scope, cover, gte(cover.endsOn, today), isNull(cover.endedAt)))
    .orderBy(asc(cover.endsOn), asc(covered.displayName), asc(cover.id))
    .limit(limit)
}

/** Inserts cover once per submission key; answers whether this call inserted it. */
export async function insertCover(scope: AnyScope, row: NewCover): Promise<boolean> {
  const inserted = await scope.db
    .insert(cover)
    .values({ ...row, organisationId: scope.organisationId })
    .onConflictDoNothing()
    .returning({ id: cover.id })
  return inserted.length > 0
}

export async function endCover(scope: AnyScope, id: string, at: Date, byName: string): Promise<boolean> {
  const ended = await scope.db
    .update(cover)
    .set({ endedAt: at, endedByName: byName })
    .where(inTenant(scope, cover, eq(cover.id, id), isNull(cover.endedAt)))
    .returning({ id: cover.id })
  return ended.length > 0
}

const windowColumns = {
  id: breakGlass.id,
  userId: breakGlass.userId,
  userName: breakGlass.userName,
  reason: breakGlass.reason,
  startedAt: breakGlass.startedAt,
  expiresAt: breakGlass.expiresAt,
  endedAt: breakGlass.endedAt,
}

/** The link worker's break-glass window open at `now`, if any. */
export async function findOpenBreakGlass(
  scope: AnyScope,
  userId: string,
  now: Date,
): Promise<Omit<BreakGlassWindow, 'reads'> | undefined> {
  const [row] = await scope.db
    .select(windowColumns)
    .from(breakGlass)
    .where(
      inTenant(
        scope,
        breakGlass,
        eq(breakGlass.userId, userId),
        lte(breakGlass.startedAt, now),
        gt(breakGlass.expiresAt, now),
        isNull(breakGlass.endedAt),
      ),
    )
    .orderBy(desc(breakGlass.expiresAt))
    .limit(1)
  return row
}

/** Opens a window once per submission key (a retried form opens it once). */
export async function insertBreakGlass(scope: AnyScope, row: NewBreakGlass): Promise<void> {
  await scope.db
    .insert(breakGlass)
    .values({ ...row, organisationId: scope.organisationId })
    .onConflictDoNothing()
}

/** Closes the link worker's open windows; answers how many it closed. */
export async function endBreakGlass(scope: AnyScope, userId: string, now: Date): Promise<number> {
  const ended = await scope.db
    .update(breakGlass)
    .set({ endedAt: now })
    .where(
      inTenant(
        scope,
        breakGlass,
        eq(breakGlass.userId, userId),
        gt(breakGlass.expiresAt, now),
        isNull(breakGlass.endedAt),
      ),
    )
    .returning({ id: breakGlass.id })
  return ended.length
}

/** Notes that a record was opened in a window (the first time only). */
export async function insertBreakGlassRead(
  scope: AnyScope,
  breakGlassId: string,
  personId: string,
  at: Date,
): Promise<void> {
  await scope.db
    .insert(breakGlassReads)
    .values({ organisationId: scope.organisationId, breakGlassId, personId, firstReadAt: at })
    .onConflictDoNothing()
}

/** Windows opened since `since`, newest first, a page at a time, with the total. */
export async function listBreakGlassWindows(
  scope: AnyScope,
  since: Date,
  page: { limit: number; offset: number },
): Promise<{ rows: Omit<BreakGlassWindow, 'reads'>[]; total: number }> {
  const where = inTenant(scope, breakGlass, gte(breakGlass.startedAt, since))
  const [rows, [count]] = await Promise.all([
    scope.db
      .select(windowColumns)
      .from(breakGlass)
      .where(where)
      .orderBy(desc(breakGlass.startedAt), desc(breakGlass.id))
      .limit(page.limit)
      .offset(page.offset),
    scope.db
      .select({ total: sql<number>`count(*)::int` })
      .from(breakGlass)
      .where(where),
  ])
  return { rows, total: count?.total ?? 0 }
}

/** The records opened in these windows, in the order they were first opened, with the person's name. */
export async function listBreakGlassReads(
  scope: AnyScope,
  breakGlassIds: readonly string[],
): Promise<{ breakGlassId: string; personId: string; name: string; firstReadAt: Date }[]> {
  if (breakGlassIds.length === 0) return []
  return scope.db
    .select({
      breakGlassId: breakGlassReads.breakGlassId,
      personId: breakGlassReads.personId,
      name: sql<string>`${people.givenName} || ' ' || ${people.familyName}`,
      firstReadAt: breakGlassReads.firstReadAt,
    })
    .from(breakGlassReads)
    .innerJoin(
      people,
      and(eq(people.organisationId, breakGlassReads.organisationId), eq(people.id, breakGlassReads.personId)),
    )
    .where(inTenant(scope, breakGlassReads, anyOf(breakGlassReads.breakGlassId, breakGlassIds)))
    .orderBy(asc(breakGlassReads.firstReadAt))
}

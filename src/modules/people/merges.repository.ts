// SPDX-License-Identifier: AGPL-3.0-or-later
import { desc, eq, isNull, or, sql } from 'drizzle-orm'
import type { AnyScope, TxScope } from '../../platform/db/org-scope.ts'
import type { PersonMerge } from './merges.ts'
import { people, personMerges } from './people.table.ts'
import { anyOf, inTenant } from '../../platform/db/tenant.ts'

type MergeRow = typeof personMerges.$inferSelect

function toMerge(row: MergeRow): PersonMerge {
  return {
    id: row.id,
    keptPersonId: row.keptPersonId,
    mergedPersonId: row.mergedPersonId,
    reason: row.reason,
    mergedByName: row.mergedByName,
    mergedAt: row.mergedAt,
    undoneAt: row.undoneAt,
    undoneByName: row.undoneByName,
  }
}

/** Locks both records for the merge (in a fixed order, so two merges of the same pair cannot deadlock). */
export async function lockPeople(
  scope: TxScope,
  personIds: readonly string[],
): Promise<{ id: string; mergedIntoPersonId: string | null }[]> {
  const ids = [...new Set(personIds)].sort()
  const rows: { id: string; mergedIntoPersonId: string | null }[] = []
  for (const id of ids) {
    const [row] = await scope.db
      .select({ id: people.id, mergedIntoPersonId: people.mergedIntoPersonId })
      .from(people)
      .where(inTenant(scope, people, eq(people.id, id)))
      .for('update')
    if (row) rows.push(row)
  }
  return rows
}

export async function countMergedInto(scope: AnyScope, personId: string): Promise<number> {
  const [row] = await scope.db
    .select({ count: sql<number>`count(*)::int` })
    .from(people)
    .where(inTenant(scope, people, eq(people.mergedIntoPersonId, personId)))
  return row?.count ?? 0
}

/** Ids of the records merged into `personId` (its duplicates, still stored). */
export async function listMergedIds(scope: AnyScope, personId: string): Promise<string[]> {
  const rows = await scope.db
    .select({ id: people.id })
    .from(people)
    .where(inTenant(scope, people, eq(people.mergedIntoPersonId, personId)))
    .orderBy(people.createdAt)
  return rows.map((r) => r.id)
}

export async function setMergedInto(scope: TxScope, personId: string, keptId: string | null, at: Date): Promise<void> {
  await scope.db
    .update(people)
    .set({ mergedIntoPersonId: keptId, updatedAt: at, version: sql`${people.version} + 1` })
    .where(inTenant(scope, people, eq(people.id, personId)))
}

export async function insertMerge(
  scope: TxScope,
  values: Omit<typeof personMerges.$inferInsert, 'organisationId' | 'id'>,
): Promise<PersonMerge> {
  const [row] = await scope.db
    .insert(personMerges)
    .values({ ...values, organisationId: scope.organisationId })
    .returning()
  return toMerge(row!)
}

export async function findMerge(scope: AnyScope, mergeId: string): Promise<PersonMerge | undefined> {
  const [row] = await scope.db
    .select()
    .from(personMerges)
    .where(inTenant(scope, personMerges, eq(personMerges.id, mergeId)))
    .limit(1)
  return row ? toMerge(row) : undefined
}

/** Marks a merge undone; false when it already was (a second click, or someone else got there first). */
export async function markMergeUndone(scope: TxScope, mergeId: string, name: string, at: Date): Promise<boolean> {
  const rows = await scope.db
    .update(personMerges)
    .set({ undoneAt: at, undoneByName: name })
    .where(inTenant(scope, personMerges, eq(personMerges.id, mergeId), isNull(personMerges.undoneAt)))
    .returning({ id: personMerges.id })
  return rows.length > 0
}

/** Merges a record was part of, kept or merged, newest first. */
export async function listMergesOf(scope: AnyScope, personIds: readonly string[]): Promise<PersonMerge[]> {
  if (personIds.length === 0) return []
  const ids = [...new Set(personIds)]
  const rows = await scope.db
    .select()
    .from(personMerges)
    .where(
      inTenant(scope, personMerges, or(anyOf(personMerges.keptPersonId, ids), anyOf(personMerges.mergedPersonId, ids))),
    )
    .orderBy(desc(personMerges.mergedAt))
    .limit(100)
  return rows.map(toMerge)
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import { eq, isNull, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { AnyScope, TxScope } from '../../platform/db/org-scope.ts'
import { queriesTogether } from '../../platform/db/queries-together.ts'
import { isFlagKind, type NewFlag, type PersonFlag } from './flags.ts'
import { people, personFlags } from './people.table.ts'
import { anyOf, inTenant } from '../../platform/db/tenant.ts'

type FlagRow = typeof personFlags.$inferSelect

function toFlag(row: FlagRow): PersonFlag {
  return {
    id: row.id,
    personId: row.personId,
    kind: isFlagKind(row.kind) ? row.kind : 'other-risk',
    details: row.details,
    sourceKey: row.sourceKey,
    raisedByName: row.raisedByName,
    raisedAt: row.raisedAt,
    endedAt: row.endedAt,
    endedByName: row.endedByName,
    endedReason: row.endedReason,
  }
}

/** Inserts a flag unless one with the same source key is already on the person; returns it when new. */
export async function insertFlagIfNew(
  scope: TxScope,
  personId: string,
  flag: NewFlag,
  raisedBy: { userId: string | null; name: string },
  raisedAt: Date,
): Promise<PersonFlag | undefined> {
  const [row] = await scope.db
    .insert(personFlags)
    .values({
      organisationId: scope.organisationId,
      personId,
      kind: flag.kind,
      details: flag.details,
      sourceKey: flag.sourceKey,
      raisedByUserId: raisedBy.userId,
      raisedByName: raisedBy.name,
      raisedAt,
    })
    .onConflictDoNothing({ target: [personFlags.organisationId, personFlags.personId, personFlags.sourceKey] })
    .returning()
  return row ? toFlag(row) : undefined
}

export async function findFlag(scope: AnyScope, flagId: string): Promise<PersonFlag | undefined> {
  const [row] = await scope.db
    .select()
    .from(personFlags)
    .where(inTenant(scope, personFlags, eq(personFlags.id, flagId)))
    .limit(1)
  return row ? toFlag(row) : undefined
}

/** Ends a flag that is still active; returns false when it had already been ended (a retry or a race). */
export async function endFlag(
  scope: TxScope,
  flagId: string,
  ended: { name: string; reason: string; at: Date },
): Promise<boolean> {
  const rows = await scope.db
    .update(personFlags)
    .set({ endedAt: ended.at, endedByName: ended.name, endedReason: ended.reason })
    .where(inTenant(scope, personFlags, eq(personFlags.id, flagId), isNull(personFlags.endedAt)))
    .returning({ id: personFlags.id })
  return rows.length > 0
}

/**
 * Active flags for each requested person, including the flags on every record merged with theirs (a flag
 * raised on a duplicate must still show on the record kept, and the other way round). One query; merges
 * are never chained, so a record's group is its root (itself, or what it was merged into) and the records
 * merged into that root.
 */
export async function listActiveFlagsByPerson(
  scope: AnyScope,
  personIds: readonly string[],
): Promise<Map<string, PersonFlag[]>> {
  const result = new Map<string, PersonFlag[]>()
  const ids = [...new Set(personIds)]
  for (const id of ids) result.set(id, [])
  if (ids.length === 0) return result
  const requested = scope.db
    .select({
      requestedId: people.id,
      rootId: sql<string>`coalesce(${people.mergedIntoPersonId}, ${people.id})`.as('root_id'),
    })
    .from(people)
    .where(inTenant(scope, people, anyOf(people.id, ids)))
    .as('requested')
  const member = alias(people, 'member')
  // The group's members are the root and the records merged into it: two indexed joins, read together. (One join
  // on "id = root or merged_into = root" cannot use an index, so it read every person of the service once per
  // person asked about: 8,600 rows for one view of a 13-person caseload.)
  const [onRoot, onMerged] = await queriesTogether(scope.db, [
    () =>
      scope.db
        .select({ requestedId: requested.requestedId, flag: personFlags })
        .from(requested)
        .innerJoin(
          personFlags,
          inTenant(scope, personFlags, eq(personFlags.personId, requested.rootId), isNull(personFlags.endedAt)),
        ),
    () =>
      scope.db
        .select({ requestedId: requested.requestedId, flag: personFlags })
        .from(requested)
        .innerJoin(member, inTenant(scope, member, eq(member.mergedIntoPersonId, requested.rootId)))
        .innerJoin(
          personFlags,
          inTenant(scope, personFlags, eq(personFlags.personId, member.id), isNull(personFlags.endedAt)),
        ),
  ])
  for (const row of [...onRoot, ...onMerged]) result.get(row.requestedId)?.push(toFlag(row.flag))
  return result
}

/** Every flag (active and ended) on the given records, for the person page's history. */
export async function listFlagsForPeople(scope: AnyScope, personIds: readonly string[]): Promise<PersonFlag[]> {
  if (personIds.length === 0) return []
  const rows = await scope.db
    .select()
    .from(personFlags)
    .where(inTenant(scope, personFlags, anyOf(personFlags.personId, personIds)))
    .orderBy(personFlags.raisedAt)
  return rows.map(toFlag)
}

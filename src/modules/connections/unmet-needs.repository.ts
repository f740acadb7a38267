// SPDX-License-Identifier: AGPL-3.0-or-later
import { asc, count, gte, lte, eq } from 'drizzle-orm'
import type { AnyScope, ReportScope, TxScope } from '../../platform/db/org-scope.ts'
import { inTenant, inTenants, withTenant } from '../../platform/db/tenant.ts'
import { unmetNeeds } from './unmet-needs.table.ts'

export type UnmetNeedRow = typeof unmetNeeds.$inferSelect
export type UnmetNeedInsert = Omit<typeof unmetNeeds.$inferInsert, 'organisationId'>

/** Stores the need; undefined when the same form was already stored (its submission key). */
export async function insertUnmetNeed(scope: TxScope, values: UnmetNeedInsert): Promise<UnmetNeedRow | undefined> {
  const [row] = await scope.db
    .insert(unmetNeeds)
    .values(withTenant(scope, values))
    .onConflictDoNothing({ target: [unmetNeeds.organisationId, unmetNeeds.episodeId, unmetNeeds.submissionKey] })
    .returning()
  return row
}

/** The episode's unmet needs, oldest first (a handful). */
export async function listForEpisode(scope: AnyScope, episodeId: string): Promise<UnmetNeedRow[]> {
  return scope.db
    .select()
    .from(unmetNeeds)
    .where(inTenant(scope, unmetNeeds, eq(unmetNeeds.episodeId, episodeId)))
    .orderBy(asc(unmetNeeds.createdAt))
}

/** Unmet needs recorded in the period, counted by need, reason and postcode district: never a row. */
export async function countUnmetNeeds(
  scope: ReportScope,
  period: { from: string; to: string },
): Promise<{ need: string; reason: string; district: string; count: number }[]> {
  return scope.db
    .select({
      need: unmetNeeds.need,
      reason: unmetNeeds.reason,
      district: unmetNeeds.postcodeDistrict,
      count: count(),
    })
    .from(unmetNeeds)
    .where(inTenants(scope, unmetNeeds, gte(unmetNeeds.recordedOn, period.from), lte(unmetNeeds.recordedOn, period.to)))
    .groupBy(unmetNeeds.need, unmetNeeds.reason, unmetNeeds.postcodeDistrict)
}

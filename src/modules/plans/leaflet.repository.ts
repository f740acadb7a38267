// SPDX-License-Identifier: AGPL-3.0-or-later
import { asc, desc, eq, inArray, sql } from 'drizzle-orm'
import type { AnyScope } from '../../platform/db/org-scope.ts'
import type { LeafletPlan } from './leaflet.ts'
import { actions, goals, plans, servicesToTry } from './plans.table.ts'
import { inTenant } from '../../platform/db/tenant.ts'

/**
 * The version a leaflet prints for an episode: the newest agreed version, or the newest draft when nothing has
 * been agreed yet. Superseded versions never print. Four small queries, whatever the size of the plan.
 */
export async function findLeafletPlan(scope: AnyScope, episodeId: string): Promise<LeafletPlan | undefined> {
  const [plan] = await scope.db
    .select({
      id: plans.id,
      version: plans.version,
      status: plans.status,
      agreedOn: plans.agreedOn,
      reviewOn: plans.reviewOn,
      nextSteps: plans.nextSteps,
    })
    .from(plans)
    .where(inTenant(scope, plans, eq(plans.episodeId, episodeId), inArray(plans.status, ['agreed', 'draft'])))
    .orderBy(sql`case when ${plans.status} = 'agreed' then 0 else 1 end`, desc(plans.version))
    .limit(1)
  if (!plan) return undefined
  const ofPlan = <T extends typeof goals | typeof actions | typeof servicesToTry>(table: T) =>
    inTenant(scope, table, eq(table.planId, plan.id))
  const goalRows = await scope.db
    .select({ goalKey: goals.goalKey, inTheirWords: goals.inTheirWords, fiveWays: goals.fiveWays })
    .from(goals)
    .where(ofPlan(goals))
    .orderBy(asc(goals.position))
  const actionRows = await scope.db
    .select({
      goalKey: actions.goalKey,
      what: actions.what,
      who: actions.who,
      byWhen: actions.byWhen,
      done: actions.done,
    })
    .from(actions)
    .where(ofPlan(actions))
    .orderBy(asc(actions.position))
  const serviceRows = await scope.db
    .select({
      goalKey: servicesToTry.goalKey,
      directoryServiceId: servicesToTry.directoryServiceId,
      name: servicesToTry.name,
      details: servicesToTry.details,
    })
    .from(servicesToTry)
    .where(ofPlan(servicesToTry))
    .orderBy(asc(servicesToTry.position))
  return {
    ...plan,
    status: plan.status === 'agreed' ? 'agreed' : 'draft',
    goals: goalRows,
    actions: actionRows,
    services: serviceRows,
  }
}

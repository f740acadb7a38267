// SPDX-License-Identifier: AGPL-3.0-or-later
// What the plans module holds about a person, for their subject access export: every version of their plan, its
// goals, steps and services, and its reviews.
import { tenantRowsWhereIn } from '../../platform/db/tenant.ts'
import type { SubjectAccessSource } from '../../platform/module.ts'
import { actions, goalProgress, goals, plans, reviews, servicesToTry } from './plans.table.ts'

export const plansHeldRecords: SubjectAccessSource = async (scope, { personIds, episodeIds }) => {
  const [versions, planReviews] = await Promise.all([
    tenantRowsWhereIn(scope, plans, plans.personId, personIds),
    tenantRowsWhereIn(scope, reviews, reviews.episodeId, episodeIds),
  ])
  const planIds = versions.map((p) => String(p['id']))
  const [planGoals, planActions, planServices, progress] = await Promise.all([
    tenantRowsWhereIn(scope, goals, goals.planId, planIds),
    tenantRowsWhereIn(scope, actions, actions.planId, planIds),
    tenantRowsWhereIn(scope, servicesToTry, servicesToTry.planId, planIds),
    tenantRowsWhereIn(
      scope,
      goalProgress,
      goalProgress.reviewId,
      planReviews.map((r) => String(r['id'])),
    ),
  ])
  return [
    { title: 'Plans (every version)', rows: versions },
    { title: 'Plan goals', rows: planGoals },
    { title: 'Plan steps', rows: planActions },
    { title: 'Services in the plan', rows: planServices },
    { title: 'Plan reviews', rows: planReviews },
    { title: 'Progress towards goals', rows: progress },
  ]
}

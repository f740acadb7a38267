// SPDX-License-Identifier: AGPL-3.0-or-later
// The plans module's part in the retention schedule (issue 13): the person's own words in their plans, goals,
// actions and reviews are cleared; the goals' coded needs and ways to wellbeing, progress, dates and agreement stay.
import { anyOf, inTenant, updateTenantRowsWhereIn } from '../../platform/db/tenant.ts'
import type { RetentionPart } from '../../platform/module.ts'
import { actions, goalProgress, goals, plans, reviews, servicesToTry } from './plans.table.ts'

export const plansRetention: RetentionPart = {
  async anonymise(scope, { personIds, episodeIds }) {
    if (personIds.length === 0) return 0
    const [planIds, reviewIds] = await Promise.all([
      scope.db
        .select({ id: plans.id })
        .from(plans)
        .where(inTenant(scope, plans, anyOf(plans.personId, personIds))),
      episodeIds.length === 0
        ? []
        : scope.db
            .select({ id: reviews.id })
            .from(reviews)
            .where(inTenant(scope, reviews, anyOf(reviews.episodeId, episodeIds))),
    ]).then((found) => found.map((rows) => rows.map((row) => row.id)))
    const changed = await Promise.all([
      updateTenantRowsWhereIn(scope, plans, plans.id, planIds!, { nextSteps: '', agreementNote: '' }),
      updateTenantRowsWhereIn(scope, goals, goals.planId, planIds!, { inTheirWords: '', barriersText: '' }),
      updateTenantRowsWhereIn(scope, actions, actions.planId, planIds!, { what: '', who: '' }),
      updateTenantRowsWhereIn(scope, servicesToTry, servicesToTry.planId, planIds!, { details: '' }),
      updateTenantRowsWhereIn(scope, reviews, reviews.id, reviewIds!, { notes: '' }),
      updateTenantRowsWhereIn(scope, goalProgress, goalProgress.reviewId, reviewIds!, { note: '' }),
    ])
    return changed.reduce((sum, n) => sum + n, 0)
  },
}

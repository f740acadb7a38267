// SPDX-License-Identifier: AGPL-3.0-or-later
import { appendAuditEvent } from '../../platform/audit/audit.service.ts'
import { inTransaction, type AnyScope, type OrgScope } from '../../platform/db/org-scope.ts'
import { openCase, recordPlanDates, type ChangeActor } from '../casework/index.ts'
import type { NewReview, Review } from './plan.ts'
import { PlansError } from './plans.errors.ts'
import * as repo from './plans.repository.ts'

export async function listReviewsForEpisode(scope: AnyScope, episodeId: string): Promise<Review[]> {
  return repo.listReviews(scope, episodeId)
}

/**
 * Records a review of the agreed plan with the progress on each of its goals, and moves the episode's next
 * review (through casework, in the same transaction). A retried submission records once.
 */
export async function recordReview(
  scope: OrgScope,
  referralId: string,
  review: NewReview,
  actor: ChangeActor,
  options: { now?: Date } = {},
): Promise<{ created: boolean }> {
  const now = options.now ?? new Date()
  const { episode } = await openCase(scope, referralId, actor, { now })
  return scope.db.transaction(async (tx) => {
    const txScope = inTransaction(scope, tx)
    const agreed = await repo.findPlanSummary(txScope, episode.id, { status: 'agreed' })
    if (!agreed) throw new PlansError('PLANS_NOT_AGREED')
    const { goals, actions } = await repo.loadPlanParts(txScope, agreed.id)
    const goalKeys = new Set(goals.map((g) => g.goalKey))
    // Progress only for the agreed plan's goals: a form opened on an older version cannot add stray rows.
    const progress = review.progress.filter((p) => goalKeys.has(p.goalKey))
    const id = await repo.insertReviewIfNew(
      txScope,
      {
        episodeId: episode.id,
        planId: agreed.id,
        submissionKey: `${episode.id}:${review.submissionKey}`,
        reviewedOn: review.reviewedOn,
        notes: review.notes,
        nextReviewOn: review.nextReviewOn,
        recordedByUserId: actor.userId,
        recordedByName: actor.name,
        recordedAt: now,
      },
      progress,
    )
    if (!id) return { created: false }
    const actionsDone = review.actionsDone.filter((position) => position >= 0 && position < actions.length)
    await repo.setActionsDone(txScope, agreed.id, actionsDone)
    await appendAuditEvent(tx, actor.audit, {
      action: 'plan-review',
      recordType: 'plan',
      recordId: agreed.id,
      details: {
        reviewId: id,
        episodeId: episode.id,
        achieved: progress.filter((p) => p.progress === 'achieved').length,
        goals: progress.length,
        actionsDone: actionsDone.length,
      },
    })
    await recordPlanDates(txScope, referralId, { nextReviewOn: review.nextReviewOn }, actor.audit, { now })
    return { created: true }
  })
}

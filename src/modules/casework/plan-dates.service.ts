// SPDX-License-Identifier: AGPL-3.0-or-later
// How the plans module tells casework what a plan decided: the day the person first agreed a plan, and when the
// next review is. Casework owns the episode's dates (the caseload and reminders read them); plans only asks.
import { appendAuditEvent, type AuditActor } from '../../platform/audit/audit.service.ts'
import type { TxScope } from '../../platform/db/org-scope.ts'
import { CaseworkError } from './casework.errors.ts'
import * as repo from './casework.repository.ts'

export interface PlanDates {
  /** The day a plan was agreed; kept only the first time (the episode records when a plan was first in place). */
  agreedOn?: string
  /** The next review of the plan; replaces the episode's next review. */
  nextReviewOn?: string
}

/**
 * Records plan dates on the episode of `referralId`, inside the caller's transaction so the plan change and the
 * episode's dates commit together. Audited on the episode.
 */
export async function recordPlanDates(
  scope: TxScope,
  referralId: string,
  dates: PlanDates,
  audit: AuditActor,
  options: { now?: Date } = {},
): Promise<void> {
  const now = options.now ?? new Date()
  const episode = await repo.lockEpisodeByReferral(scope, referralId)
  if (!episode) throw new CaseworkError('CASEWORK_NOT_FOUND')
  const firstAgreement = dates.agreedOn !== undefined && episode.planAgreedOn === null
  const changes = {
    ...(firstAgreement ? { planAgreedOn: dates.agreedOn } : {}),
    ...(dates.nextReviewOn && dates.nextReviewOn !== episode.nextReviewOn ? { nextReviewOn: dates.nextReviewOn } : {}),
  }
  if (Object.keys(changes).length === 0) return
  await repo.updateEpisode(scope, episode.id, { ...changes, updatedAt: now })
  await appendAuditEvent(scope.db, audit, {
    action: 'episode-plan-dates',
    recordType: 'episode',
    recordId: episode.id,
    details: { planAgreedOn: firstAgreement, nextReviewOn: changes.nextReviewOn ?? null },
  })
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import { NEED_LABELS } from '../../../referrals/index.ts'
import {
  AGREEMENT_METHOD_LABELS,
  BARRIER_LABELS,
  FIVE_WAY_LABELS,
  PLAN_STATUS_LABELS,
  PROGRESS_LABELS,
  progressOverTime,
  type Plan,
  type PlanAction,
  type PlanService,
  type PlanSummary,
  type Progress,
  type Review,
} from '../../plan.ts'

const PROGRESS_TAGS: Record<Progress, string> = {
  'not-started': 'nhsuk-tag--grey',
  'some-progress': 'nhsuk-tag--blue',
  achieved: 'nhsuk-tag--green',
  'no-longer-relevant': 'nhsuk-tag--white',
}

function presentAction(a: PlanAction) {
  return { what: a.what, who: a.who, byWhen: a.byWhen, done: a.done }
}

function presentService(s: PlanService) {
  return { name: s.name, details: s.details, fromDirectory: s.directoryServiceId !== null, id: s.directoryServiceId }
}

/** A plan version as the pages show it: each goal with its actions, services and, when given, its progress. */
export function presentPlan(plan: Plan, reviews: readonly Review[] = []) {
  const progress = progressOverTime(reviews)
  return {
    version: plan.version,
    status: plan.status,
    statusLabel: PLAN_STATUS_LABELS[plan.status],
    agreedOn: plan.agreedOn,
    agreementMethod: plan.agreementMethod ? AGREEMENT_METHOD_LABELS[plan.agreementMethod] : null,
    agreementNote: plan.agreementNote,
    reviewOn: plan.reviewOn,
    nextSteps: plan.nextSteps,
    createdByName: plan.createdByName,
    createdAt: plan.createdAt,
    updatedAt: plan.updatedAt,
    goals: plan.goals.map((g, i) => {
      const history = progress.get(g.goalKey) ?? []
      return {
        n: i + 1,
        inTheirWords: g.inTheirWords,
        needs: g.needs.map((n) => NEED_LABELS[n]),
        fiveWays: g.fiveWays.map((w) => FIVE_WAY_LABELS[w]),
        barriers: [
          ...g.barriers.filter((b) => b !== 'other').map((b) => BARRIER_LABELS[b]),
          ...(g.barriersText ? [g.barriersText] : g.barriers.includes('other') ? [BARRIER_LABELS.other] : []),
        ],
        actions: plan.actions.filter((a) => a.goalKey === g.goalKey).map(presentAction),
        services: plan.services.filter((s) => s.goalKey === g.goalKey).map(presentService),
        progress: history.map((h) => ({
          ...h,
          label: PROGRESS_LABELS[h.progress],
          tagClass: PROGRESS_TAGS[h.progress],
        })),
      }
    }),
    wholePlanActions: plan.actions
      .filter((a) => a.goalKey === null || !plan.goals.some((g) => g.goalKey === a.goalKey))
      .map(presentAction),
    wholePlanServices: plan.services
      .filter((s) => s.goalKey === null || !plan.goals.some((g) => g.goalKey === s.goalKey))
      .map(presentService),
  }
}

export function presentVersions(versions: readonly PlanSummary[]) {
  return versions.map((v) => ({
    version: v.version,
    status: v.status,
    statusLabel: PLAN_STATUS_LABELS[v.status],
    agreedOn: v.agreedOn,
    createdByName: v.createdByName,
    createdAt: v.createdAt,
  }))
}

/** Reviews newest first, each goal named by its latest wording (its key is the same in every version). */
export function presentReviews(reviews: readonly Review[], goalWords: ReadonlyMap<string, string>) {
  const keys = [...goalWords.keys()]
  const order = (goalKey: string): number => {
    const index = keys.indexOf(goalKey)
    return index < 0 ? keys.length : index
  }
  return reviews.map((r) => ({
    reviewedOn: r.reviewedOn,
    planVersion: r.planVersion,
    notes: r.notes,
    nextReviewOn: r.nextReviewOn,
    recordedByName: r.recordedByName,
    // In the order of the plan's goals, so every review reads the same way down.
    progress: [...r.progress]
      .sort((a, b) => order(a.goalKey) - order(b.goalKey))
      .map((p) => ({
        goal: goalWords.get(p.goalKey) ?? 'A goal no longer in the plan',
        label: PROGRESS_LABELS[p.progress],
        tagClass: PROGRESS_TAGS[p.progress],
        note: p.note,
      })),
  }))
}

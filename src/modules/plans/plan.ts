// SPDX-License-Identifier: AGPL-3.0-or-later
// The personalised plan: goals in the person's own words, linked to needs and the five ways to wellbeing, the
// barriers in the way, actions with who does them and by when, services to try, and review dates. Plans are
// versioned: an agreed version is never changed; changing it starts a new draft, agreed in its turn.
import type { Need } from '../referrals/index.ts'

export const PLAN_STATUSES = ['draft', 'agreed', 'superseded'] as const
export type PlanStatus = (typeof PLAN_STATUSES)[number]
export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  draft: 'Draft, not yet agreed',
  agreed: 'Agreed',
  superseded: 'Replaced by a later version',
}

/** The five ways to wellbeing (New Economics Foundation). */
export const FIVE_WAYS = ['connect', 'be-active', 'take-notice', 'keep-learning', 'give'] as const
export type FiveWay = (typeof FIVE_WAYS)[number]
export const FIVE_WAY_LABELS: Record<FiveWay, string> = {
  connect: 'Connect',
  'be-active': 'Be active',
  'take-notice': 'Take notice',
  'keep-learning': 'Keep learning',
  give: 'Give',
}
export function isFiveWay(value: string): value is FiveWay {
  return (FIVE_WAYS as readonly string[]).includes(value)
}

export const BARRIERS = [
  'confidence',
  'anxiety',
  'transport',
  'cost',
  'mobility',
  'caring',
  'language',
  'digital',
  'other',
] as const
export type Barrier = (typeof BARRIERS)[number]
export const BARRIER_LABELS: Record<Barrier, string> = {
  confidence: 'Confidence',
  anxiety: 'Anxiety',
  transport: 'Transport',
  cost: 'Cost',
  mobility: 'Mobility',
  caring: 'Caring responsibilities',
  language: 'Language',
  digital: 'Getting online',
  other: 'Something else',
}
export function isBarrier(value: string): value is Barrier {
  return (BARRIERS as readonly string[]).includes(value)
}

export const AGREEMENT_METHODS = ['in-person', 'phone', 'video', 'signed-copy', 'carer', 'other'] as const
export type AgreementMethod = (typeof AGREEMENT_METHODS)[number]
export const AGREEMENT_METHOD_LABELS: Record<AgreementMethod, string> = {
  'in-person': 'In person',
  phone: 'By phone',
  video: 'By video call',
  'signed-copy': 'They signed a copy',
  carer: 'A carer or family member agreed on their behalf',
  other: 'Another way',
}
export function isAgreementMethod(value: string): value is AgreementMethod {
  return (AGREEMENT_METHODS as readonly string[]).includes(value)
}

export const PROGRESS_LEVELS = ['not-started', 'some-progress', 'achieved', 'no-longer-relevant'] as const
export type Progress = (typeof PROGRESS_LEVELS)[number]
export const PROGRESS_LABELS: Record<Progress, string> = {
  'not-started': 'Not started',
  'some-progress': 'Some progress',
  achieved: 'Achieved',
  'no-longer-relevant': 'No longer relevant',
}
export function isProgress(value: string): value is Progress {
  return (PROGRESS_LEVELS as readonly string[]).includes(value)
}

/** Enough for a plan a person can hold in mind; more goals than this is a sign to split the work. */
export const MAX_GOALS = 5
export const MAX_ACTIONS = 10
export const MAX_SERVICES = 6
export const GOAL_TEXT_MAX = 500
export const PLAN_TEXT_MAX = 2000

export interface PlanGoal {
  /** The same in every version of the plan, so progress follows the goal through changes of wording. */
  goalKey: string
  inTheirWords: string
  needs: Need[]
  fiveWays: FiveWay[]
  barriers: Barrier[]
  barriersText: string
}

export interface PlanAction {
  /** The goal it serves, or null for the plan as a whole. */
  goalKey: string | null
  what: string
  who: string
  byWhen: string | null
  done: boolean
}

export interface PlanService {
  goalKey: string | null
  /** A directory listing (its name copied, so the plan reads the same if the listing changes), or null. */
  directoryServiceId: string | null
  name: string
  details: string
}

/** What the plan form writes: everything a version holds apart from its status and agreement. */
export interface PlanContent {
  goals: PlanGoal[]
  actions: PlanAction[]
  services: PlanService[]
  reviewOn: string
  nextSteps: string
}

export interface Plan extends PlanContent {
  id: string
  episodeId: string
  personId: string
  version: number
  status: PlanStatus
  agreedOn: string | null
  agreementMethod: AgreementMethod | null
  agreementNote: string
  createdByName: string
  createdAt: Date
  updatedAt: Date
  rowVersion: number
}

export type PlanSummary = Omit<Plan, 'goals' | 'actions' | 'services'>

export interface Agreement {
  agreedOn: string
  method: AgreementMethod
  note: string
}

export interface GoalProgress {
  goalKey: string
  progress: Progress
  note: string
}

export interface Review {
  id: string
  planId: string
  planVersion: number
  reviewedOn: string
  notes: string
  nextReviewOn: string | null
  recordedByName: string
  recordedAt: Date
  progress: GoalProgress[]
}

export interface NewReview {
  submissionKey: string
  reviewedOn: string
  notes: string
  nextReviewOn: string
  progress: GoalProgress[]
  /**
   * The agreed plan's actions done by now, by their place in the plan (0 first). Whether an action is done is
   * progress, not what was agreed, so it is the one thing a review changes on the agreed version.
   */
  actionsDone: number[]
}

/**
 * What saving the plan form does to the latest version. A draft is changed in place; an agreed version is
 * never changed, so the change becomes the next version, a draft. `basedOn` is the version and row version the
 * form was opened on: if the plan moved on since (someone saved or agreed it), the change is refused.
 */
export type SaveDecision =
  | { kind: 'create'; version: number }
  | { kind: 'update'; planId: string; version: number }
  | { kind: 'conflict' }

export function decideSave(
  latest: Pick<Plan, 'id' | 'version' | 'status' | 'rowVersion'> | null,
  basedOn: { version: number; rowVersion: number } | null,
): SaveDecision {
  if (!latest) return basedOn ? { kind: 'conflict' } : { kind: 'create', version: 1 }
  if (!basedOn || basedOn.version !== latest.version || basedOn.rowVersion !== latest.rowVersion)
    return { kind: 'conflict' }
  if (latest.status === 'draft') return { kind: 'update', planId: latest.id, version: latest.version }
  return { kind: 'create', version: latest.version + 1 }
}

/**
 * Gives every goal its lasting key: a key the episode's plans already used is kept (the same goal, perhaps
 * reworded); any other key (a new goal, or one a form made up) is replaced by `newKey()`.
 */
export function assignGoalKeys<G extends { goalKey: string | null }>(
  goals: readonly G[],
  knownKeys: ReadonlySet<string>,
  newKey: () => string,
): (G & { goalKey: string })[] {
  const used = new Set<string>()
  return goals.map((g) => {
    const key = g.goalKey && knownKeys.has(g.goalKey) && !used.has(g.goalKey) ? g.goalKey : newKey()
    used.add(key)
    return { ...g, goalKey: key }
  })
}

/** Each goal's progress at every review, oldest first: how the goal moved over time. */
export function progressOverTime(
  reviews: readonly Review[],
): Map<string, { reviewedOn: string; progress: Progress; note: string }[]> {
  const byGoal = new Map<string, { reviewedOn: string; progress: Progress; note: string }[]>()
  const oldestFirst = [...reviews].sort(
    (a, b) => a.reviewedOn.localeCompare(b.reviewedOn) || a.recordedAt.getTime() - b.recordedAt.getTime(),
  )
  for (const review of oldestFirst) {
    for (const p of review.progress) {
      const list = byGoal.get(p.goalKey) ?? []
      list.push({ reviewedOn: review.reviewedOn, progress: p.progress, note: p.note })
      byGoal.set(p.goalKey, list)
    }
  }
  return byGoal
}

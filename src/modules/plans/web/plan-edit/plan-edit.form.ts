// SPDX-License-Identifier: AGPL-3.0-or-later
// The plan form: repeated blocks for goals, actions and services to try, grown by "add another" buttons that
// post the form back (so it works without JavaScript), and a directory search per service that does the same.
import { dateParts } from '../../../../platform/http/choices.ts'
import {
  SUBMISSION_KEY,
  isoDateFrom,
  listField,
  textField,
  type FieldErrors,
  type FormResult,
} from '../../../../platform/http/forms.ts'
import { isNeed } from '../../../referrals/index.ts'
import {
  GOAL_TEXT_MAX,
  isBarrier,
  isFiveWay,
  MAX_ACTIONS,
  MAX_GOALS,
  MAX_SERVICES,
  PLAN_TEXT_MAX,
  type Plan,
  type PlanContent,
} from '../../plan.ts'
import { isUuid } from '../../../../shared/uuid.ts'

const SHORT_MAX = 200
const DETAILS_MAX = 500

export interface GoalValues {
  key: string
  text: string
  needs: string[]
  ways: string[]
  barriers: string[]
  barriersText: string
}

export interface ActionValues {
  what: string
  who: string
  day: string
  month: string
  year: string
  /** The goal's number on the form (1, 2, ...), or '' for the plan as a whole. */
  goal: string
  done: boolean
}

export interface ServiceValues {
  query: string
  directoryId: string
  name: string
  details: string
  goal: string
}

export interface PlanFormValues {
  submissionKey: string
  basedOnVersion: string
  basedOnRowVersion: string
  goals: GoalValues[]
  actions: ActionValues[]
  services: ServiceValues[]
  reviewDay: string
  reviewMonth: string
  reviewYear: string
  nextSteps: string
}

export type FormAction =
  | { kind: 'save' }
  | { kind: 'add-goal' }
  | { kind: 'add-action' }
  | { kind: 'add-service' }
  | { kind: 'search-service'; slot: number }

export function readFormAction(body: unknown): FormAction {
  const value = textField(body, 'formAction', 40)
  if (value === 'add-goal' || value === 'add-action' || value === 'add-service') return { kind: value }
  const search = /^search-service-(\d{1,2})$/.exec(value)
  if (search) return { kind: 'search-service', slot: Number(search[1]) }
  return { kind: 'save' }
}

function countOf(body: unknown, name: string, max: number): number {
  const n = Number.parseInt(textField(body, name, 4), 10)
  return Number.isFinite(n) ? Math.min(Math.max(n, 1), max) : 1
}

export function readPlanForm(body: unknown): PlanFormValues {
  const goals = Array.from({ length: countOf(body, 'goalCount', MAX_GOALS) }, (_, i) => {
    const p = `goal${i + 1}`
    return {
      key: textField(body, `${p}Key`, 36),
      text: textField(body, `${p}Text`, GOAL_TEXT_MAX),
      needs: listField(body, `${p}Needs`).slice(0, 20),
      ways: listField(body, `${p}Ways`).slice(0, 10),
      barriers: listField(body, `${p}Barriers`).slice(0, 12),
      barriersText: textField(body, `${p}BarriersText`, SHORT_MAX),
    }
  })
  const actions = Array.from({ length: countOf(body, 'actionCount', MAX_ACTIONS) }, (_, i) => {
    const p = `action${i + 1}`
    return {
      what: textField(body, `${p}What`, SHORT_MAX),
      who: textField(body, `${p}Who`, SHORT_MAX),
      day: textField(body, `${p}Day`, 4),
      month: textField(body, `${p}Month`, 4),
      year: textField(body, `${p}Year`, 6),
      goal: textField(body, `${p}Goal`, 4),
      done: textField(body, `${p}Done`, 4) === 'yes',
    }
  })
  const services = Array.from({ length: countOf(body, 'serviceCount', MAX_SERVICES) }, (_, i) => {
    const p = `service${i + 1}`
    return {
      query: textField(body, `${p}Query`, 100),
      directoryId: textField(body, `${p}DirectoryId`, 36),
      name: textField(body, `${p}Name`, SHORT_MAX),
      details: textField(body, `${p}Details`, DETAILS_MAX),
      goal: textField(body, `${p}Goal`, 4),
    }
  })
  return {
    submissionKey: textField(body, 'submissionKey', 64),
    basedOnVersion: textField(body, 'basedOnVersion', 6),
    basedOnRowVersion: textField(body, 'basedOnRowVersion', 9),
    goals,
    actions,
    services,
    reviewDay: textField(body, 'reviewDay', 4),
    reviewMonth: textField(body, 'reviewMonth', 4),
    reviewYear: textField(body, 'reviewYear', 6),
    nextSteps: textField(body, 'nextSteps', PLAN_TEXT_MAX),
  }
}

export function emptyGoal(): GoalValues {
  return { key: '', text: '', needs: [], ways: [], barriers: [], barriersText: '' }
}
export function emptyAction(): ActionValues {
  return { what: '', who: '', day: '', month: '', year: '', goal: '', done: false }
}
export function emptyService(): ServiceValues {
  return { query: '', directoryId: '', name: '', details: '', goal: '' }
}

/** The form as the latest version left it (or empty for a first plan), for a new submission. */
export function valuesFromPlan(plan: Plan | null, submissionKey: string, defaultReviewOn: string): PlanFormValues {
  const slotOf = (goalKey: string | null): string => {
    const index = plan?.goals.findIndex((g) => g.goalKey === goalKey) ?? -1
    return index >= 0 ? String(index + 1) : ''
  }
  const review = dateParts(plan?.reviewOn || defaultReviewOn)
  return {
    submissionKey,
    basedOnVersion: plan ? String(plan.version) : '',
    basedOnRowVersion: plan ? String(plan.rowVersion) : '',
    goals: plan?.goals.length
      ? plan.goals.map((g) => ({
          key: g.goalKey,
          text: g.inTheirWords,
          needs: [...g.needs],
          ways: [...g.fiveWays],
          barriers: [...g.barriers],
          barriersText: g.barriersText,
        }))
      : [emptyGoal()],
    actions: plan?.actions.length
      ? plan.actions.map((a) => ({
          what: a.what,
          who: a.who,
          ...dateParts(a.byWhen),
          goal: slotOf(a.goalKey),
          done: a.done,
        }))
      : [emptyAction()],
    services: plan?.services.length
      ? plan.services.map((s) => ({
          query: '',
          directoryId: s.directoryServiceId ?? '',
          name: s.directoryServiceId ? '' : s.name,
          details: s.details,
          goal: slotOf(s.goalKey),
        }))
      : [emptyService()],
    reviewDay: review.day,
    reviewMonth: review.month,
    reviewYear: review.year,
    nextSteps: plan?.nextSteps ?? '',
  }
}

export interface ParsedPlanForm {
  submissionKey: string
  basedOn: { version: number; rowVersion: number } | null
  /** Services chosen from the directory carry an empty name until the directory is asked for it. */
  content: PlanContent
}

/** A goal's key on the form: a real one for a goal saved before, or a stand-in the service replaces. */
function formGoalKey(goal: GoalValues, slot: number): string {
  return isUuid(goal.key) ? goal.key : `new-${slot}`
}

/**
 * Parses the plan form. Blank rows are left out (so "add another" never forces an answer); a row with some
 * answers must be complete. Errors are keyed by the field's id on the page.
 */
export function parsePlanForm(
  values: PlanFormValues,
  today: string,
  latestReviewOn: string,
): FormResult<ParsedPlanForm> {
  const errors: FieldErrors = {}
  if (!SUBMISSION_KEY.test(values.submissionKey))
    errors['goal1Text'] = 'This form has expired. Reload the page and try again'
  let basedOn: ParsedPlanForm['basedOn'] = null
  if (values.basedOnVersion || values.basedOnRowVersion) {
    const version = Number(values.basedOnVersion)
    const rowVersion = Number(values.basedOnRowVersion)
    if (!Number.isInteger(version) || !Number.isInteger(rowVersion) || version < 1 || rowVersion < 1)
      errors['goal1Text'] = 'This form has expired. Reload the page and try again'
    else basedOn = { version, rowVersion }
  }

  // Goals: the number on the form → the key actions and services use.
  const slotKeys = new Map<string, string>()
  const goals: PlanContent['goals'] = []
  values.goals.forEach((g, i) => {
    const slot = i + 1
    const id = `goal${slot}`
    const anything = g.text || g.needs.length || g.ways.length || g.barriers.length || g.barriersText
    if (!anything) return
    if (!g.text) errors[`${id}Text`] = `Enter goal ${slot} in the person’s own words`
    else if (g.text.length > GOAL_TEXT_MAX)
      errors[`${id}Text`] = `Goal ${slot} must be ${GOAL_TEXT_MAX} characters or fewer`
    const needs = g.needs.filter(isNeed)
    const ways = g.ways.filter(isFiveWay)
    const barriers = g.barriers.filter(isBarrier)
    if (needs.length !== g.needs.length) errors[`${id}Needs`] = `Select needs for goal ${slot} from the list`
    if (ways.length !== g.ways.length) errors[`${id}Ways`] = `Select ways to wellbeing for goal ${slot} from the list`
    if (barriers.length !== g.barriers.length)
      errors[`${id}Barriers`] = `Select barriers for goal ${slot} from the list`
    else if (barriers.includes('other') && !g.barriersText)
      errors[`${id}BarriersText`] = `Enter the other barrier to goal ${slot}`
    if (g.barriersText.length > SHORT_MAX)
      errors[`${id}BarriersText`] = `Other barriers must be ${SHORT_MAX} characters or fewer`
    const key = formGoalKey(g, slot)
    slotKeys.set(String(slot), key)
    goals.push({
      goalKey: key,
      inTheirWords: g.text,
      needs,
      fiveWays: ways,
      barriers,
      barriersText: g.barriersText,
    })
  })
  if (goals.length === 0 && !errors['goal1Text'])
    errors['goal1Text'] = 'Enter at least one goal in the person’s own words'

  const goalFor = (slot: string, field: string, what: string): string | null => {
    if (!slot) return null
    const key = slotKeys.get(slot)
    if (!key) errors[field] = `${what} is for a goal that is blank. Choose another goal, or the whole plan`
    return key ?? null
  }

  const actions: PlanContent['actions'] = []
  values.actions.forEach((a, i) => {
    const n = i + 1
    const id = `action${n}`
    if (!a.what && !a.who && !a.day && !a.month && !a.year && !a.goal) return
    if (!a.what) errors[`${id}What`] = `Enter what action ${n} is`
    if (!a.who) errors[`${id}Who`] = `Enter who does action ${n}`
    let byWhen: string | null = null
    if (a.day || a.month || a.year) {
      const date = isoDateFrom(a.day, a.month, a.year)
      if (!date) errors[`${id}Day`] = `The date for action ${n} must be a real date`
      else byWhen = date
    }
    actions.push({
      goalKey: goalFor(a.goal, `${id}Goal`, `Action ${n}`),
      what: a.what,
      who: a.who,
      byWhen,
      done: a.done,
    })
  })

  const services: PlanContent['services'] = []
  values.services.forEach((s, i) => {
    const n = i + 1
    const id = `service${n}`
    const directoryId = s.directoryId && isUuid(s.directoryId) ? s.directoryId : null
    if (!directoryId && !s.name && !s.details && !s.goal) return
    if (!directoryId && !s.name)
      errors[`${id}Query`] = `Choose service ${n} from the directory, or enter its name if it is not listed`
    services.push({
      goalKey: goalFor(s.goal, `${id}Goal`, `Service ${n}`),
      directoryServiceId: directoryId,
      name: directoryId ? '' : s.name,
      details: s.details,
    })
  })

  let reviewOn: string | undefined
  if (!values.reviewDay && !values.reviewMonth && !values.reviewYear)
    errors['reviewDay'] = 'Enter the date to review the plan'
  else {
    reviewOn = isoDateFrom(values.reviewDay, values.reviewMonth, values.reviewYear)
    if (!reviewOn) errors['reviewDay'] = 'Review date must be a real date'
    // A review date already set may have passed while the plan waited; a new one must be ahead.
    else if (reviewOn < today && reviewOn !== latestReviewOn)
      errors['reviewDay'] = 'Review date must be today or in the future'
    else if (reviewOn > `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`)
      errors['reviewDay'] = 'Review date must be within a year'
  }
  if (values.nextSteps.length > PLAN_TEXT_MAX)
    errors['nextSteps'] = `Next steps must be ${PLAN_TEXT_MAX} characters or fewer`

  if (Object.keys(errors).length > 0 || !reviewOn) return { ok: false, errors }
  return {
    ok: true,
    value: {
      submissionKey: values.submissionKey,
      basedOn,
      content: { goals, actions, services, reviewOn, nextSteps: values.nextSteps },
    },
  }
}

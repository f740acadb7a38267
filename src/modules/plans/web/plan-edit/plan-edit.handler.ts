// SPDX-License-Identifier: AGPL-3.0-or-later
import { choicesFrom, type Choice } from '../../../../platform/http/choices.ts'
import { randomUUID } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../../../../config.ts'
import { actionFold, serviceFold } from './plan-edit.presenter.ts'
import { errorListFor, type FieldErrors } from '../../../../platform/http/forms.ts'
import { addDays, findNeedsInForce, londonToday, openCase, type Case } from '../../../casework/index.ts'
import { searchDirectory } from '../../../directory/index.ts'
import { NEED_LABELS, type Need } from '../../../referrals/index.ts'
import { BARRIER_LABELS, FIVE_WAY_LABELS, MAX_ACTIONS, MAX_GOALS, MAX_SERVICES, type Plan } from '../../plan.ts'
import { PlansError } from '../../plans.errors.ts'
import { findCurrentPlan, findDirectoryServiceNames, savePlan } from '../../plans.service.ts'
import { changeActorOf, referralIdOf, type CaseParams } from '../shared.ts'
import {
  emptyAction,
  emptyGoal,
  emptyService,
  parsePlanForm,
  readFormAction,
  readPlanForm,
  valuesFromPlan,
  type PlanFormValues,
} from './plan-edit.form.ts'

/** Search results shown under one service row: id and name, plus where and when to help choose. */
interface Found {
  id: string
  name: string
  hint: string
}

interface RenderState {
  found: Case
  plan: Plan | null
  values: PlanFormValues
  errors: FieldErrors
  results?: { slot: number; items: Found[]; query: string }
  status?: number
}

async function render(request: FastifyRequest<CaseParams>, reply: FastifyReply, state: RenderState) {
  const { found, plan, values, errors } = state
  const scope = request.orgScope()
  const p = found.referral.person
  const { needs: inForce } = await findNeedsInForce(scope, found.episode.id, found.referral.needs)
  const chosenIds = values.services.map((s) => s.directoryId).filter(Boolean)
  const names = await findDirectoryServiceNames(scope, chosenIds)
  const goalOptions = (chosen: string): Choice[] => [
    { value: '', text: 'The plan as a whole', selected: chosen === '' },
    ...values.goals.map((g, i) => ({
      value: String(i + 1),
      text: `Goal ${i + 1}${g.text ? `: ${g.text.length > 60 ? `${g.text.slice(0, 57)}…` : g.text}` : ''}`,
      selected: chosen === String(i + 1),
    })),
  ]
  return reply.page(
    'modules/plans/web/plan-edit/plan-edit.njk',
    {
      pageTitle: `${plan ? 'Change' : 'Make'} the plan with ${p.givenName} ${p.familyName}`,
      backLinkHref: `/caseload/${found.referral.id}/plan`,
      referralId: found.referral.id,
      personName: `${p.givenName} ${p.familyName}`,
      givenName: p.givenName,
      plan: plan && { version: plan.version, status: plan.status, agreedOn: plan.agreedOn },
      values,
      errors,
      errorList: errorListFor(errors),
      goals: values.goals.map((g, i) => {
        const needs = [...new Set<Need>([...inForce, ...(g.needs as Need[]).filter((n) => n in NEED_LABELS)])]
        return {
          n: i + 1,
          values: g,
          needItems: needs.map((n) => ({ value: n, text: NEED_LABELS[n], checked: g.needs.includes(n) })),
          wayItems: choicesFrom(FIVE_WAY_LABELS, g.ways),
          barrierItems: choicesFrom(BARRIER_LABELS, g.barriers),
          // Five ways and barriers fold away under a summary naming what is chosen; open when one has an error.
          more: {
            chosen: [
              ...g.ways.flatMap((w) => FIVE_WAY_LABELS[w as keyof typeof FIVE_WAY_LABELS] ?? []),
              ...g.barriers.flatMap((b) => BARRIER_LABELS[b as keyof typeof BARRIER_LABELS] ?? []),
              ...(g.barriersText ? [g.barriersText] : []),
            ].join(', '),
            open: ['Ways', 'Barriers', 'BarriersText'].some((f) => errors[`goal${i + 1}${f}`]),
          },
        }
      }),
      actions: values.actions.map((a, i) => ({
        n: i + 1,
        values: a,
        goalItems: goalOptions(a.goal),
        fold: actionFold(a, i + 1, errors),
      })),
      services: values.services.map((s, i) => {
        const slot = i + 1
        const results = state.results?.slot === slot ? state.results.items : []
        const options: Choice[] = []
        if (s.directoryId && names.has(s.directoryId) && !results.some((r) => r.id === s.directoryId))
          options.push({ value: s.directoryId, text: names.get(s.directoryId)!, checked: true })
        for (const r of results)
          options.push({
            value: r.id,
            text: r.name,
            checked: r.id === s.directoryId,
            ...(r.hint ? { hint: { text: r.hint } } : {}),
          })
        return {
          n: slot,
          values: s,
          searched: state.results?.slot === slot,
          directoryItems: options.length
            ? [...options, { value: '', text: 'None of these', checked: !s.directoryId }]
            : [],
          goalItems: goalOptions(s.goal),
          fold: serviceFold(
            s,
            slot,
            errors,
            s.directoryId ? names.get(s.directoryId) : undefined,
            state.results?.slot === slot,
          ),
        }
      }),
      canAddGoal: values.goals.length < MAX_GOALS,
      canAddAction: values.actions.length < MAX_ACTIONS,
      canAddService: values.services.length < MAX_SERVICES,
      maxGoals: MAX_GOALS,
    },
    state.status ?? 200,
  )
}

export async function showPlanEdit(request: FastifyRequest<CaseParams>, reply: FastifyReply) {
  const scope = request.orgScope()
  const found = await openCase(scope, referralIdOf(request), changeActorOf(request))
  const plan = await findCurrentPlan(scope, found.episode.id)
  // A first plan suggests the episode's next review, unless that has passed (then six weeks from today).
  const today = londonToday()
  const suggested = found.episode.nextReviewOn >= today ? found.episode.nextReviewOn : addDays(today, 42)
  const values = valuesFromPlan(plan, randomUUID(), suggested)
  return render(request, reply, { found, plan, values, errors: {} })
}

async function searchFor(request: FastifyRequest, config: Config, query: string): Promise<Found[]> {
  const { items } = await searchDirectory(
    request.orgScope(),
    {
      text: query,
      needCode: null,
      wayCode: null,
      centre: null,
      radiusMetres: null,
      days: [],
      timeOfDay: null,
      age: null,
      cost: null,
      accessibility: [],
      newcomers: false,
      hasCapacity: false,
      limit: 6,
      offset: 0,
    },
    config.directoryFreshnessDays,
  )
  return items.map((item) => ({
    id: item.id,
    name: item.name,
    hint: [item.nearest?.name ?? '', item.cost].filter(Boolean).join(' · '),
  }))
}

export function submitPlanEdit(config: Config) {
  return async (request: FastifyRequest<CaseParams>, reply: FastifyReply) => {
    const referralId = referralIdOf(request)
    const scope = request.orgScope()
    const actor = changeActorOf(request)
    const found = await openCase(scope, referralId, actor)
    const plan = await findCurrentPlan(scope, found.episode.id)
    const values = readPlanForm(request.body)
    const action = readFormAction(request.body)

    // "Add another" and "Search" post the form back to grow it; nothing is saved until "Save".
    if (action.kind === 'add-goal' && values.goals.length < MAX_GOALS) values.goals.push(emptyGoal())
    if (action.kind === 'add-action' && values.actions.length < MAX_ACTIONS) values.actions.push(emptyAction())
    if (action.kind === 'add-service' && values.services.length < MAX_SERVICES) values.services.push(emptyService())
    if (action.kind !== 'save' && action.kind !== 'search-service')
      return render(request, reply, { found, plan, values, errors: {} })
    if (action.kind === 'search-service') {
      const service = values.services[action.slot - 1]
      if (!service) return render(request, reply, { found, plan, values, errors: {} })
      if (!service.query) {
        const errors = { [`service${action.slot}Query`]: 'Enter words to search the directory for' }
        return render(request, reply, { found, plan, values, errors, status: 400 })
      }
      const items = await searchFor(request, config, service.query)
      return render(request, reply, {
        found,
        plan,
        values,
        errors: {},
        results: { slot: action.slot, items, query: service.query },
      })
    }

    const parsed = parsePlanForm(values, londonToday(), plan?.reviewOn ?? '')
    if (!parsed.ok) return render(request, reply, { found, plan, values, errors: parsed.errors, status: 400 })
    const { content } = parsed.value
    const names = await findDirectoryServiceNames(
      scope,
      content.services.flatMap((s) => (s.directoryServiceId ? [s.directoryServiceId] : [])),
    )
    const errors: FieldErrors = {}
    content.services.forEach((s) => {
      if (!s.directoryServiceId) return
      const name = names.get(s.directoryServiceId)
      if (name) s.name = name
      else {
        const slot = values.services.findIndex((v) => v.directoryId === s.directoryServiceId) + 1
        errors[`service${slot}Query`] = `Service ${slot} is no longer in the directory. Search again, or enter its name`
      }
    })
    if (Object.keys(errors).length > 0) return render(request, reply, { found, plan, values, errors, status: 400 })
    try {
      await savePlan(scope, referralId, content, parsed.value, actor)
    } catch (error) {
      if (!(error instanceof PlansError && error.code === 'PLANS_CHANGED_BY_SOMEONE_ELSE')) throw error
      // Keep what they typed, based now on the plan as it is, so saving again is a choice made knowingly.
      const latest = await findCurrentPlan(scope, found.episode.id)
      const fresh = {
        ...values,
        submissionKey: randomUUID(),
        basedOnVersion: latest ? String(latest.version) : '',
        basedOnRowVersion: latest ? String(latest.rowVersion) : '',
      }
      const conflict = { goal1Text: `${error.message}. The plan as it is now is on the plan page` }
      return render(request, reply, { found, plan: latest, values: fresh, errors: conflict, status: 409 })
    }
    return reply.redirect(`/caseload/${referralId}/plan?saved=plan`, 303)
  }
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import { choicesFrom, dateParts } from '../../../../platform/http/choices.ts'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { errorListFor, type FieldErrors } from '../../../../platform/http/forms.ts'
import { londonToday, openCase, type Case } from '../../../casework/index.ts'
import { AGREEMENT_METHOD_LABELS, type Plan } from '../../plan.ts'
import { PlansError } from '../../plans.errors.ts'
import { agreePlan, findCurrentPlan } from '../../plans.service.ts'
import { presentPlan } from '../plan/plan.presenter.ts'
import { changeActorOf, referralIdOf, type CaseParams } from '../shared.ts'
import { parseAgreeForm, readAgreeForm, type AgreeFormValues } from './agree.form.ts'

function render(
  reply: FastifyReply,
  found: Case,
  plan: Plan,
  values: AgreeFormValues,
  errors: FieldErrors,
  status = 200,
) {
  const p = found.referral.person
  return reply.page(
    'modules/plans/web/agree/agree.njk',
    {
      pageTitle: `Record ${p.givenName} ${p.familyName}’s agreement to the plan`,
      backLinkHref: `/caseload/${found.referral.id}/plan`,
      referralId: found.referral.id,
      personName: `${p.givenName} ${p.familyName}`,
      givenName: p.givenName,
      plan: presentPlan(plan),
      values,
      errors,
      errorList: errorListFor(errors, { method: 'method' }),
      methodItems: choicesFrom(AGREEMENT_METHOD_LABELS, [values.method]),
    },
    status,
  )
}

async function draftOf(request: FastifyRequest<CaseParams>): Promise<{ found: Case; plan: Plan }> {
  const scope = request.orgScope()
  const found = await openCase(scope, referralIdOf(request), changeActorOf(request))
  const plan = await findCurrentPlan(scope, found.episode.id)
  if (!plan || plan.status !== 'draft') throw new PlansError('PLANS_NOTHING_TO_AGREE')
  return { found, plan }
}

export async function showAgree(request: FastifyRequest<CaseParams>, reply: FastifyReply) {
  const { found, plan } = await draftOf(request)
  await request.audit({ action: 'view', recordType: 'plan', recordId: plan.id })
  const today = dateParts(londonToday())
  return render(
    reply,
    found,
    plan,
    {
      agreedDay: today.day,
      agreedMonth: today.month,
      agreedYear: today.year,
      method: '',
      note: '',
      version: String(plan.version),
      rowVersion: String(plan.rowVersion),
    },
    {},
  )
}

export async function submitAgree(request: FastifyRequest<CaseParams>, reply: FastifyReply) {
  const referralId = referralIdOf(request)
  const scope = request.orgScope()
  const actor = changeActorOf(request)
  const values = readAgreeForm(request.body)
  const found = await openCase(scope, referralId, actor)
  const plan = await findCurrentPlan(scope, found.episode.id)
  if (!plan) throw new PlansError('PLANS_NOTHING_TO_AGREE')
  const parsed = parseAgreeForm(values, londonToday(), londonToday(plan.createdAt))
  if (!parsed.ok) {
    // Already agreed (a retry after the errors were fixed elsewhere): nothing to show a form for.
    if (plan.status !== 'draft') throw new PlansError('PLANS_NOTHING_TO_AGREE')
    return render(reply, found, plan, values, parsed.errors, 400)
  }
  try {
    await agreePlan(scope, referralId, parsed.value.agreement, parsed.value.basedOn, actor)
  } catch (error) {
    if (!(error instanceof PlansError && error.code === 'PLANS_CHANGED_BY_SOMEONE_ELSE')) throw error
    // The draft changed while they were agreeing it: show the draft as it is now, to agree that instead.
    const latest = await findCurrentPlan(scope, found.episode.id)
    if (!latest || latest.status !== 'draft') throw error
    const fresh = { ...values, version: String(latest.version), rowVersion: String(latest.rowVersion) }
    return render(reply, found, latest, fresh, { agreedDay: `${error.message}. This is the plan as it is now` }, 409)
  }
  return reply.redirect(`/caseload/${referralId}/plan?saved=agreed`, 303)
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import { choicesFrom, dateParts } from '../../../../platform/http/choices.ts'
import { randomUUID } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { errorListFor, type FieldErrors } from '../../../../platform/http/forms.ts'
import { addDays, londonToday, openCase, type Case } from '../../../casework/index.ts'
import { PROGRESS_LABELS, progressOverTime, type Plan } from '../../plan.ts'
import { PlansError } from '../../plans.errors.ts'
import { findAgreedPlan } from '../../plans.service.ts'
import { listReviewsForEpisode, recordReview } from '../../reviews.service.ts'
import { changeActorOf, referralIdOf, type CaseParams } from '../shared.ts'
import { parseReviewForm, readReviewForm, type ReviewFormValues } from './review.form.ts'

async function render(
  request: FastifyRequest<CaseParams>,
  reply: FastifyReply,
  found: Case,
  plan: Plan,
  values: ReviewFormValues,
  errors: FieldErrors,
  status = 200,
) {
  const p = found.referral.person
  const last = progressOverTime(await listReviewsForEpisode(request.orgScope(), found.episode.id))
  return reply.page(
    'modules/plans/web/review/review.njk',
    {
      pageTitle: `Review the plan with ${p.givenName} ${p.familyName}`,
      backLinkHref: `/caseload/${found.referral.id}/plan`,
      referralId: found.referral.id,
      personName: `${p.givenName} ${p.familyName}`,
      planVersion: plan.version,
      values,
      errors,
      errorList: errorListFor(errors),
      actionItems: plan.actions.map((a, position) => ({
        value: String(position),
        text: `${a.what} (${a.who}${a.byWhen ? `, by ${a.byWhen.split('-').reverse().join('/')}` : ''})`,
        checked: values.actionsDone.includes(String(position)),
      })),
      goals: plan.goals.map((g, i) => {
        const previous = last.get(g.goalKey)?.at(-1)
        return {
          n: i + 1,
          key: g.goalKey,
          inTheirWords: g.inTheirWords,
          previous: previous && `${PROGRESS_LABELS[previous.progress]} at the review on`,
          previousOn: previous?.reviewedOn,
          progressItems: choicesFrom(PROGRESS_LABELS, [values.goals[i]?.progress ?? '']),
          note: values.goals[i]?.note ?? '',
        }
      }),
    },
    status,
  )
}

async function agreedOf(request: FastifyRequest<CaseParams>): Promise<{ found: Case; plan: Plan }> {
  const scope = request.orgScope()
  const found = await openCase(scope, referralIdOf(request), changeActorOf(request))
  const plan = await findAgreedPlan(scope, found.episode.id)
  if (!plan) throw new PlansError('PLANS_NOT_AGREED')
  return { found, plan }
}

export async function showReview(request: FastifyRequest<CaseParams>, reply: FastifyReply) {
  const { found, plan } = await agreedOf(request)
  await request.audit({ action: 'view', recordType: 'plan', recordId: plan.id })
  const today = londonToday()
  const reviewed = dateParts(today)
  const next = dateParts(addDays(today, 42))
  return render(
    request,
    reply,
    found,
    plan,
    {
      submissionKey: randomUUID(),
      reviewedDay: reviewed.day,
      reviewedMonth: reviewed.month,
      reviewedYear: reviewed.year,
      goals: plan.goals.map((g) => ({ key: g.goalKey, progress: '', note: '' })),
      actionsDone: plan.actions.flatMap((a, position) => (a.done ? [String(position)] : [])),
      notes: '',
      nextDay: next.day,
      nextMonth: next.month,
      nextYear: next.year,
    },
    {},
  )
}

export async function submitReview(request: FastifyRequest<CaseParams>, reply: FastifyReply) {
  const { found, plan } = await agreedOf(request)
  const values = readReviewForm(request.body, plan.goals.length)
  const parsed = parseReviewForm(values, londonToday())
  if (!parsed.ok) return render(request, reply, found, plan, values, parsed.errors, 400)
  await recordReview(request.orgScope(), found.referral.id, parsed.value, changeActorOf(request))
  return reply.redirect(`/caseload/${found.referral.id}/plan?saved=review`, 303)
}

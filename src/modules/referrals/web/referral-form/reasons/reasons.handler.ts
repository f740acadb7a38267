// SPDX-License-Identifier: AGPL-3.0-or-later
// Step 3 of the referral form: reasons, what matters, risks and urgency.
import { choicesFrom, yesNo } from '../../../../../platform/http/choices.ts'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { errorListFor, type FieldErrors } from '../../../../../platform/http/forms.ts'
import { saveDraftStep, type Draft } from '../../../referral-draft.service.ts'
import { NEED_LABELS, NEEDS, URGENCY_LABELS } from '../../../referral.ts'
import { readReasons, validateReasons, type ReasonsFormValues } from '../referral-form.form.ts'
import { VIEWS, type Params, nextAfter, backFrom, draftFor, alreadySubmitted } from '../referral-form.handler.ts'

function renderReasons(
  request: FastifyRequest<Params>,
  reply: FastifyReply,
  draft: Draft,
  values: ReasonsFormValues,
  errors: FieldErrors,
  status = 200,
) {
  return reply.page(
    `${VIEWS}/reasons/reasons.njk`,
    {
      pageTitle: 'Why are you referring them?',
      token: draft.token,
      change: request.query.change === '1',
      personName: draft.data.person.givenName,
      values,
      errors,
      errorList: errorListFor(errors, {
        needs: 'needs',
        loneWorking: 'loneWorking',
        safeguarding: 'safeguarding',
        urgency: 'urgency',
      }),
      needItems: choicesFrom(NEED_LABELS, values.needs, NEEDS),
      loneWorkingItems: yesNo(values.loneWorking),
      safeguardingItems: yesNo(values.safeguarding),
      urgencyItems: [
        { value: 'routine', text: URGENCY_LABELS.routine, checked: values.urgency === 'routine' },
        {
          value: 'urgent',
          text: URGENCY_LABELS.urgent,
          checked: values.urgency === 'urgent',
          hint: {
            text: 'Contact is needed within a few days, for example after a bereavement or hospital discharge. Not for a crisis: call 111 or 999.',
          },
        },
      ],
      backLinkHref: backFrom('reasons', draft.token),
    },
    status,
  )
}

export async function showReasons(request: FastifyRequest<Params>, reply: FastifyReply) {
  const draft = await draftFor(request)
  const done = alreadySubmitted(reply, draft)
  if (done) return done
  return renderReasons(request, reply, draft, draft.data.reasons, {})
}

export async function submitReasons(request: FastifyRequest<Params>, reply: FastifyReply) {
  const draft = await draftFor(request)
  const done = alreadySubmitted(reply, draft)
  if (done) return done
  const values = readReasons(request.body)
  const result = validateReasons(values)
  if (!result.ok) return renderReasons(request, reply, draft, values, result.errors, 400)
  await saveDraftStep(request.orgScope(), draft, 'reasons', { reasons: values })
  return reply.redirect(nextAfter('reasons', draft.token, request.query.change === '1'), 303)
}

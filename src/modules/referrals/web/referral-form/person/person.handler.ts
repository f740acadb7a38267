// SPDX-License-Identifier: AGPL-3.0-or-later
// Steps 1 and 2 of the referral form: who the person is, then how to reach them.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { errorListFor, type FieldErrors } from '../../../../../platform/http/forms.ts'
import {
  PERSON_FIELD_IDS,
  personFormChoices,
  readPersonFormValues,
  type PersonFormValues,
} from '../../../../people/index.ts'
import {
  auditDraftView,
  personStepErrors,
  withPersonStep,
  saveDraftStep,
  type Draft,
} from '../../../referral-draft.service.ts'
import { VIEWS, type Params, nextAfter, backFrom, draftFor, alreadySubmitted } from '../referral-form.handler.ts'

type PersonStep = 'person' | 'contact'
const PERSON_STEP_TITLES: Record<PersonStep, string> = {
  person: 'Who are you referring?',
  contact: 'How can the service contact them?',
}

function renderPerson(
  request: FastifyRequest<Params>,
  reply: FastifyReply,
  step: PersonStep,
  draft: Draft,
  values: PersonFormValues,
  errors: FieldErrors,
  status = 200,
) {
  return reply.page(
    `${VIEWS}/person/${step}.njk`,
    {
      pageTitle: PERSON_STEP_TITLES[step],
      token: draft.token,
      change: request.query.change === '1',
      personName: draft.data.person.givenName,
      values,
      errors,
      errorList: errorListFor(errors, PERSON_FIELD_IDS),
      options: personFormChoices(values),
      backLinkHref: backFrom(step, draft.token),
    },
    status,
  )
}

function showPersonStep(step: PersonStep) {
  return async (request: FastifyRequest<Params>, reply: FastifyReply) => {
    const draft = await draftFor(request)
    const done = alreadySubmitted(reply, draft)
    if (done) return done
    await auditDraftView(request.orgScope(), request.auditActor())
    return renderPerson(request, reply, step, draft, draft.data.person, {})
  }
}

function submitPersonStep(step: PersonStep) {
  return async (request: FastifyRequest<Params>, reply: FastifyReply) => {
    const draft = await draftFor(request)
    const done = alreadySubmitted(reply, draft)
    if (done) return done
    const values = withPersonStep(step, draft.data.person, readPersonFormValues(request.body))
    const errors = personStepErrors(step, values, new Date())
    if (Object.keys(errors).length > 0) return renderPerson(request, reply, step, draft, values, errors, 400)
    await saveDraftStep(request.orgScope(), draft, step, { person: values })
    return reply.redirect(nextAfter(step, draft.token, request.query.change === '1'), 303)
  }
}

export const showPerson = showPersonStep('person')
export const submitPerson = submitPersonStep('person')
export const showContact = showPersonStep('contact')
export const submitContact = submitPersonStep('contact')

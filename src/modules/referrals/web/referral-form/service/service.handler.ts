// SPDX-License-Identifier: AGPL-3.0-or-later
// Step 4 of the referral form: who receives it, the referrer's profession, and consent.
import { choicesFrom, selectItemsFrom, yesNo } from '../../../../../platform/http/choices.ts'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { errorListFor, type FieldErrors } from '../../../../../platform/http/forms.ts'
import { CONSENT_METHOD_LABELS } from '../../../../people/index.ts'
import { saveDraftStep, type Draft } from '../../../referral-draft.service.ts'
import { ALLIED_HEALTH_PROFESSIONS, PROFESSION_LABELS, PROFESSIONS } from '../../../referral.ts'
import { readService, SELF_OPTION, validateService, type ServiceFormValues } from '../referral-form.form.ts'
import {
  VIEWS,
  type Params,
  referrerFor,
  nextAfter,
  backFrom,
  draftFor,
  alreadySubmitted,
} from '../referral-form.handler.ts'

function serviceItems(referrer: Awaited<ReturnType<typeof referrerFor>>, chosen: string) {
  const items: { value: string; text: string; checked: boolean; hint?: { text: string } }[] = referrer.services.map(
    (s) => ({
      value: s.id,
      text: s.name,
      checked: chosen === s.id,
    }),
  )
  if (referrer.mayDoItThemselves)
    items.push({
      value: SELF_OPTION,
      text: 'I will do the social prescribing myself',
      checked: chosen === SELF_OPTION,
      hint: { text: 'For allied health professionals: the person goes onto your own caseload in your organisation.' },
    })
  return items
}

async function renderService(
  request: FastifyRequest<Params>,
  reply: FastifyReply,
  draft: Draft,
  values: ServiceFormValues,
  errors: FieldErrors,
  status = 200,
) {
  const referrer = await referrerFor(request)
  return reply.page(
    `${VIEWS}/service/service.njk`,
    {
      pageTitle: 'Who should the referral go to?',
      token: draft.token,
      change: request.query.change === '1',
      personName: draft.data.person.givenName,
      values,
      errors,
      errorList: errorListFor(errors, {
        receivingOrganisationId: 'receivingOrganisationId',
        consentToReferral: 'consentToReferral',
        consentShareService: 'consentShareService',
        consentShareProviders: 'consentShareProviders',
        consentMethod: 'consentMethod',
      }),
      serviceItems: serviceItems(referrer, values.receivingOrganisationId),
      noServices: referrer.services.length === 0 && !referrer.mayDoItThemselves,
      professionItems: selectItemsFrom(
        PROFESSIONS.map((p) => ({ value: p, text: PROFESSION_LABELS[p] })),
        values.profession,
        'Select your profession',
      ),
      consentToReferralItems: yesNo(values.consentToReferral),
      consentShareServiceItems: yesNo(values.consentShareService),
      consentShareProvidersItems: yesNo(values.consentShareProviders),
      consentMethodItems: choicesFrom(CONSENT_METHOD_LABELS, values.consentMethod, [
        'verbal',
        'written',
        'electronic-record',
      ]),
      ahpProfessions: ALLIED_HEALTH_PROFESSIONS.map((p) => PROFESSION_LABELS[p]).join(', '),
      backLinkHref: backFrom('service', draft.token),
    },
    status,
  )
}

export async function showService(request: FastifyRequest<Params>, reply: FastifyReply) {
  const draft = await draftFor(request)
  const done = alreadySubmitted(reply, draft)
  if (done) return done
  return renderService(request, reply, draft, draft.data.service, {})
}

export async function submitService(request: FastifyRequest<Params>, reply: FastifyReply) {
  const draft = await draftFor(request)
  const done = alreadySubmitted(reply, draft)
  if (done) return done
  const values = readService(request.body)
  const referrer = await referrerFor(request)
  const result = validateService(values, {
    serviceIds: referrer.serviceIds,
    ownOrganisationId: referrer.organisationId,
    mayDoItThemselves: referrer.mayDoItThemselves,
  })
  if (!result.ok) return renderService(request, reply, draft, values, result.errors, 400)
  await saveDraftStep(request.orgScope(), draft, 'service', { service: values })
  return reply.redirect(nextAfter('service', draft.token, false), 303)
}

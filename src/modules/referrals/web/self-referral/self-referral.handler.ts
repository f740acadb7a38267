// SPDX-License-Identifier: AGPL-3.0-or-later
import { randomBytes } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { errorListFor, textField, type FieldErrors } from '../../../../platform/http/forms.ts'
import { emptyPersonFormValues } from '../../../people/index.ts'
import { describeServiceForThePublic, listAllServices, submitReferral } from '../../referral.service.ts'
import { NEED_LABELS, NEEDS, normaliseReference } from '../../referral.ts'
import { choicesFrom, contactMethodChoices, PERSON_FIELD_IDS, yesNo } from '../shared/options.ts'
import { emptyReasons } from '../referral-form/referral-form.form.ts'
import { readSelfReferral, validateSelfReferral, type SelfReferralValues } from './self-referral.form.ts'

const TEMPLATE = 'modules/referrals/web/self-referral/self-referral.njk'
const TOKEN = /^[A-Za-z0-9_-]{20,64}$/

function newToken(): string {
  return randomBytes(18).toString('base64url')
}

async function render(
  request: FastifyRequest,
  reply: FastifyReply,
  values: SelfReferralValues,
  errors: FieldErrors,
  status = 200,
) {
  const services = await listAllServices(request.server.db)
  return reply.page(
    TEMPLATE,
    {
      pageTitle: 'Ask for support from a social prescribing link worker',
      values: values.person,
      reasons: values.reasons,
      form: values,
      errors,
      errorList: errorListFor(errors, {
        ...PERSON_FIELD_IDS,
        needs: 'needs',
        serviceId: 'serviceId',
        consentShare: 'consentShare',
        consentShareProviders: 'consentShareProviders',
      }),
      options: {
        preferredContactMethod: contactMethodChoices(values.person.preferredContactMethod),
        contactMethodsToAvoid: contactMethodChoices(values.person.contactMethodsToAvoid),
        interpreterNeeded: yesNo(values.person.interpreterNeeded),
      },
      serviceItems: services.map((s) => ({ value: s.id, text: s.name, checked: values.serviceId === s.id })),
      needItems: choicesFrom(NEED_LABELS, values.reasons.needs, NEEDS),
      consentShareItems: yesNo(values.consentShare),
      consentShareProvidersItems: yesNo(values.consentShareProviders),
    },
    status,
  )
}

export async function showSelfReferral(request: FastifyRequest, reply: FastifyReply) {
  return render(
    request,
    reply,
    {
      person: emptyPersonFormValues(),
      reasons: emptyReasons(),
      serviceId: '',
      consentShare: '',
      consentShareProviders: '',
      token: newToken(),
      website: '',
    },
    {},
  )
}

export async function submitSelfReferral(request: FastifyRequest, reply: FastifyReply) {
  const values = readSelfReferral(request.body)
  if (!TOKEN.test(values.token)) values.token = newToken()
  // A robot filled the hidden field: answer as if it worked, record nothing.
  if (values.website) {
    request.log.info('self-referral honeypot filled: discarded')
    return reply.redirect(`/self-referral/sent?reference=WM-${'X'.repeat(4)}-${'X'.repeat(4)}`, 303)
  }
  const services = await listAllServices(request.server.db)
  const result = validateSelfReferral(
    values,
    services.map((s) => s.id),
    new Date(),
  )
  if (!result.ok) return render(request, reply, values, result.errors, 400)
  const { person, reasons, serviceId, shareWithProviders } = result.value
  const now = new Date()
  const name = `${person.givenName} ${person.familyName}`
  const submitted = await submitReferral(
    request.server.db,
    {
      submissionKey: `self:${values.token}`,
      receivingOrganisationId: serviceId,
      source: 'self-referral',
      intensity: 'link-worker',
      referrer: {
        userId: null,
        organisationId: null,
        name,
        profession: null,
        email: person.email || null,
        phone: person.phone || null,
      },
      person,
      ...reasons,
      consent: {
        toReferral: true,
        shareWithService: true,
        shareWithProviders,
        method: 'online-form',
        recordedByUserId: null,
        recordedByName: name,
        recordedAt: now,
      },
    },
    { ...request.auditActor(), organisationId: serviceId, role: 'public' },
  )
  return reply.redirect(`/self-referral/sent?reference=${submitted.reference}&service=${serviceId}`, 303)
}

/** The public start page: what a link worker does, who can ask, what we will ask, and the way in. */
export async function showGetSupport(_request: FastifyRequest, reply: FastifyReply) {
  return reply.page('modules/referrals/web/self-referral/start.njk', {
    pageTitle: 'Get support from a social prescribing link worker',
  })
}

export async function showSelfReferralSent(request: FastifyRequest, reply: FastifyReply) {
  const raw = textField(request.query, 'reference', 20)
  const reference = normaliseReference(raw) ?? (raw === 'WM-XXXX-XXXX' ? raw : undefined)
  if (!reference) return reply.redirect('/self-referral', 303)
  const serviceId = textField(request.query, 'service', 40)
  const service = /^[0-9a-f-]{36}$/.test(serviceId)
    ? await describeServiceForThePublic(request.server.db, serviceId)
    : undefined
  return reply.page('modules/referrals/web/self-referral/sent.njk', {
    pageTitle: 'Your request has been sent',
    reference,
    service,
  })
}

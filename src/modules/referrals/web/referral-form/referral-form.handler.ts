// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import { UnauthenticatedError } from '../../../../platform/http/errors.ts'
import { errorListFor, type FieldErrors } from '../../../../platform/http/forms.ts'
import { CONSENT_METHOD_LABELS, readPersonFormValues, type PersonFormValues } from '../../../people/index.ts'
import {
  auditDraftView,
  DRAFT_STEPS,
  PERSON_STEP_FIELDS,
  personStepErrors,
  withPersonStep,
  draftIdentityDifferences,
  firstIncompleteStep,
  loadDraft,
  saveDraftStep,
  startDraft,
  submitDraft,
  type Draft,
  type DraftReferrer,
  type DraftStep,
} from '../../referral-draft.service.ts'
import { listServicesInArea } from '../../referral.service.ts'
import {
  ALLIED_HEALTH_PROFESSIONS,
  isNeed,
  isProfession,
  NEED_LABELS,
  NEEDS,
  PROFESSION_LABELS,
  PROFESSIONS,
  URGENCY_LABELS,
} from '../../referral.ts'
import { choicesFrom, contactMethodChoices, PERSON_FIELD_IDS, selectItemsFrom, yesNo } from '../shared/options.ts'
import { personSummaryRows, summaryRow as row } from '../shared/person-rows.ts'
import {
  readReasons,
  readService,
  SELF_OPTION,
  validateReasons,
  validateService,
  type ReasonsFormValues,
  type ServiceFormValues,
} from './referral-form.form.ts'

const VIEWS = 'modules/referrals/web/referral-form'
type Params = { Params: { token: string }; Querystring: { change?: string } }

async function referrerFor(
  request: FastifyRequest,
): Promise<DraftReferrer & { services: { id: string; name: string }[] }> {
  const actor = request.actor
  if (!actor?.organisation) throw new UnauthenticatedError()
  const services = await listServicesInArea(request.server.db, actor.organisation.areaId)
  return {
    userId: actor.userId,
    name: actor.displayName,
    email: actor.email,
    organisationId: actor.organisation.id,
    serviceIds: services.map((s) => s.id),
    // An AHP holding a caseload (the link-worker role) outside a social prescribing service.
    mayDoItThemselves: actor.roles.includes('link-worker') && actor.organisation.type !== 'social-prescribing-service',
    services,
  }
}

function stepHref(token: string, step: DraftStep | 'check'): string {
  return `/referrals/new/${token}/${step}`
}

function nextAfter(step: DraftStep, token: string, change: boolean): string {
  if (change) return stepHref(token, 'check')
  const next = DRAFT_STEPS[DRAFT_STEPS.indexOf(step) + 1]
  return stepHref(token, next ?? 'check')
}

function backFrom(step: DraftStep | 'check', token: string): string {
  if (step === 'check') return stepHref(token, DRAFT_STEPS[DRAFT_STEPS.length - 1]!)
  const previous = DRAFT_STEPS[DRAFT_STEPS.indexOf(step) - 1]
  return previous ? stepHref(token, previous) : '/my-referrals'
}

// ---- Start ----

export async function startReferral(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const token = await startDraft(request.orgScope(), request.actor!.userId)
  return reply.redirect(stepHref(token, 'person'), 303)
}

async function draftFor(request: FastifyRequest<Params>): Promise<Draft> {
  return loadDraft(request.orgScope(), request.params.token, request.actor!.userId)
}

function alreadySubmitted(reply: FastifyReply, draft: Draft): FastifyReply | undefined {
  if (draft.submittedReferralId) return reply.redirect(`/referrals/new/${draft.token}/done`, 303)
  return undefined
}

// ---- Steps 1 and 2: who the person is, then how to reach them ----

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
    `${VIEWS}/${step}.njk`,
    {
      pageTitle: PERSON_STEP_TITLES[step],
      token: draft.token,
      change: request.query.change === '1',
      personName: draft.data.person.givenName,
      values,
      errors,
      errorList: errorListFor(errors, PERSON_FIELD_IDS),
      options: {
        preferredContactMethod: contactMethodChoices(values.preferredContactMethod),
        contactMethodsToAvoid: contactMethodChoices(values.contactMethodsToAvoid),
        interpreterNeeded: yesNo(values.interpreterNeeded),
      },
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

// ---- Step 2: reasons, what matters, risks, urgency ----

function renderReasons(
  request: FastifyRequest<Params>,
  reply: FastifyReply,
  draft: Draft,
  values: ReasonsFormValues,
  errors: FieldErrors,
  status = 200,
) {
  return reply.page(
    `${VIEWS}/reasons.njk`,
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

// ---- Step 3: who receives it, the referrer's profession, consent ----

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
    `${VIEWS}/service.njk`,
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

// ---- Check your answers and submit ----

export async function showCheck(request: FastifyRequest<Params>, reply: FastifyReply) {
  const draft = await draftFor(request)
  const done = alreadySubmitted(reply, draft)
  if (done) return done
  const referrer = await referrerFor(request)
  const incomplete = firstIncompleteStep(draft.data, referrer)
  if (incomplete) return reply.redirect(stepHref(draft.token, incomplete), 303)
  await auditDraftView(request.orgScope(), request.auditActor())
  const identityDifferences = await draftIdentityDifferences(request.orgScope(), draft, referrer, request.auditActor())
  const { person: p, reasons: r, service: s } = draft.data
  const change = (step: DraftStep, field: string) => `${stepHref(draft.token, step)}?change=1#${field}`
  const serviceName =
    s.receivingOrganisationId === SELF_OPTION
      ? 'You (on your own caseload)'
      : (referrer.services.find((x) => x.id === s.receivingOrganisationId)?.name ?? '')
  const personRows = personSummaryRows(p, (field) =>
    change((PERSON_STEP_FIELDS.contact as readonly string[]).includes(field) ? 'contact' : 'person', field),
  )
  const reasonRows = [
    row(
      'Reasons',
      r.needs
        .filter(isNeed)
        .map((n) => NEED_LABELS[n])
        .join(', '),
      change('reasons', 'needs'),
      'reasons',
    ),
    row('More about the reasons', r.reasonText, change('reasons', 'reasonText'), 'more about the reasons'),
    row('What matters to them', r.whatMatters, change('reasons', 'whatMatters'), 'what matters to them'),
    row(
      'Concerns about visiting alone',
      r.loneWorking === 'yes' ? `Yes: ${r.loneWorkingDetails}` : 'No',
      change('reasons', 'loneWorking'),
      'lone-working concerns',
    ),
    row(
      'Safeguarding concern raised elsewhere',
      r.safeguarding === 'yes' ? `Yes: ${r.safeguardingDetails}` : 'No',
      change('reasons', 'safeguarding'),
      'safeguarding',
    ),
    row('Urgency', r.urgency === 'urgent' ? 'Urgent' : 'Routine', change('reasons', 'urgency'), 'urgency'),
  ]
  const serviceRows = [
    row('Referral to', serviceName, change('service', 'receivingOrganisationId'), 'who the referral goes to'),
    row(
      'Your profession',
      isProfession(s.profession) ? PROFESSION_LABELS[s.profession] : '',
      change('service', 'profession'),
      'your profession',
    ),
    row('Agrees to the referral', 'Yes', change('service', 'consentToReferral'), 'consent to the referral'),
    row(
      'Agrees to share with the service',
      'Yes',
      change('service', 'consentShareService'),
      'consent to share with the service',
    ),
    row(
      'Agrees to share with community providers',
      s.consentShareProviders === 'yes' ? 'Yes' : 'No',
      change('service', 'consentShareProviders'),
      'consent to share with providers',
    ),
    row(
      'How consent was given',
      CONSENT_METHOD_LABELS[s.consentMethod as keyof typeof CONSENT_METHOD_LABELS] ?? '',
      change('service', 'consentMethod'),
      'how consent was given',
    ),
  ]
  return reply.page(`${VIEWS}/check.njk`, {
    pageTitle: 'Check the referral before sending it',
    token: draft.token,
    identityWarning:
      identityDifferences.length > 0
        ? {
            what: identityDifferences.includes('name')
              ? identityDifferences.includes('address')
                ? 'name and address'
                : 'name'
              : 'address',
            changeHref: change('person', 'nhsNumber'),
          }
        : null,
    personRows,
    reasonRows,
    serviceRows,
    backLinkHref: backFrom('check', draft.token),
  })
}

export async function submitCheck(request: FastifyRequest<Params>, reply: FastifyReply) {
  const draft = await draftFor(request)
  const referrer = await referrerFor(request)
  const result = await submitDraft(request.orgScope(), draft, referrer, request.auditActor())
  if ('incomplete' in result) return reply.redirect(stepHref(draft.token, result.incomplete), 303)
  return reply.redirect(`/referrals/new/${draft.token}/done`, 303)
}

export async function showDone(request: FastifyRequest<Params>, reply: FastifyReply) {
  const draft = await draftFor(request)
  if (!draft.submittedReferralId) return reply.redirect(stepHref(draft.token, 'check'), 303)
  const referrer = await referrerFor(request)
  const result = await submitDraft(request.orgScope(), draft, referrer, request.auditActor())
  if ('incomplete' in result) return reply.redirect(stepHref(draft.token, result.incomplete), 303)
  const self = draft.data.service.receivingOrganisationId === SELF_OPTION
  return reply.page(`${VIEWS}/done.njk`, {
    pageTitle: 'Referral sent',
    reference: result.reference,
    referralId: result.referralId,
    self,
    duplicateSuspected: result.duplicateSuspected,
  })
}

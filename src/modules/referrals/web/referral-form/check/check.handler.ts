// SPDX-License-Identifier: AGPL-3.0-or-later
// Check your answers, submit, and the confirmation page.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { CONSENT_METHOD_LABELS } from '../../../../people/index.ts'
import {
  auditDraftView,
  PERSON_STEP_FIELDS,
  draftIdentityDifferences,
  firstIncompleteStep,
  submitDraft,
  type DraftStep,
} from '../../../referral-draft.service.ts'
import { isNeed, isProfession, NEED_LABELS, PROFESSION_LABELS } from '../../../referral.ts'
import { personSummaryRows, summaryRow as row } from '../../shared/person-rows.ts'
import { SELF_OPTION } from '../referral-form.form.ts'
import {
  VIEWS,
  type Params,
  referrerFor,
  stepHref,
  backFrom,
  draftFor,
  alreadySubmitted,
} from '../referral-form.handler.ts'

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
  const personRows = personSummaryRows(
    p,
    (field) => change((PERSON_STEP_FIELDS.contact as readonly string[]).includes(field) ? 'contact' : 'person', field),
    { demographics: true },
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
  return reply.page(`${VIEWS}/check/check.njk`, {
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
  return reply.page(`${VIEWS}/check/done.njk`, {
    pageTitle: 'Referral sent',
    reference: result.reference,
    referralId: result.referralId,
    self,
    duplicateSuspected: result.duplicateSuspected,
  })
}

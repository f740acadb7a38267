// SPDX-License-Identifier: AGPL-3.0-or-later
// Public self-referral, one question a page: no sign-in; the answers wait server-side behind a cookie, work without
// JavaScript, and are kept when the person goes back or changes one from check your answers.
import { choicesFrom, yesNo } from '../../../../platform/http/choices.ts'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { NotFoundError } from '../../../../platform/http/errors.ts'
import { errorListFor, textField, type FieldErrors } from '../../../../platform/http/forms.ts'
import { isUuid } from '../../../../shared/uuid.ts'
import { describeServiceForThePublic, listAllServices } from '../../referral.service.ts'
import { NEED_LABELS, NEEDS, normaliseReference } from '../../referral.ts'
import {
  loadSelfReferralDraft,
  newSelfReferralToken,
  saveSelfReferralAnswers,
  SELF_REFERRAL_DRAFT_HOURS,
  sendSelfReferral,
  type SelfReferralDraft,
} from '../../self-referral-draft.service.ts'
import { PERSON_FIELD_IDS, personFormChoices } from '../../../people/index.ts'
import { checkRows } from './self-referral.presenter.ts'
import {
  emptySelfReferral,
  firstIncompleteStep,
  stepBySlug,
  stepErrors,
  stepsFor,
  withStepAnswers,
  type SelfReferralStep,
  type SelfReferralValues,
} from './self-referral.form.ts'

const VIEWS = 'modules/referrals/web/self-referral'
export const SELF_REFERRAL_COOKIE = 'waymark_self_referral'
type StepParams = { Params: { step: string }; Querystring: { change?: string } }

/** What the deployment offers: secure cookies, and whether texts can be sent (GOV.UK Notify set up). */
export interface SelfReferralSettings {
  secureCookies: boolean
  textsAvailable: boolean
}

interface Services {
  list: { id: string; name: string }[]
  ids: string[]
  steps: SelfReferralStep[]
}

async function services(request: FastifyRequest): Promise<Services> {
  const list = await listAllServices(request.server.db)
  return { list, ids: list.map((s) => s.id), steps: stepsFor(list.length) }
}

function tokenOf(request: FastifyRequest): string | undefined {
  return request.cookies[SELF_REFERRAL_COOKIE]
}

/** The draft this browser is working on; a sent one counts as none, so the next visit starts afresh. */
async function openDraft(request: FastifyRequest): Promise<SelfReferralDraft | undefined> {
  const draft = await loadSelfReferralDraft(request.server.db, tokenOf(request))
  return draft?.sent ? undefined : draft
}

function stepHref(step: SelfReferralStep | 'check'): string {
  return step === 'check' ? '/self-referral/check' : `/self-referral/${step.slug}`
}

function renderStep(
  request: FastifyRequest<StepParams>,
  reply: FastifyReply,
  settings: SelfReferralSettings,
  found: Services,
  step: SelfReferralStep,
  values: SelfReferralValues,
  errors: FieldErrors,
  status = 200,
) {
  const index = found.steps.indexOf(step)
  const change = request.query.change === '1'
  const previous = found.steps[index - 1]
  const p = values.person
  return reply.page(
    `${VIEWS}/question.njk`,
    {
      pageTitle: step.title,
      step,
      progress: { number: index + 1, of: found.steps.length },
      backLinkHref: change ? '/self-referral/check' : previous ? stepHref(previous) : '/get-support',
      action: `/self-referral/${step.slug}${change ? '?change=1' : ''}`,
      values: p,
      reasons: values.reasons,
      form: values,
      errors,
      errorList: errorListFor(errors, {
        ...PERSON_FIELD_IDS,
        needs: 'needs',
        serviceId: 'serviceId',
        consentShare: 'consentShare',
        consentShareProviders: 'consentShareProviders',
        updates: 'updates',
      }),
      options: personFormChoices(p, 'your'),
      serviceItems: found.list.map((s) => ({ value: s.id, text: s.name, checked: values.serviceId === s.id })),
      needItems: choicesFrom(NEED_LABELS, values.reasons.needs, NEEDS),
      consentShareItems: yesNo(values.consentShare),
      consentShareProvidersItems: yesNo(values.consentShareProviders),
      updateItems: [
        {
          value: 'email',
          text: 'Yes, by email',
          hint: { text: p.email ? `To ${p.email}` : 'You have not given an email address' },
          checked: values.updates === 'email',
        },
        ...(settings.textsAvailable
          ? [
              {
                value: 'text',
                text: 'Yes, by text message',
                hint: { text: p.phone ? `To ${p.phone}` : 'You have not given a phone number' },
                checked: values.updates === 'text',
              },
            ]
          : []),
        { value: 'no', text: 'No', checked: values.updates === 'no' },
      ],
    },
    status,
  )
}

/** The way in from the start page: the first question. */
export async function startSelfReferral(request: FastifyRequest, reply: FastifyReply) {
  const found = await services(request)
  return reply.redirect(stepHref(found.steps[0]!), 303)
}

function stepFor(found: Services, slug: string): SelfReferralStep {
  const step = stepBySlug(slug)
  if (!step || !found.steps.includes(step)) throw new NotFoundError()
  return step
}

export function showSelfReferralStep(settings: SelfReferralSettings) {
  return async (request: FastifyRequest<StepParams>, reply: FastifyReply) => {
    const found = await services(request)
    const step = stepFor(found, request.params.step)
    const draft = await openDraft(request)
    return renderStep(request, reply, settings, found, step, draft?.values ?? emptySelfReferral(), {})
  }
}

/** The answers to one page: saved, then on to the next page (or back to check your answers). */
export function submitSelfReferralStep(settings: SelfReferralSettings) {
  return (request: FastifyRequest<StepParams>, reply: FastifyReply) => saveStep(request, reply, settings)
}

async function saveStep(request: FastifyRequest<StepParams>, reply: FastifyReply, settings: SelfReferralSettings) {
  const found = await services(request)
  const step = stepFor(found, request.params.step)
  const draft = await openDraft(request)
  const values = withStepAnswers(draft?.values ?? emptySelfReferral(), step, request.body)
  const errors = stepErrors(values, step, found.ids, new Date())
  if (step.slug === 'updates' && values.updates === 'text' && !settings.textsAvailable)
    errors['updates'] = 'We cannot send text messages yet: choose email or no'
  if (Object.keys(errors).length > 0) return renderStep(request, reply, settings, found, step, values, errors, 400)
  const token = draft ? tokenOf(request)! : newSelfReferralToken()
  const answered = [...(draft?.answered ?? []), step.slug]
  await saveSelfReferralAnswers(request.server.db, token, values, answered)
  if (!draft)
    void reply.setCookie(SELF_REFERRAL_COOKIE, token, {
      path: '/self-referral',
      httpOnly: true,
      sameSite: 'lax',
      secure: settings.secureCookies,
      maxAge: SELF_REFERRAL_DRAFT_HOURS * 3600,
    })
  const next = found.steps[found.steps.indexOf(step) + 1]
  const unanswered = firstIncompleteStep(values, answered, found.ids, new Date())
  // From check your answers, or on the last page, go to check your answers unless something is still missing.
  if (request.query.change === '1' || !next) return reply.redirect(stepHref(unanswered ?? 'check'), 303)
  return reply.redirect(stepHref(next), 303)
}

export async function showSelfReferralCheck(request: FastifyRequest, reply: FastifyReply) {
  const found = await services(request)
  const draft = await openDraft(request)
  if (!draft) return reply.redirect(stepHref(found.steps[0]!), 303)
  const incomplete = firstIncompleteStep(draft.values, draft.answered, found.ids, new Date())
  if (incomplete) return reply.redirect(stepHref(incomplete), 303)
  return reply.page(`${VIEWS}/check.njk`, {
    pageTitle: 'Check your answers before sending your request',
    backLinkHref: stepHref(found.steps[found.steps.length - 1]!),
    sections: checkRows(draft.values, found.list, (step) => `${stepHref(step)}?change=1`),
  })
}

export async function submitSelfReferralSend(request: FastifyRequest, reply: FastifyReply) {
  // A robot filled the hidden field: answer as if it worked, record nothing.
  if (textField(request.body, 'website', 200)) {
    request.log.info('self-referral honeypot filled: discarded')
    return reply.redirect(`/self-referral/sent?reference=WM-${'X'.repeat(4)}-${'X'.repeat(4)}`, 303)
  }
  const found = await services(request)
  const token = tokenOf(request)
  const draft = await loadSelfReferralDraft(request.server.db, token)
  if (!draft || !token) return reply.redirect(stepHref(found.steps[0]!), 303)
  const result = await sendSelfReferral(request.server.db, token, draft, found.ids, request.auditActor())
  if ('incomplete' in result) return reply.redirect(stepHref(result.incomplete), 303)
  return reply.redirect(`/self-referral/sent?reference=${result.reference}&service=${result.serviceId}`, 303)
}

/** The public start page: what a link worker does, who can ask, what we will ask, and the way in. */
export async function showGetSupport(_request: FastifyRequest, reply: FastifyReply) {
  return reply.page(`${VIEWS}/start.njk`, {
    pageTitle: 'Get support from a social prescribing link worker',
  })
}

export async function showSelfReferralSent(request: FastifyRequest, reply: FastifyReply) {
  const raw = textField(request.query, 'reference', 20)
  const reference = normaliseReference(raw) ?? (raw === 'WM-XXXX-XXXX' ? raw : undefined)
  if (!reference) return reply.redirect('/self-referral', 303)
  const serviceId = textField(request.query, 'service', 40)
  const service = isUuid(serviceId) ? await describeServiceForThePublic(request.server.db, serviceId) : undefined
  return reply.page(`${VIEWS}/sent.njk`, {
    pageTitle: 'Your request has been sent',
    reference,
    service,
  })
}

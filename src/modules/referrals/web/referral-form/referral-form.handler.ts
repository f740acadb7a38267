// SPDX-License-Identifier: AGPL-3.0-or-later
// The referral form, one question a page (GOV.UK's pattern): starting a draft, and what every step shares —
// the referrer, the draft, and where Continue and Back go. Each step has its own folder.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { UnauthenticatedError } from '../../../../platform/http/errors.ts'
import {
  DRAFT_STEPS,
  loadDraft,
  startDraft,
  type Draft,
  type DraftReferrer,
  type DraftStep,
} from '../../referral-draft.service.ts'
import { listServicesInArea } from '../../referral.service.ts'

export const VIEWS = 'modules/referrals/web/referral-form'
export type Params = { Params: { token: string }; Querystring: { change?: string } }

export async function referrerFor(
  request: FastifyRequest,
): Promise<DraftReferrer & { services: { id: string; name: string }[] }> {
  const actor = request.actor
  if (!actor?.organisation) throw new UnauthenticatedError()
  const services = await listServicesInArea(request.orgScope())
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

export function stepHref(token: string, step: DraftStep | 'check'): string {
  return `/referrals/new/${token}/${step}`
}

export function nextAfter(step: DraftStep, token: string, change: boolean): string {
  if (change) return stepHref(token, 'check')
  const next = DRAFT_STEPS[DRAFT_STEPS.indexOf(step) + 1]
  return stepHref(token, next ?? 'check')
}

export function backFrom(step: DraftStep | 'check', token: string): string {
  if (step === 'check') return stepHref(token, DRAFT_STEPS[DRAFT_STEPS.length - 1]!)
  const previous = DRAFT_STEPS[DRAFT_STEPS.indexOf(step) - 1]
  return previous ? stepHref(token, previous) : '/my-referrals'
}

// ---- Start ----

export async function startReferral(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const token = await startDraft(request.orgScope(), request.actor!.userId)
  return reply.redirect(stepHref(token, 'person'), 303)
}

export async function draftFor(request: FastifyRequest<Params>): Promise<Draft> {
  return loadDraft(request.orgScope(), request.params.token, request.actor!.userId)
}

export function alreadySubmitted(reply: FastifyReply, draft: Draft): FastifyReply | undefined {
  if (draft.submittedReferralId) return reply.redirect(`/referrals/new/${draft.token}/done`, 303)
  return undefined
}

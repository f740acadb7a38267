// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import { queryField } from '../../../../platform/http/forms.ts'
import { findCurrentConversation, londonToday, openCase } from '../../../casework/index.ts'
import { PlansError } from '../../plans.errors.ts'
import { findAgreedPlan, findCurrentPlan, findPlanVersion, listPlanVersions } from '../../plans.service.ts'
import { listReviewsForEpisode } from '../../reviews.service.ts'
import { changeActorOf, referralIdOf, type CaseParams } from '../shared.ts'
import { presentPlan, presentReviews, presentVersions } from './plan.presenter.ts'

const FLASHES: Record<string, string> = {
  plan: 'The plan has been saved as a draft. Record their agreement when you have gone through it together.',
  agreed: 'Their agreement has been recorded. This is now the plan in force.',
  review: 'The review has been recorded and the next review date set.',
}

export async function showPlan(request: FastifyRequest<CaseParams>, reply: FastifyReply) {
  const scope = request.orgScope()
  const referralId = referralIdOf(request)
  const actor = changeActorOf(request)
  const { referral, episode } = await openCase(scope, referralId, actor)
  const [plan, versions, reviews, conversation] = await Promise.all([
    findCurrentPlan(scope, episode.id),
    listPlanVersions(scope, episode.id),
    listReviewsForEpisode(scope, episode.id),
    findCurrentConversation(scope, episode.id),
  ])
  // Usually the latest version is the agreed one; read the agreed version separately only while a draft waits.
  const agreed =
    plan?.status === 'agreed'
      ? plan
      : versions.some((v) => v.status === 'agreed')
        ? await findAgreedPlan(scope, episode.id)
        : null
  // Audited on the plan when there is one; before that the page shows the episode's conversation.
  await request.audit(
    plan
      ? { action: 'view', recordType: 'plan', recordId: plan.id }
      : { action: 'view', recordType: 'episode', recordId: episode.id },
  )
  const name = `${referral.person.givenName} ${referral.person.familyName}`
  const goalWords = new Map([...(agreed?.goals ?? []), ...(plan?.goals ?? [])].map((g) => [g.goalKey, g.inTheirWords]))
  const saved = queryField(request.query, 'saved', 20)
  return reply.page('modules/plans/web/plan/plan.njk', {
    pageTitle: `Plan for ${name}`,
    flash: FLASHES[saved],
    backLinkHref: `/caseload/${referralId}`,
    referralId,
    personName: name,
    plan: plan && presentPlan(plan, reviews),
    agreedVersion: agreed?.version ?? null,
    hasConversation: conversation !== null,
    whatMatters: conversation?.whatMatters ?? '',
    versions: presentVersions(versions),
    reviews: presentReviews(reviews, goalWords),
    nextReviewOn: episode.nextReviewOn,
    reviewOverdue: episode.nextReviewOn < londonToday(),
  })
}

export async function showPlanVersion(
  request: FastifyRequest<{ Params: { referralId: string; version: string } }>,
  reply: FastifyReply,
) {
  const scope = request.orgScope()
  const referralId = referralIdOf(request)
  if (!/^\d{1,4}$/.test(request.params.version)) throw new PlansError('PLANS_NOT_FOUND')
  const { referral, episode } = await openCase(scope, referralId, changeActorOf(request))
  const plan = await findPlanVersion(scope, episode.id, Number(request.params.version))
  if (!plan) throw new PlansError('PLANS_NOT_FOUND')
  await request.audit({ action: 'view', recordType: 'plan', recordId: plan.id })
  const name = `${referral.person.givenName} ${referral.person.familyName}`
  return reply.page('modules/plans/web/plan/version.njk', {
    pageTitle: `Plan version ${plan.version} for ${name}`,
    backLinkHref: `/caseload/${referralId}/plan`,
    referralId,
    personName: name,
    plan: presentPlan(plan),
  })
}

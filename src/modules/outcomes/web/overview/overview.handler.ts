// SPDX-License-Identifier: AGPL-3.0-or-later
// An episode's wellbeing and loneliness questionnaires: each score over time as a chart with its numbers, the
// band and whether the change is meaningful, and what is due next.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { queryField } from '../../../../platform/http/forms.ts'
import { changeActorOf, londonToday, openCase, referralIdOf } from '../../../casework/index.ts'
import { viewOutcomes } from '../../outcomes.service.ts'
import { dueText, presentOutcomes } from '../outcomes.presenter.ts'

export async function showOutcomes(request: FastifyRequest<{ Params: { referralId: string } }>, reply: FastifyReply) {
  const scope = request.orgScope()
  const actor = changeActorOf(request)
  const found = await openCase(scope, referralIdOf(request), actor)
  const outcomes = await viewOutcomes(scope, found, actor, londonToday())
  const p = found.referral.person
  const saved = outcomes.instruments.find((i) => i.key === queryField(request.query, 'saved', 40))
  return reply.page('modules/outcomes/web/overview/overview.njk', {
    pageTitle: `Wellbeing and loneliness for ${p.givenName} ${p.familyName}`,
    backLinkHref: `/caseload/${found.referral.id}`,
    flash: saved ? `Their answers to the ${saved.name} have been saved.` : undefined,
    personName: `${p.givenName} ${p.familyName}`,
    recordHref: `/caseload/${found.referral.id}/outcomes/new`,
    due: outcomes.due ? dueText(outcomes.due, outcomes.settings.followUpWeeks) : null,
    firstContact: found.episode.firstContactOn,
    instruments: presentOutcomes(outcomes.instruments, outcomes.measures),
  })
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// Suggested services for one person: ranked from their record and plan, each with why it fits and what might get
// in the way, and a way to connect them to it. The link worker can still search the directory by hand.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../../../../config.ts'
import { changeActorOf, referralIdOf, type CaseParams } from '../../../casework/index.ts'
import { openConnectionCase } from '../../connections.service.ts'
import { suggestServices } from '../../suggestions.service.ts'
import { NEED_LABELS } from '../../../referrals/index.ts'
import { UNMET_REASON_LABELS } from '../../unmet-need.ts'
import { listUnmetNeeds } from '../../unmet-needs.service.ts'
import { presentSuggestions } from './suggestions.presenter.ts'

export function showSuggestions(config: Config) {
  return async (request: FastifyRequest<CaseParams>, reply: FastifyReply) => {
    const scope = request.orgScope()
    const found = await openConnectionCase(scope, referralIdOf(request), changeActorOf(request))
    const [{ suggestions, profile, nearHome }, unmet] = await Promise.all([
      suggestServices(scope, found, config.directoryFreshnessDays),
      listUnmetNeeds(scope, found),
    ])
    await request.audit({ action: 'view', recordType: 'connection-suggestions', recordId: found.episode.id })
    const p = found.referral.person
    return reply.page('modules/connections/web/suggestions/suggestions.njk', {
      pageTitle: `Suggested services for ${p.givenName} ${p.familyName}`,
      backLinkHref: `/caseload/${found.referral.id}/connections`,
      referralId: found.referral.id,
      personName: `${p.givenName} ${p.familyName}`,
      saved: (request.query as Record<string, unknown>)['saved'] === 'unmet-need' ? 'unmet-need' : null,
      unmetNeeds: unmet.map((u) => ({
        text: `${NEED_LABELS[u.need].toLowerCase()}: ${UNMET_REASON_LABELS[u.reason].toLowerCase()}${u.serviceName ? ` (${u.serviceName})` : ''}`,
      })),
      ...presentSuggestions(found.referral.id, suggestions, profile, nearHome),
    })
  }
}

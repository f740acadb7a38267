// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../../../../config.ts'
import { queryField } from '../../../../platform/http/forms.ts'
import { getServiceDetail } from '../../search.service.ts'
import { lookUpPostcode } from '../../postcodes.service.ts'
import { presentService } from './service.presenter.ts'

export function showService(config: Config) {
  return async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
    const scope = request.orgScope()
    const postcode = queryField(request.query, 'postcode', 10)
    let centre: { latitude: number; longitude: number } | null = null
    let postcodeMessage: string | null = null
    if (postcode) {
      const found = await lookUpPostcode(scope.db, postcode)
      if (found.ok) centre = { latitude: found.postcode.latitude, longitude: found.postcode.longitude }
      else postcodeMessage = found.message
    }
    const detail = await getServiceDetail(scope, request.params.id, centre)
    const flash = queryField(request.query, 'done', 40)
    return reply.page('modules/directory/web/service/service.njk', {
      pageTitle: detail.service.name,
      backLinkHref: '/directory',
      ...presentService(detail, config.directoryFreshnessDays),
      postcode,
      postcodeMessage,
      canEdit: request.actor?.roles.includes('directory-editor') ?? false,
      flash: FLASH_MESSAGES[flash],
    })
  }
}

const FLASH_MESSAGES: Record<string, string> = {
  saved: 'The listing has been saved.',
  verified: 'The listing is marked as checked today.',
  status: 'The status has been changed.',
  'link-sent': 'We have emailed the provider a link to check and update their listing.',
  feedback: 'Thank you. Your feedback has been recorded.',
  approved: 'The change has been approved and is now live.',
  rejected: 'The change has been rejected.',
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import { queryField } from '../../../../platform/http/forms.ts'
import type { ChangeActor } from '../../../casework/index.ts'
import { leafletPdf } from '../../leaflet-pdf.ts'
import { leafletSizeFrom, presentLeaflet, type LeafletSize } from '../../leaflet.ts'
import { readLeaflet, type LeafletResult } from '../../leaflet.service.ts'

type Params = { Params: { referralId: string } }

function referralIdOf(request: FastifyRequest<Params>): string {
  return request.params.referralId
}

function actorOf(request: FastifyRequest): ChangeActor {
  const actor = request.actor!
  return { audit: request.auditActor(), userId: actor.userId, name: actor.displayName }
}

function sizeOf(request: FastifyRequest): LeafletSize {
  return leafletSizeFrom(queryField(request.query, 'size', 10))
}

function leafletHref(referralId: string, size: LeafletSize, pdf = false): string {
  return `/caseload/${referralId}/plan/leaflet${pdf ? '.pdf' : ''}${size === 'large' ? '?size=large' : ''}`
}

/** No plan yet: say so plainly and lead back, rather than print an empty leaflet. */
function noPlan(reply: FastifyReply, result: Extract<LeafletResult, { kind: 'no-plan' }>, status: number) {
  return reply.page(
    'modules/plans/web/leaflet/leaflet-none.njk',
    {
      pageTitle: `There is no plan for ${result.personName} yet`,
      backLinkHref: `/caseload/${result.referralId}`,
      personName: result.personName,
      episodeHref: `/caseload/${result.referralId}`,
      planHref: `/caseload/${result.referralId}/plan`,
    },
    status,
  )
}

export async function showLeaflet(request: FastifyRequest<Params>, reply: FastifyReply) {
  const referralId = referralIdOf(request)
  const size = sizeOf(request)
  const result = await readLeaflet(request.orgScope(), referralId, actorOf(request), 'view')
  if (result.kind === 'no-plan') return noPlan(reply, result, 200)
  const view = presentLeaflet(result.data, request.actor!.organisation!.name)
  return reply.header('cache-control', 'no-store').page('modules/plans/web/leaflet/leaflet.njk', {
    pageTitle: `${view.title}${size === 'large' ? ' (large print)' : ''}`,
    backLinkHref: `/caseload/${referralId}/plan`,
    view,
    large: size === 'large',
    pdfHref: leafletHref(referralId, size, true),
    otherSizeHref: leafletHref(referralId, size === 'large' ? 'standard' : 'large'),
    otherSizeText: size === 'large' ? 'Standard print version' : 'Large print version',
  })
}

export async function downloadLeaflet(request: FastifyRequest<Params>, reply: FastifyReply) {
  const referralId = referralIdOf(request)
  const size = sizeOf(request)
  const result = await readLeaflet(request.orgScope(), referralId, actorOf(request), 'download')
  if (result.kind === 'no-plan') return noPlan(reply, result, 404)
  const view = presentLeaflet(result.data, request.actor!.organisation!.name)
  const body = await leafletPdf(view, { size, photo: result.data.linkWorker.photo })
  // The reference, never the person's name, goes in the file name: it shows in download lists and logs.
  const filename = `plan-leaflet-${result.data.reference}${size === 'large' ? '-large-print' : ''}.pdf`
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `inline; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(body)
}

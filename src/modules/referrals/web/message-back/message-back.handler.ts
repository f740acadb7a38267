// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import { getMessageBack, getMessageBackForReferrer } from '../../message-back.service.ts'
import { viewReferral } from '../../referral.service.ts'
import type { MessageBack } from '../../referral.ts'
import { ReferralsError } from '../../referrals.errors.ts'
import { messageBackPdf, presentMessageBack } from './message-back.presenter.ts'

type Params = { Params: { referralId: string } }

async function forService(request: FastifyRequest<Params>): Promise<MessageBack> {
  const actor = request.actor!
  const referral = await viewReferral(request.orgScope(), request.params.referralId, request.auditActor(), {
    userId: actor.userId,
    supervisor: actor.roles.includes('supervisor'),
  })
  const message = await getMessageBack(request.orgScope(), referral.id)
  if (!message) throw new ReferralsError('REFERRALS_NO_MESSAGE_BACK')
  return message
}

async function forReferrer(request: FastifyRequest<Params>): Promise<MessageBack> {
  const message = await getMessageBackForReferrer(request.referrerScope(), request.params.referralId)
  if (!message) throw new ReferralsError('REFERRALS_NO_MESSAGE_BACK')
  await request.audit({ action: 'view-message-back', recordType: 'referral', recordId: message.referralId })
  return message
}

function page(reply: FastifyReply, message: MessageBack, base: string) {
  const view = presentMessageBack(message)
  return reply.page('modules/referrals/web/message-back/message-back.njk', {
    pageTitle: `Message back for ${message.reference}`,
    message: view,
    summaryRows: view.rows.map(([key, value]) => ({ key: { text: key }, value: { text: value } })),
    pdfHref: `${base}/message-back.pdf`,
    backLinkHref: base,
  })
}

async function pdf(reply: FastifyReply, message: MessageBack) {
  const body = await messageBackPdf(message)
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `attachment; filename="message-back-${message.reference}.pdf"`)
    .header('cache-control', 'no-store')
    .send(body)
}

export async function showServiceMessageBack(request: FastifyRequest<Params>, reply: FastifyReply) {
  return page(reply, await forService(request), `/referrals/${request.params.referralId}`)
}
export async function downloadServiceMessageBack(request: FastifyRequest<Params>, reply: FastifyReply) {
  return pdf(reply, await forService(request))
}
export async function showReferrerMessageBack(request: FastifyRequest<Params>, reply: FastifyReply) {
  return page(reply, await forReferrer(request), `/my-referrals/${request.params.referralId}`)
}
export async function downloadReferrerMessageBack(request: FastifyRequest<Params>, reply: FastifyReply) {
  return pdf(reply, await forReferrer(request))
}

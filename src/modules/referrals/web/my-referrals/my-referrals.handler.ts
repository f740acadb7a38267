// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import { paginationFor, pagingFrom, queryField } from '../../../../platform/http/forms.ts'
import { listReferralsMadeBy, viewReferralMadeBy } from '../../referral.service.ts'
import {
  BUSINESS_STATUS_LABELS,
  DECLINE_REASON_LABELS,
  NEED_LABELS,
  REFERRAL_STATUS_LABELS,
  type ReferralQueue,
} from '../../referral.ts'
import { ReferralsError } from '../../referrals.errors.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const VIEWS: { id: ReferralQueue; label: string }[] = [
  { id: 'open', label: 'Open' },
  { id: 'closed', label: 'Closed or declined' },
  { id: 'all', label: 'All' },
]

export async function showMyReferrals(request: FastifyRequest, reply: FastifyReply) {
  const actor = request.actor!
  const organisationId = actor.organisation!.id
  const requested = queryField(request.query, 'view')
  const view = VIEWS.find((v) => v.id === requested)?.id ?? 'all'
  const paging = pagingFrom(request.query, 25)
  const page = await listReferralsMadeBy(
    request.server.db,
    organisationId,
    { queue: view },
    { limit: paging.pageSize, offset: paging.offset },
  )
  await request.audit({
    action: 'list-as-referrer',
    recordType: 'referral',
    details: { count: page.rows.length, offset: paging.offset },
  })
  return reply.page('modules/referrals/web/my-referrals/my-referrals.njk', {
    pageTitle: 'Referrals made by your organisation',
    organisationName: actor.organisation!.name,
    view,
    views: VIEWS.map((v) => ({ ...v, current: v.id === view, href: `/my-referrals?view=${v.id}` })),
    total: page.total,
    rows: page.rows.map((r) => ({
      ...r,
      statusLabel: REFERRAL_STATUS_LABELS[r.status],
      businessLabel: BUSINESS_STATUS_LABELS[r.businessStatus],
      needsLabel: r.needs.map((n) => NEED_LABELS[n]).join(', '),
    })),
    pagination: paginationFor('/my-referrals', { view }, paging, page.total),
  })
}

export async function showMyReferral(request: FastifyRequest<{ Params: { referralId: string } }>, reply: FastifyReply) {
  if (!UUID.test(request.params.referralId)) throw new ReferralsError('REFERRALS_NOT_FOUND')
  const actor = request.actor!
  const found = await viewReferralMadeBy(
    request.server.db,
    actor.organisation!.id,
    request.params.referralId,
    request.auditActor(),
  )
  const s = found.summary
  return reply.page('modules/referrals/web/my-referrals/my-referral.njk', {
    pageTitle: `Referral ${s.reference}`,
    referral: s,
    statusLabel: REFERRAL_STATUS_LABELS[s.status],
    businessLabel: BUSINESS_STATUS_LABELS[s.businessStatus],
    needsLabel: s.needs.map((n) => NEED_LABELS[n]).join(', '),
    declineLabel: found.declineReason ? DECLINE_REASON_LABELS[found.declineReason] : null,
    guidance: found.guidance,
    statusReason: s.statusReason,
    messageBackAvailable: found.messageBackAvailable,
    history: found.history.map((e) => ({
      ...e,
      statusLabel: REFERRAL_STATUS_LABELS[e.toStatus],
      businessLabel: BUSINESS_STATUS_LABELS[e.businessStatus],
    })),
    backLinkHref: '/my-referrals',
  })
}

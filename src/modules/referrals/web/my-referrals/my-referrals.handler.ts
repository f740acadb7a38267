// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import {
  errorListFor,
  paginationFor,
  pagingFrom,
  queryField,
  textField,
  type FieldErrors,
} from '../../../../platform/http/forms.ts'
import { listReferralsMadeBy, viewReferralMadeBy, withdrawReferralMadeBy } from '../../message-back.service.ts'
import { BUSINESS_STATUS_LABELS, REFERRAL_STATUS_LABELS } from '../../referral-status.ts'
import { DECLINE_REASON_LABELS, NEED_LABELS, type ReferralQueue } from '../../referral.ts'
import { ReferralsError } from '../../referrals.errors.ts'

const VIEWS: { id: ReferralQueue; label: string }[] = [
  { id: 'open', label: 'Open' },
  { id: 'closed', label: 'Closed or declined' },
  { id: 'all', label: 'All' },
]

export async function showMyReferrals(request: FastifyRequest, reply: FastifyReply) {
  const actor = request.actor!
  const requested = queryField(request.query, 'view')
  const view = VIEWS.find((v) => v.id === requested)?.id ?? 'all'
  const paging = pagingFrom(request.query, 25)
  const page = await listReferralsMadeBy(
    request.referrerScope(),
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

type MyReferralRequest = FastifyRequest<{ Params: { referralId: string } }>

const WITHDRAW_REASON_MAX = 500

async function renderMyReferral(
  request: MyReferralRequest,
  reply: FastifyReply,
  withdraw: { reason: string; errors: FieldErrors } = { reason: '', errors: {} },
  statusCode = 200,
) {
  const found = await viewReferralMadeBy(request.referrerScope(), request.params.referralId, request.auditActor())
  const s = found.summary
  return reply.page(
    'modules/referrals/web/my-referrals/my-referral.njk',
    {
      pageTitle: `Referral ${s.reference}`,
      referral: s,
      statusLabel: REFERRAL_STATUS_LABELS[s.status],
      businessLabel: BUSINESS_STATUS_LABELS[s.businessStatus],
      needsLabel: s.needs.map((n) => NEED_LABELS[n]).join(', '),
      declineLabel: found.declineReason ? DECLINE_REASON_LABELS[found.declineReason] : null,
      guidance: found.guidance,
      statusReason: s.statusReason,
      messageBackAvailable: found.messageBackAvailable,
      canWithdraw: found.canWithdraw,
      version: found.version,
      withdraw,
      errorList: errorListFor(withdraw.errors, { reason: 'withdraw-reason' }),
      history: found.history.map((e) => ({
        ...e,
        statusLabel: REFERRAL_STATUS_LABELS[e.toStatus],
        businessLabel: BUSINESS_STATUS_LABELS[e.businessStatus],
      })),
      backLinkHref: '/my-referrals',
    },
    statusCode,
  )
}

export async function showMyReferral(request: MyReferralRequest, reply: FastifyReply) {
  return renderMyReferral(request, reply)
}

/** The referrer withdraws the referral; a reason is required, and a stale page is refused, not overwritten. */
export async function submitWithdrawMyReferral(request: MyReferralRequest, reply: FastifyReply) {
  const reason = textField(request.body, 'reason', WITHDRAW_REASON_MAX)
  const version = Number.parseInt(textField(request.body, 'version', 12), 10)
  const errors: FieldErrors = {}
  if (!reason) errors['reason'] = 'Enter why you are withdrawing this referral'
  else if (reason.length > WITHDRAW_REASON_MAX)
    errors['reason'] = `Reason must be ${WITHDRAW_REASON_MAX} characters or fewer`
  if (Object.keys(errors).length > 0) return renderMyReferral(request, reply, { reason, errors }, 400)
  const actor = request.actor!
  try {
    await withdrawReferralMadeBy(
      request.referrerScope(),
      request.params.referralId,
      reason,
      { audit: request.auditActor(), userId: actor.userId, name: actor.displayName },
      Number.isFinite(version) ? version : -1,
    )
  } catch (error) {
    if (error instanceof ReferralsError && error.code === 'REFERRALS_CHANGED_BY_SOMEONE_ELSE') {
      return renderMyReferral(
        request,
        reply,
        {
          reason,
          errors: {
            reason:
              'The service has changed this referral since you opened the page. Check its status, then try again.',
          },
        },
        409,
      )
    }
    if (error instanceof ReferralsError && error.code === 'REFERRALS_TRANSITION_NOT_ALLOWED') {
      return renderMyReferral(
        request,
        reply,
        { reason, errors: { reason: 'This referral can no longer be withdrawn.' } },
        409,
      )
    }
    throw error
  }
  return reply.redirect(`/my-referrals/${request.params.referralId}`, 303)
}

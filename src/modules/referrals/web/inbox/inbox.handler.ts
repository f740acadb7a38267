// SPDX-License-Identifier: AGPL-3.0-or-later
import { selectItemsFrom } from '../../../../platform/http/choices.ts'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { paginationFor, pagingFrom, queryField } from '../../../../platform/http/forms.ts'
import { contactTargetState, COUNTRY_LABELS, londonDate, type Country } from '../../contact-target.ts'
import { getContactTargets } from '../../referral-settings.service.ts'
import { countReferralQueues, listLinkWorkersWithCaseload, listReferralsForService } from '../../referral.service.ts'
import { BUSINESS_STATUS_LABELS, REFERRAL_STATUS_LABELS } from '../../referral-status.ts'
import {
  isNeed,
  NEED_LABELS,
  NEEDS,
  normaliseReference,
  SOURCE_LABELS,
  SOURCES,
  type ReferralFilters,
  type ReferralQueue,
  type ReferralSource,
  type ReferralSummary,
} from '../../referral.ts'

const QUEUES: { id: ReferralQueue; label: string }[] = [
  { id: 'new', label: 'New' },
  { id: 'awaiting-contact', label: 'Awaiting contact' },
  { id: 'overdue', label: 'Overdue' },
  { id: 'declined', label: 'Declined' },
  { id: 'open', label: 'All open' },
  { id: 'closed', label: 'Closed' },
]

const TARGET_TAGS = {
  overdue: { text: 'Past contact target', classes: 'nhsuk-tag--red' },
  near: { text: 'Near contact target', classes: 'nhsuk-tag--orange' },
  'on-track': null,
  met: null,
} as const

const DONE_MESSAGES: Record<string, string> = {
  accept: 'accepted and allocated. The link worker will see it on their caseload, and the referrer has been told.',
  decline: 'declined. The referrer has been told why.',
  redirect: 'redirected to the other service. The referrer has been told.',
}

/** What the last action did, for the message at the top of the inbox (a reference, never a name, in the URL). */
function flashFor(query: unknown): string | undefined {
  if (queryField(query, 'saved') === 'targets')
    return 'The contact targets have been saved. They apply to referrals received from now on.'
  const done = DONE_MESSAGES[queryField(query, 'done')]
  const reference = normaliseReference(queryField(query, 'reference'))
  return done && reference ? `Referral ${reference} ${done}` : undefined
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

export function presentRow(referral: ReferralSummary, today: string, country: Country) {
  const open = ['requested', 'accepted', 'in-progress'].includes(referral.status)
  const state = open
    ? contactTargetState(referral.contactTargetDate, today, referral.firstContactAt !== null, country)
    : 'met'
  return {
    ...referral,
    statusLabel: REFERRAL_STATUS_LABELS[referral.status],
    businessLabel: BUSINESS_STATUS_LABELS[referral.businessStatus],
    needsLabel: referral.needs.map((n) => NEED_LABELS[n]).join(', '),
    sourceLabel: SOURCE_LABELS[referral.source],
    targetTag: TARGET_TAGS[state],
  }
}

export async function showInbox(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const scope = request.orgScope()
  const actor = request.actor!
  const supervisor = actor.roles.includes('supervisor')
  const requestedQueue = queryField(request.query, 'queue')
  const queue = QUEUES.find((q) => q.id === requestedQueue)?.id ?? (supervisor ? 'new' : 'open')
  const need = queryField(request.query, 'need')
  const source = queryField(request.query, 'source')
  const urgency = queryField(request.query, 'urgency')
  const ownerParam = queryField(request.query, 'owner')
  // Supervisors see the whole service; link workers only the people they support (product: who sees what).
  const owner = supervisor ? ownerParam : 'me'
  const ownerUserId = owner === 'me' ? actor.userId : /^[0-9a-f-]{36}$/.test(owner) ? owner : undefined
  const today = londonDate(new Date())
  const filters: ReferralFilters = {
    queue,
    today,
    need: isNeed(need) ? need : undefined,
    source: (SOURCES as readonly string[]).includes(source) ? (source as ReferralSource) : undefined,
    urgency: urgency === 'urgent' || urgency === 'routine' ? urgency : undefined,
    ownerUserId,
  }
  const paging = pagingFrom(request.query, 25)
  const [page, counts, workers, targets] = await Promise.all([
    listReferralsForService(scope, filters, { limit: paging.pageSize, offset: paging.offset }),
    countReferralQueues(scope, today),
    listLinkWorkersWithCaseload(scope),
    getContactTargets(scope),
  ])
  await request.audit({
    action: 'list',
    recordType: 'referral',
    details: { queue, count: page.rows.length, offset: paging.offset },
  })
  const query = { queue, need, source, urgency, owner }
  const countFor: Record<string, number | undefined> = {
    new: counts.new,
    'awaiting-contact': counts.awaitingContact,
    overdue: counts.overdue,
    declined: counts.declined,
    open: counts.open,
  }
  return reply.page('modules/referrals/web/inbox/inbox.njk', {
    pageTitle: 'Referrals',
    flash: flashFor(request.query),
    organisationName: actor.organisation?.name,
    supervisor,
    queue,
    queueLabel: QUEUES.find((q) => q.id === queue)!.label,
    queues: QUEUES.map((q) => ({
      ...q,
      count: countFor[q.id],
      current: q.id === queue,
      href: `/referrals?${new URLSearchParams({ ...Object.fromEntries(Object.entries(query).filter(([, v]) => v)), queue: q.id }).toString()}`,
    })),
    total: page.total,
    rows: page.rows.map((r) => presentRow(r, today, targets.country)),
    targetsText:
      `Contact targets: ${plural(targets.urgentTargetWorkingDays, 'working day')} for urgent referrals, ` +
      `${plural(targets.routineTargetWorkingDays, 'working day')} for routine ones (${COUNTRY_LABELS[targets.country]} bank holidays).`,
    values: query,
    needItems: selectItemsFrom(
      NEEDS.map((n) => ({ value: n, text: NEED_LABELS[n] })),
      need,
      'Any reason',
    ),
    sourceItems: selectItemsFrom(
      SOURCES.map((s) => ({ value: s, text: SOURCE_LABELS[s] })),
      source,
      'Any source',
    ),
    urgencyItems: selectItemsFrom(
      [
        { value: 'urgent', text: 'Urgent' },
        { value: 'routine', text: 'Routine' },
      ],
      urgency,
      'Any urgency',
    ),
    ownerItems: supervisor
      ? [
          { value: '', text: 'Anyone', selected: owner === '' },
          { value: 'me', text: 'Me', selected: owner === 'me' },
          ...workers.map((w) => ({
            value: w.userId,
            text: `${w.displayName} (${w.openCaseload} open)`,
            selected: owner === w.userId,
          })),
        ]
      : undefined,
    pagination: paginationFor('/referrals', query, paging, page.total),
  })
}

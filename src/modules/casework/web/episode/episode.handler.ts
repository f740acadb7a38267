// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import { listEpisodeConnections, listEpisodeOutcomes } from '../../follow-ups.service.ts'
import { queryField } from '../../../../platform/http/forms.ts'
import { formatNhsNumber } from '../../../../shared/nhs-number.ts'
import {
  ageOn,
  CONTACT_METHOD_LABELS,
  findWithdrawalFromSupport,
  listActiveFlags,
  presentWithdrawal,
} from '../../../people/index.ts'
import { NEED_LABELS, PROFESSION_LABELS, REFERRAL_STATUS_LABELS } from '../../../referrals/index.ts'
import {
  COMPLEXITY_LABELS,
  CONTACT_TYPE_LABELS,
  dueState,
  londonToday,
  PATHWAY_LABELS,
  PAUSE_REASON_LABELS,
} from '../../casework.ts'
import { CaseworkError } from '../../casework.errors.ts'
import { listContactsForEpisode, viewEpisode } from '../../casework.service.ts'
import { resumeEpisode } from '../../episode-changes.service.ts'
import { findCurrentConversation } from '../../conversation.service.ts'
import { describeBookingTime, formatBookingDate } from '../../bookings.ts'
import { listUpcomingBookings } from '../../bookings.service.ts'
import { loadSupportRecord } from '../../support-record.service.ts'
import { changeActorOf, referralIdOf, type CaseParams } from '../shared.ts'
import { presentSupportRecord, SUPPORT_RECORD_FLASHES } from './support-record.presenter.ts'
import { presentPersonFlags } from '../person/person-flags.presenter.ts'

const FLASHES: Record<string, string> = {
  contact: 'The contact has been recorded.',
  details: 'The pathway, complexity and allowance have been saved.',
  'details-short-term':
    'The pathway, complexity and allowance have been saved. Contacts allowed now follow the short-term pathway’s setting.',
  'details-long-term':
    'The pathway, complexity and allowance have been saved. Contacts allowed now follow the long-term pathway’s setting.',
  paused: 'Support is paused. Review and contact dates will not count down until you resume.',
  resumed: 'Support has resumed. The days it was paused have been added to the review and contact dates.',
  conversation: 'The conversation has been saved. It is now the current picture of what matters to them.',
  text: 'The text message has been sent and added to their contact history.',
  'booking-cancelled':
    'The booking has been cancelled. It will drop out of your diary when your calendar next updates.',
}

function flashFor(saved: string, query: unknown): string | undefined {
  if (saved === 'booked') {
    const on = queryField(query, 'on', 10)
    const at = queryField(query, 'at', 5)
    if (/^\d{4}-\d{2}-\d{2}$/.test(on) && /^\d{2}:\d{2}$/.test(at))
      return `The contact is booked for ${formatBookingDate(on)} at ${at}.`
    return 'The contact is booked.'
  }
  return FLASHES[saved] ?? SUPPORT_RECORD_FLASHES[saved]
}

export async function showEpisode(request: FastifyRequest<CaseParams>, reply: FastifyReply) {
  const referralId = referralIdOf(request)
  const scope = request.orgScope()
  const found = await viewEpisode(scope, referralId, changeActorOf(request), {
    supervisor: request.actor!.roles.includes('supervisor'),
  })
  const { referral, episode } = found
  const today = londonToday()
  const [record, contacts, conversation, bookings, flags, connections, outcomes, withdrawal] = await Promise.all([
    loadSupportRecord(scope, episode.id),
    listContactsForEpisode(scope, episode.id),
    findCurrentConversation(scope, episode.id),
    listUpcomingBookings(scope, episode.id),
    listActiveFlags(scope, [referral.personId]),
    listEpisodeConnections(scope, episode.id, today),
    listEpisodeOutcomes(scope, { id: episode.id, referralId, firstContactOn: episode.firstContactOn }, today),
    findWithdrawalFromSupport(scope, referral.personId),
  ])
  const supportRecord = presentSupportRecord(found, record)
  const p = referral.person
  const paused = referral.status === 'on-hold'
  const saved = queryField(request.query, 'saved', 20)
  return reply.page('modules/casework/web/episode/episode.njk', {
    pageTitle: `${p.givenName} ${p.familyName}`,
    flash: flashFor(saved, request.query),
    // A supervisor reading someone else's case goes back to that worker's caseload.
    backLinkHref:
      found.access === 'read' && request.actor!.userId !== episode.linkWorkerUserId
        ? `/team/${episode.linkWorkerUserId}`
        : '/caseload',
    supportRecord,
    connections,
    outcomes,
    referralId,
    reference: referral.reference,
    statusLabel: REFERRAL_STATUS_LABELS[referral.status],
    paused,
    pausedSince: paused ? (episode.pausedOn ?? referral.lastUpdated) : null,
    pauseReason: paused
      ? episode.pauseReason
        ? [PAUSE_REASON_LABELS[episode.pauseReason], episode.pauseReasonText].filter(Boolean).join(': ')
        : referral.statusReason
      : null,
    risks: {
      loneWorking: referral.risks.loneWorking,
      loneWorkingDetails: referral.risks.loneWorkingDetails,
      safeguarding: referral.risks.safeguardingRaisedElsewhere,
      safeguardingDetails: referral.risks.safeguardingDetails,
    },
    urgent: referral.urgency === 'urgent',
    personFlags: presentPersonFlags(referral.personId, flags.get(referral.personId) ?? []),
    withdrawal: presentWithdrawal(
      withdrawal,
      referral.person.givenName,
      'Nothing more is shared with community providers or sent to them: close their support, unless they agree again (record that on their person record).',
    ),
    person: {
      name: `${p.givenName} ${p.familyName}`,
      dateOfBirth: p.dateOfBirth,
      age: ageOn(p.dateOfBirth, new Date()),
      nhsNumber: p.nhsNumber ? formatNhsNumber(p.nhsNumber) : null,
      address: [p.addressLine1, p.addressLine2, p.town, p.postcode].filter(Boolean).join(', '),
      phone: p.phone,
      email: p.email,
      preferred: [
        p.preferredContactMethod ? CONTACT_METHOD_LABELS[p.preferredContactMethod] : '',
        p.preferredContactTimes,
      ]
        .filter(Boolean)
        .join(' – '),
      avoid: p.contactMethodsToAvoid.map((m) => CONTACT_METHOD_LABELS[m]).join(', '),
      language: p.language,
      interpreterNeeded: p.interpreterNeeded,
      accessNeeds: p.accessNeeds,
      othersToInvolve: p.othersToInvolve,
    },
    referral: {
      needs: referral.needs.map((n) => NEED_LABELS[n]),
      reasonText: referral.reasonText,
      whatMatters: referral.whatMatters,
      receivedAt: referral.receivedAt,
      referrer: [
        referral.requester.name,
        referral.requester.profession ? PROFESSION_LABELS[referral.requester.profession] : '',
        referral.requester.organisationName ?? '',
      ]
        .filter(Boolean)
        .join(', '),
    },
    episode: {
      ...episode,
      pathwayLabel: PATHWAY_LABELS[episode.pathway],
      complexityLabel: episode.complexity ? COMPLEXITY_LABELS[episode.complexity] : 'Not yet assessed',
      overAllowance: episode.contactsUsed >= episode.contactAllowance,
      // Nothing is due once support has ended.
      reviewState: supportRecord.ended ? 'none' : dueState(episode.nextReviewOn, today, paused),
      contactState: supportRecord.ended ? 'none' : dueState(episode.nextContactOn, today, paused),
    },
    contacts: contacts.map((c) => ({ ...c, typeLabel: CONTACT_TYPE_LABELS[c.type] })),
    bookings: bookings.map((b) => ({
      id: b.id,
      when: describeBookingTime(b.startsAt, b.durationMinutes),
      typeLabel: CONTACT_TYPE_LABELS[b.type],
      place: b.place,
      riskCheck: b.riskCheck,
    })),
    conversation: conversation && {
      ...conversation,
      needs: [...conversation.needsConfirmed, ...conversation.needsAdded].map((n) => NEED_LABELS[n]),
    },
  })
}

export async function submitResume(request: FastifyRequest<CaseParams>, reply: FastifyReply) {
  const referralId = referralIdOf(request)
  try {
    await resumeEpisode(request.orgScope(), referralId, changeActorOf(request))
  } catch (error) {
    // A second click on "Resume" after it worked: show the page as it now is.
    if (!(error instanceof CaseworkError && error.code === 'CASEWORK_NOT_PAUSED')) throw error
  }
  return reply.redirect(`/caseload/${referralId}?saved=resumed`, 303)
}

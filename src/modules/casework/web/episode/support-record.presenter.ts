// SPDX-License-Identifier: AGPL-3.0-or-later
// The parts of the episode page about onward referrals, who has held the case, and how support ended.
import { REFERRAL_STATUS_LABELS } from '../../../referrals/index.ts'
import { londonToday } from '../../casework.ts'
import type { EpisodeView } from '../../casework.service.ts'
import { CLOSE_REASON_LABELS } from '../../closing.ts'
import { ESCALATION_KIND_LABELS, ESCALATION_OUTCOME_LABELS, isOutcomePending } from '../../escalation.ts'
import type { SupportRecord } from '../../support-record.service.ts'

export const SUPPORT_RECORD_FLASHES: Record<string, string> = {
  escalation: 'The onward referral has been recorded.',
  'escalation-outcome': 'The outcome of the onward referral has been saved.',
}

/** Escalations, allocation history and the ending of support, as the episode page shows them. */
export function presentSupportRecord(
  found: {
    access: EpisodeView['access']
    referral: Pick<EpisodeView['referral'], 'id' | 'status' | 'lastUpdated' | 'statusReason'>
  },
  { escalations, allocations, closure }: SupportRecord,
) {
  const ended = !['accepted', 'in-progress', 'on-hold'].includes(found.referral.status)
  const canChange = found.access === 'change' && !ended
  return {
    readOnly: !canChange,
    ended: ended
      ? {
          on: closure?.closedOn ?? londonToday(found.referral.lastUpdated),
          reason: closure ? CLOSE_REASON_LABELS[closure.reason] : REFERRAL_STATUS_LABELS[found.referral.status],
          summary: closure?.summary ?? found.referral.statusReason ?? '',
          messageBackHref: `/referrals/${found.referral.id}/message-back`,
        }
      : null,
    escalations: escalations.map((e) => ({
      ...e,
      kindLabel: ESCALATION_KIND_LABELS[e.kind],
      outcomeLabel: e.outcome ? ESCALATION_OUTCOME_LABELS[e.outcome] : 'Not recorded yet',
      pending: isOutcomePending(e),
      outcomeHref: canChange ? `/caseload/${found.referral.id}/escalations/${e.id}/outcome` : null,
    })),
    allocations: allocations.map((a) => ({
      ...a,
      text: a.fromName ? `From ${a.fromName} to ${a.toName}` : `Allocated to ${a.toName} when support began`,
    })),
  }
}

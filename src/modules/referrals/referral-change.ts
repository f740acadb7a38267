// SPDX-License-Identifier: AGPL-3.0-or-later
// Every change people make to a referral, planned by one pure function before anything is written.
import { type DeclineReason, DECLINE_REASON_LABELS } from './referral.ts'
import {
  type ReferralStatus,
  FINAL_STATUSES,
  checkStatusTransition,
  type BusinessStatus,
  type ProgressStep,
  CONTACT_MADE_STEPS,
} from './referral-status.ts'

// ---- Changes people make to a referral, planned by one pure function ----

export type ReferralChange =
  | { kind: 'accept'; ownerUserId: string }
  | { kind: 'reallocate'; ownerUserId: string }
  | { kind: 'decline'; reason: DeclineReason; text: string }
  /**
   * Re-sends the referral to another service. The person must have agreed to it going there (`agreedBy`: how
   * they said so); what they agreed about community providers goes with it, never more.
   */
  | { kind: 'redirect'; toOrganisationId: string; text: string; agreedBy: 'verbal' | 'written' }
  | { kind: 'progress'; step: ProgressStep }
  | { kind: 'pause'; reason: string }
  | { kind: 'resume' }
  | { kind: 'close'; connectedTo: string; outcomes: string }
  | { kind: 'declined-by-person'; reason: string }
  | { kind: 'could-not-contact'; reason: string }
  | { kind: 'withdraw'; reason: string }
  | { kind: 'entered-in-error'; reason: string }

export type ReferralChangeKind = ReferralChange['kind']

export interface PlannedChange {
  status: ReferralStatus
  businessStatus: BusinessStatus
  statusReason: string | null
  reasonCode: string | null
  /** Whether the referrer sees this step in their history (and is emailed about it). */
  visibleToReferrer: boolean
  setsFirstContact: boolean
  closes: boolean
}

export type ChangePlan =
  | { ok: true; plan: PlannedChange }
  | { ok: false; problem: 'not-allowed' | 'reason-required' | 'no-change' }

/**
 * Works out what a change does to a referral's status and business status, enforcing the Gravity
 * transitions through `checkStatusTransition`. Pure: the service applies the plan.
 */
export function planReferralChange(
  current: { status: ReferralStatus; businessStatus: BusinessStatus; firstContactAt: Date | null },
  change: ReferralChange,
): ChangePlan {
  const to = (
    status: ReferralStatus,
    businessStatus: BusinessStatus,
    reason: string | null,
    extra: Partial<PlannedChange> = {},
  ): ChangePlan => {
    const check =
      status === current.status ? { ok: true as const } : checkStatusTransition(current.status, status, reason)
    if (!check.ok) return check
    return {
      ok: true,
      plan: {
        status,
        businessStatus,
        statusReason: reason?.trim() || null,
        reasonCode: null,
        visibleToReferrer: true,
        setsFirstContact: false,
        closes: FINAL_STATUSES.includes(status),
        ...extra,
      },
    }
  }
  switch (change.kind) {
    case 'accept':
      return to('accepted', 'allocated', null)
    case 'reallocate':
      if (!['accepted', 'in-progress', 'on-hold'].includes(current.status)) return { ok: false, problem: 'not-allowed' }
      return to(current.status, current.businessStatus, null, { visibleToReferrer: false })
    case 'decline':
      return to('rejected', 'declined-by-service', change.text || DECLINE_REASON_LABELS[change.reason], {
        reasonCode: change.reason,
      })
    case 'redirect':
      return to('rejected', 'redirected', change.text || 'Redirected to another service', { reasonCode: 'redirected' })
    case 'progress': {
      if (!['accepted', 'in-progress'].includes(current.status)) return { ok: false, problem: 'not-allowed' }
      if (current.businessStatus === change.step) return { ok: false, problem: 'no-change' }
      return to('in-progress', change.step, null, { setsFirstContact: CONTACT_MADE_STEPS.includes(change.step) })
    }
    case 'pause':
      return to('on-hold', 'paused', change.reason)
    case 'resume':
      if (current.status !== 'on-hold') return { ok: false, problem: 'not-allowed' }
      return to('in-progress', current.firstContactAt ? 'first-contact-made' : 'allocated', null)
    case 'close':
      return to('completed', 'closed', null)
    case 'declined-by-person':
      return to('cancelled', 'declined-by-person', change.reason, { reasonCode: 'declined-by-person' })
    case 'could-not-contact':
      return to('failed', 'could-not-contact', change.reason, { reasonCode: 'could-not-contact' })
    case 'withdraw':
      // Once a referral is finished (completed, declined, cancelled…) there is nothing left to withdraw.
      if (FINAL_STATUSES.includes(current.status)) return { ok: false, problem: 'not-allowed' }
      return to('cancelled', 'withdrawn', change.reason, { reasonCode: 'withdrawn' })
    case 'entered-in-error':
      return to('entered-in-error', 'entered-in-error', change.reason, { reasonCode: 'entered-in-error' })
  }
}

// Keeps the type-level reason rule in one place: statuses needing a reason reject empty text above.
export const CHANGE_KIND_LABELS: Record<ReferralChangeKind, string> = {
  accept: 'Accept and allocate',
  reallocate: 'Allocate to someone else',
  decline: 'Decline',
  redirect: 'Redirect to another service',
  progress: 'Record progress',
  pause: 'Put on hold',
  resume: 'Resume',
  close: 'Close',
  'declined-by-person': 'The person declined',
  'could-not-contact': 'Could not make contact',
  withdraw: 'Withdraw',
  'entered-in-error': 'Mark as entered in error',
}

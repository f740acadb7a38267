// SPDX-License-Identifier: AGPL-3.0-or-later
// A referral's status (the Gravity task states) and business status (the finer steps within one), and which
// moves between them are allowed.

// ---- Gravity referral task states (standards §2.1.3) ----

export const REFERRAL_STATUSES = [
  'draft',
  'requested',
  'accepted',
  'rejected',
  'cancelled',
  'in-progress',
  'on-hold',
  'failed',
  'completed',
  'entered-in-error',
] as const
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number]

export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, string> = {
  draft: 'Draft',
  requested: 'New',
  accepted: 'Accepted',
  rejected: 'Declined by the service',
  cancelled: 'Cancelled',
  'in-progress': 'In progress',
  'on-hold': 'On hold',
  failed: 'Could not be completed',
  completed: 'Closed',
  'entered-in-error': 'Entered in error',
}

export function isReferralStatus(value: string): value is ReferralStatus {
  return (REFERRAL_STATUSES as readonly string[]).includes(value)
}

/** Statuses after which nothing more happens to the referral. */
export const FINAL_STATUSES: readonly ReferralStatus[] = [
  'rejected',
  'cancelled',
  'failed',
  'completed',
  'entered-in-error',
]
/** Statuses of a referral that is still open (for duplicate detection and caseloads). */
export const OPEN_STATUSES: readonly ReferralStatus[] = ['draft', 'requested', 'accepted', 'in-progress', 'on-hold']

/** Statuses that must carry a reason (Gravity: statusReason.text for these). */
export const STATUSES_NEEDING_REASON: readonly ReferralStatus[] = ['rejected', 'cancelled', 'on-hold', 'failed']

const TRANSITIONS: Readonly<Record<ReferralStatus, readonly ReferralStatus[]>> = {
  draft: ['requested'],
  requested: ['accepted', 'rejected', 'cancelled'],
  accepted: ['in-progress', 'on-hold', 'cancelled', 'completed', 'failed'],
  'in-progress': ['on-hold', 'completed', 'failed', 'cancelled'],
  'on-hold': ['in-progress', 'cancelled', 'completed', 'failed'],
  rejected: [],
  cancelled: [],
  failed: [],
  completed: [],
  'entered-in-error': [],
}

export type TransitionCheck = { ok: true } | { ok: false; problem: 'not-allowed' | 'reason-required' | 'no-change' }

/**
 * THE rule for referral status changes (standards §2.1.3): which status may follow which, and that a reason
 * is given for rejected, cancelled, on-hold and failed. Every status change in Waymark goes through this.
 * `entered-in-error` can be reached from any other status.
 */
export function checkStatusTransition(
  from: ReferralStatus,
  to: ReferralStatus,
  reason: string | null,
): TransitionCheck {
  if (from === to) return { ok: false, problem: 'no-change' }
  const allowed = to === 'entered-in-error' ? from !== 'entered-in-error' : TRANSITIONS[from].includes(to)
  if (!allowed) return { ok: false, problem: 'not-allowed' }
  if (STATUSES_NEEDING_REASON.includes(to) && !reason?.trim()) return { ok: false, problem: 'reason-required' }
  return { ok: true }
}

/** The statuses reachable from `from`, for showing only actions that are possible. */
export function nextStatuses(from: ReferralStatus): readonly ReferralStatus[] {
  return from === 'entered-in-error' ? [] : [...TRANSITIONS[from], 'entered-in-error']
}

// ---- Business statuses: the finer steps within a status (our own code system, documented) ----

export const BUSINESS_STATUSES = [
  'received',
  'allocated',
  'contact-attempted',
  'first-contact-made',
  'conversation-held',
  'plan-agreed',
  'connected',
  'paused',
  'declined-by-service',
  'redirected',
  'declined-by-person',
  'could-not-contact',
  'withdrawn',
  'closed',
  'entered-in-error',
] as const
export type BusinessStatus = (typeof BUSINESS_STATUSES)[number]

export const BUSINESS_STATUS_LABELS: Record<BusinessStatus, string> = {
  received: 'Received',
  allocated: 'Allocated to a link worker',
  'contact-attempted': 'Contact attempted',
  'first-contact-made': 'First contact made',
  'conversation-held': 'What matters conversation held',
  'plan-agreed': 'Plan agreed',
  connected: 'Connected to support',
  paused: 'Paused',
  'declined-by-service': 'Declined by the service',
  redirected: 'Redirected to another service',
  'declined-by-person': 'Declined by the person',
  'could-not-contact': 'Could not make contact',
  withdrawn: 'Withdrawn',
  closed: 'Closed',
  'entered-in-error': 'Entered in error',
}

export function isBusinessStatus(value: string): value is BusinessStatus {
  return (BUSINESS_STATUSES as readonly string[]).includes(value)
}

/** Progress steps a link worker records on an accepted referral; each moves the task to in-progress. */
export const PROGRESS_STEPS = [
  'contact-attempted',
  'first-contact-made',
  'conversation-held',
  'plan-agreed',
  'connected',
] as const satisfies readonly BusinessStatus[]
export type ProgressStep = (typeof PROGRESS_STEPS)[number]

/** Steps that count as having made contact (they stop the contact-target clock). */
export const CONTACT_MADE_STEPS: readonly BusinessStatus[] = [
  'first-contact-made',
  'conversation-held',
  'plan-agreed',
  'connected',
]

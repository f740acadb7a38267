// SPDX-License-Identifier: AGPL-3.0-or-later
// Onward referrals beyond the link worker's competence ("escalations") and what came of them.

export const ESCALATION_KINDS = ['mental-health', 'safeguarding', 'allied-health', 'other-service'] as const
export type EscalationKind = (typeof ESCALATION_KINDS)[number]
export const ESCALATION_KIND_LABELS: Record<EscalationKind, string> = {
  'mental-health': 'Specialist mental health',
  safeguarding: 'Safeguarding concern raised',
  'allied-health': 'Referral back to an allied health professional',
  'other-service': 'Another service',
}
export function isEscalationKind(value: string): value is EscalationKind {
  return (ESCALATION_KINDS as readonly string[]).includes(value)
}

export const ESCALATION_OUTCOMES = ['accepted', 'declined', 'awaiting', 'person-declined', 'other'] as const
export type EscalationOutcome = (typeof ESCALATION_OUTCOMES)[number]
export const ESCALATION_OUTCOME_LABELS: Record<EscalationOutcome, string> = {
  accepted: 'Accepted',
  declined: 'Declined by the service',
  awaiting: 'Still waiting to hear',
  'person-declined': 'The person declined',
  other: 'Something else',
}
export function isEscalationOutcome(value: string): value is EscalationOutcome {
  return (ESCALATION_OUTCOMES as readonly string[]).includes(value)
}

export interface Escalation {
  id: string
  episodeId: string
  kind: EscalationKind
  toWhom: string
  reason: string
  urgent: boolean
  raisedOn: string
  raisedByName: string
  outcome: EscalationOutcome | null
  outcomeText: string
  outcomeOn: string | null
  outcomeRecordedByName: string | null
  version: number
}

export interface NewEscalation {
  submissionKey: string
  kind: EscalationKind
  toWhom: string
  reason: string
  urgent: boolean
  raisedOn: string
}

export interface EscalationOutcomeRecord {
  outcome: EscalationOutcome
  outcomeText: string
  outcomeOn: string
}

/** A safeguarding concern raised by the link worker flags the episode, like one raised by the referrer. */
export function raisesSafeguardingFlag(kind: EscalationKind): boolean {
  return kind === 'safeguarding'
}

/** Still waiting: no outcome yet, or "awaiting" recorded. The episode page and the team view show these. */
export function isOutcomePending(escalation: Pick<Escalation, 'outcome'>): boolean {
  return escalation.outcome === null || escalation.outcome === 'awaiting'
}

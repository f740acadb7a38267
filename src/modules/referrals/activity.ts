// SPDX-License-Identifier: AGPL-3.0-or-later
// Referral activity as counts for reports (issue #14): never a row about a person, only how many, by category.
import type { ReferralStatus } from './referral-status.ts'
import type { DeclineReason, Intensity, Need, ReferralSource } from './referral.ts'
import type { EthnicCategory, Sex } from '../people/index.ts'

/** Dates in the UK (inclusive), as YYYY-MM-DD: referrals received from the start of `from` to the end of `to`. */
export interface ActivityPeriod {
  readonly from: string
  readonly to: string
}

/** Where a referral stands, as reports count it. */
export const ACTIVITY_OUTCOMES = ['accepted', 'declined', 'cancelled', 'awaiting'] as const
export type ActivityOutcome = (typeof ACTIVITY_OUTCOMES)[number]
export const ACTIVITY_OUTCOME_LABELS: Record<ActivityOutcome, string> = {
  accepted: 'Accepted',
  declined: 'Declined',
  cancelled: 'Withdrawn or cancelled',
  awaiting: 'Awaiting a decision',
}

/** The outcome of a referral with this status (drafts and entries made in error are not counted at all). */
export function activityOutcomeOf(status: ReferralStatus): ActivityOutcome | null {
  switch (status) {
    case 'draft':
    case 'entered-in-error':
      return null
    case 'requested':
      return 'awaiting'
    case 'rejected':
      return 'declined'
    case 'cancelled':
      return 'cancelled'
    case 'accepted':
    case 'in-progress':
    case 'on-hold':
    case 'completed':
    case 'failed':
      return 'accepted'
  }
}

/** Age at referral, in the bands NHS England's social prescribing data uses. */
export const AGE_BANDS = ['0-17', '18-24', '25-34', '35-44', '45-54', '55-64', '65-74', '75-84', '85+'] as const
export type AgeBand = (typeof AGE_BANDS)[number]

export interface ReferralActivity {
  /**
   * Who was referred against who was accepted and contacted, by age band at referral and by the deprivation decile
   * of the home postcode (1 most deprived; null when the postcode is not in the ONS extract), and by the person's
   * sex and ethnic category (null when not asked). `connected`: taken on by a community group at some point.
   */
  readonly equity: readonly {
    ageBand: AgeBand
    imdDecile: number | null
    sex: Sex | null
    ethnicity: EthnicCategory | null
    referred: number
    accepted: number
    contacted: number
    connected: number
  }[]
  /** Received per calendar month (YYYY-MM) and source. */
  readonly byMonth: readonly { month: string; source: ReferralSource; count: number }[]
  /**
   * Per receiving service and referring organisation (null: none recorded, as for a self-referral or a referral
   * from a clinical system that named no organisation).
   */
  readonly byReferrer: readonly {
    organisationId: string
    referrerOrganisationId: string | null
    selfReferral: boolean
    outcome: ActivityOutcome
    count: number
  }[]
  /** Declined referrals by the reason given. */
  readonly declineReasons: readonly { reason: DeclineReason | 'not-recorded'; count: number }[]
  /** Referrals naming each need (a referral may name several). */
  readonly needs: readonly { need: Need; count: number }[]
  readonly intensity: readonly { intensity: Intensity; count: number }[]
  /** Time from referral to first contact, for referrals received in the period. */
  readonly firstContact: {
    readonly contacted: number
    readonly withinTarget: number
    /** Not yet contacted, still open, and past the target date. */
    readonly overdue: number
    /** Calendar days from receipt to first contact, median; null when nobody was contacted. */
    readonly medianDays: number | null
  }
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// The supervisor's team view and the service's casework settings: types and pure rules.
import {
  DEFAULT_ANNUAL_CAPACITY,
  DEFAULT_CONTACT_ALLOWANCE,
  DEFAULT_FOLLOW_UP_AFTER_WEEKS,
  DEFAULT_NO_CONTACT_ALERT_WEEKS,
  MAX_CONTACT_ALLOWANCE,
  type ComplexityLevel,
  type Pathway,
} from './casework.ts'

export interface CaseworkSettings {
  /** Contacts allowed on the short-term pathway, where every episode starts. */
  defaultContactAllowance: number
  longTermContactAllowance: number
  defaultAnnualCapacity: number
  followUpAfterWeeks: number
  noContactAlertWeeks: number
  /** When the service last saved them (null: never, the defaults apply); the edit form's concurrency token. */
  updatedAt: Date | null
  updatedByName: string | null
}

export const DEFAULT_SETTINGS: CaseworkSettings = {
  defaultContactAllowance: DEFAULT_CONTACT_ALLOWANCE['short-term'],
  longTermContactAllowance: DEFAULT_CONTACT_ALLOWANCE['long-term'],
  defaultAnnualCapacity: DEFAULT_ANNUAL_CAPACITY,
  followUpAfterWeeks: DEFAULT_FOLLOW_UP_AFTER_WEEKS,
  noContactAlertWeeks: DEFAULT_NO_CONTACT_ALERT_WEEKS,
  updatedAt: null,
  updatedByName: null,
}

/** The contacts a person on `pathway` is allowed by the service's settings. */
export function contactAllowanceFor(settings: CaseworkSettings, pathway: Pathway): number {
  return pathway === 'long-term' ? settings.longTermContactAllowance : settings.defaultContactAllowance
}

/** The bounds the settings form enforces (the capacity bound matches the table's check constraint). */
export const SETTING_LIMITS = {
  contactAllowance: { min: 1, max: MAX_CONTACT_ALLOWANCE },
  annualCapacity: { min: 1, max: 1000 },
  followUpAfterWeeks: { min: 1, max: 104 },
  noContactAlertWeeks: { min: 1, max: 26 },
} as const

/**
 * The first day of the financial year `today` falls in (1 April, as commissioners and NHS England count
 * "people supported this year").
 */
export function financialYearStart(today: string): string {
  const year = Number(today.slice(0, 4))
  const month = Number(today.slice(5, 7))
  return `${month >= 4 ? year : year - 1}-04-01`
}

/** Whole percent of capacity used; capacity is always at least 1 (database check). */
export function capacityPercent(supported: number, capacity: number): number {
  return Math.round((supported / Math.max(1, capacity)) * 100)
}

export interface TeamMember {
  userId: string
  displayName: string
  /** The worker's own yearly capacity, or null when the service default applies. */
  annualCapacity: number | null
}

export interface TeamRow {
  userId: string
  displayName: string
  active: number
  paused: number
  supportedThisYear: number
  capacity: number
  capacityIsDefault: boolean
  capacityPercent: number
  complexity: Record<ComplexityLevel | 'none', number>
  overdueReviews: number
  overdueFirstContacts: number
  noRecentContact: number
}

/** A person waiting for first contact or paused, with the link worker they are allocated to. */
export interface WaitingOrPaused {
  ownerUserId: string
  contactTargetDate: string
  /** On hold (paused here or on the referral page); otherwise waiting for first contact. */
  onHold: boolean
  /** False when the link worker has not opened the case yet (so it has no episode to count). */
  opened: boolean
}

/** The open-episode counts of one worker, as the repository groups them. */
export interface OpenEpisodeCounts {
  userId: string
  open: number
  level1: number
  level2: number
  level3: number
  notAssessed: number
  overdueReviews: number
  noRecentContact: number
}

/**
 * One row per link worker: open episodes grouped by worker, plus the people allocated but not yet opened
 * (they are on the caseload too, unassessed), who is paused (the referral's status is the truth: it can be
 * paused on the referral page), first contacts past the referral's target, and people supported this year.
 */
export function buildTeamRows(
  members: readonly TeamMember[],
  openCounts: readonly OpenEpisodeCounts[],
  waitingOrPaused: readonly WaitingOrPaused[],
  supportedThisYear: ReadonlyMap<string, number>,
  settings: CaseworkSettings,
  today: string,
): TeamRow[] {
  const counts = new Map(openCounts.map((c) => [c.userId, c]))
  return members.map((m) => {
    const c = counts.get(m.userId)
    const mine = waitingOrPaused.filter((a) => a.ownerUserId === m.userId)
    const unopened = mine.filter((a) => !a.opened)
    const paused = mine.filter((a) => a.onHold)
    const capacity = m.annualCapacity ?? settings.defaultAnnualCapacity
    const supported = supportedThisYear.get(m.userId) ?? 0
    return {
      userId: m.userId,
      displayName: m.displayName,
      active: (c?.open ?? 0) - paused.filter((a) => a.opened).length + unopened.filter((a) => !a.onHold).length,
      paused: paused.length,
      supportedThisYear: supported,
      capacity,
      capacityIsDefault: m.annualCapacity === null,
      capacityPercent: capacityPercent(supported, capacity),
      complexity: {
        1: c?.level1 ?? 0,
        2: c?.level2 ?? 0,
        3: c?.level3 ?? 0,
        none: (c?.notAssessed ?? 0) + unopened.length,
      },
      overdueReviews: c?.overdueReviews ?? 0,
      overdueFirstContacts: mine.filter((a) => !a.onHold && a.contactTargetDate < today).length,
      noRecentContact: c?.noRecentContact ?? 0,
    }
  })
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// The supervisor's team view and the service's casework settings: types and pure rules.
import {
  DEFAULT_ANNUAL_CAPACITY,
  DEFAULT_CONTACT_ALLOWANCE,
  DEFAULT_FOLLOW_UP_AFTER_WEEKS,
  DEFAULT_NO_CONTACT_ALERT_WEEKS,
  MAX_CONTACT_ALLOWANCE,
  daysBetween,
  entryDueState,
  nextDue,
  type CaseloadEntry,
  type ComplexityLevel,
} from './casework.ts'
import { dueReminders } from './reminders.ts'

export interface CaseworkSettings {
  defaultContactAllowance: number
  defaultAnnualCapacity: number
  followUpAfterWeeks: number
  noContactAlertWeeks: number
  /** When the service last saved them (null: never, the defaults apply); the edit form's concurrency token. */
  updatedAt: Date | null
  updatedByName: string | null
}

export const DEFAULT_SETTINGS: CaseworkSettings = {
  defaultContactAllowance: DEFAULT_CONTACT_ALLOWANCE,
  defaultAnnualCapacity: DEFAULT_ANNUAL_CAPACITY,
  followUpAfterWeeks: DEFAULT_FOLLOW_UP_AFTER_WEEKS,
  noContactAlertWeeks: DEFAULT_NO_CONTACT_ALERT_WEEKS,
  updatedAt: null,
  updatedByName: null,
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

/** A caseload entry with the link worker it belongs to (the referral's owner). */
export interface OwnedCaseloadEntry extends CaseloadEntry {
  ownerUserId: string
}

/**
 * One row per link worker: caseload numbers from the open referrals each owns (so they match "My caseload",
 * including people whose case is not opened yet), and people supported this year from the episodes.
 */
export function buildTeamRows(
  members: readonly TeamMember[],
  caseload: readonly OwnedCaseloadEntry[],
  supportedThisYear: ReadonlyMap<string, number>,
  settings: CaseworkSettings,
  today: string,
): TeamRow[] {
  const rows = new Map<string, TeamRow>()
  for (const m of members) {
    const capacity = m.annualCapacity ?? settings.defaultAnnualCapacity
    const supported = supportedThisYear.get(m.userId) ?? 0
    rows.set(m.userId, {
      userId: m.userId,
      displayName: m.displayName,
      active: 0,
      paused: 0,
      supportedThisYear: supported,
      capacity,
      capacityIsDefault: m.annualCapacity === null,
      capacityPercent: capacityPercent(supported, capacity),
      complexity: { 1: 0, 2: 0, 3: 0, none: 0 },
      overdueReviews: 0,
      overdueFirstContacts: 0,
      noRecentContact: 0,
    })
  }
  for (const entry of caseload) {
    const row = rows.get(entry.ownerUserId)
    if (!row) continue
    const paused = entry.status === 'on-hold'
    if (paused) row.paused += 1
    else row.active += 1
    row.complexity[entry.episode?.complexity ?? 'none'] += 1
    if (paused) continue
    const due = nextDue(entry)
    if (due.what === 'first-contact' && entryDueState(entry, today) === 'overdue') row.overdueFirstContacts += 1
    if (entry.episode && daysBetween(entry.episode.nextReviewOn, today) > 0) row.overdueReviews += 1
    if (entry.episode && dueReminders(entry.episode, today, settings, false).some((r) => r.kind === 'no-contact'))
      row.noRecentContact += 1
  }
  return [...rows.values()]
}

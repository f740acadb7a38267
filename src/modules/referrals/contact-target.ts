// SPDX-License-Identifier: AGPL-3.0-or-later
import Holidays from 'date-holidays'

// Bank holidays in England and Wales come from date-holidays (maintained, rule-based, includes one-off days
// such as coronations). To update, bump the pinned version; `contact-target.test.ts` checks known years
// against the GOV.UK list so a regression shows up in CI.
const ENGLAND = new Holidays('GB', 'ENG')
const cache = new Map<number, Set<string>>()

function bankHolidaysIn(year: number): Set<string> {
  let set = cache.get(year)
  if (!set) {
    set = new Set(
      ENGLAND.getHolidays(year)
        .filter((holiday) => holiday.type === 'public' || holiday.type === 'bank')
        .map((holiday) => holiday.date.slice(0, 10)),
    )
    cache.set(year, set)
  }
  return set
}

/** True for Monday to Friday dates that are not bank holidays in England and Wales. */
export function isWorkingDay(isoDate: string): boolean {
  const date = new Date(`${isoDate}T00:00:00Z`)
  const weekday = date.getUTCDay()
  if (weekday === 0 || weekday === 6) return false
  return !bankHolidaysIn(date.getUTCFullYear()).has(isoDate)
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

/** The date `workingDays` working days after `isoDate` (the day of receipt itself does not count). */
export function addWorkingDays(isoDate: string, workingDays: number): string {
  let date = isoDate
  let remaining = workingDays
  while (remaining > 0) {
    date = addDays(date, 1)
    if (isWorkingDay(date)) remaining--
  }
  return date
}

/** Working days from `fromIso` (exclusive) to `toIso` (inclusive); negative when `toIso` is earlier. */
export function workingDaysBetween(fromIso: string, toIso: string): number {
  if (fromIso === toIso) return 0
  const sign = toIso > fromIso ? 1 : -1
  let count = 0
  let date = fromIso
  while (date !== toIso) {
    date = addDays(date, sign)
    if (isWorkingDay(date)) count += sign
  }
  return count
}

/** The calendar date in England of an instant (referrals received late evening count for that day). */
export function londonDate(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(instant)
}

export const NEAR_TARGET_WORKING_DAYS = 2

export type TargetState = 'met' | 'on-track' | 'near' | 'overdue'

/** Where a referral stands against its contact target. */
export function contactTargetState(targetIso: string, todayIso: string, contactMade: boolean): TargetState {
  if (contactMade) return 'met'
  if (todayIso > targetIso) return 'overdue'
  return workingDaysBetween(todayIso, targetIso) <= NEAR_TARGET_WORKING_DAYS ? 'near' : 'on-track'
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import Holidays from 'date-holidays'

// Bank holidays come from date-holidays (maintained, rule-based, includes one-off days such as coronations),
// for the country whose holidays a service keeps: England and Wales, Scotland or Northern Ireland. To update,
// bump the pinned version; `contact-target.test.ts` checks known years against the GOV.UK list so a regression
// shows up in CI.
export const COUNTRIES = ['england-and-wales', 'scotland', 'northern-ireland'] as const
export type Country = (typeof COUNTRIES)[number]
export const COUNTRY_LABELS: Record<Country, string> = {
  'england-and-wales': 'England and Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
}
export function isCountry(value: unknown): value is Country {
  return typeof value === 'string' && (COUNTRIES as readonly string[]).includes(value)
}

const CALENDARS: Record<Country, Holidays> = {
  'england-and-wales': new Holidays('GB', 'ENG'),
  scotland: new Holidays('GB', 'SCT'),
  'northern-ireland': new Holidays('GB', 'NIR'),
}
const cache = new Map<string, Set<string>>()

function bankHolidaysIn(year: number, country: Country): Set<string> {
  const key = `${country}:${year}`
  let set = cache.get(key)
  if (!set) {
    set = new Set(
      CALENDARS[country]
        .getHolidays(year)
        .filter((holiday) => holiday.type === 'public' || holiday.type === 'bank')
        .map((holiday) => holiday.date.slice(0, 10)),
    )
    cache.set(key, set)
  }
  return set
}

/** True for Monday to Friday dates that are not bank holidays in the country (England and Wales by default). */
export function isWorkingDay(isoDate: string, country: Country = 'england-and-wales'): boolean {
  const date = new Date(`${isoDate}T00:00:00Z`)
  const weekday = date.getUTCDay()
  if (weekday === 0 || weekday === 6) return false
  return !bankHolidaysIn(date.getUTCFullYear(), country).has(isoDate)
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

/** The date `workingDays` working days after `isoDate` (the day of receipt itself does not count). */
export function addWorkingDays(isoDate: string, workingDays: number, country: Country = 'england-and-wales'): string {
  let date = isoDate
  let remaining = workingDays
  while (remaining > 0) {
    date = addDays(date, 1)
    if (isWorkingDay(date, country)) remaining--
  }
  return date
}

const DAY_MS = 86_400_000

/** Days since 1970-01-01 (a Thursday) of an ISO date. */
function dayNumber(isoDate: string): number {
  return Math.round(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS)
}

function isWeekday(day: number): boolean {
  const weekday = (day + 4) % 7 // 0 is Sunday
  return weekday !== 0 && weekday !== 6
}

/** Working days in the days numbered `from` (exclusive) to `to` (inclusive), `from <= to`: whole weeks by sum. */
function workingDaysAfter(from: number, to: number, fromIso: string, toIso: string, country: Country): number {
  const weeks = Math.floor((to - from) / 7)
  let count = weeks * 5
  for (let day = from + weeks * 7 + 1; day <= to; day++) if (isWeekday(day)) count++
  const lastYear = Number(toIso.slice(0, 4))
  for (let year = Number(fromIso.slice(0, 4)); year <= lastYear; year++)
    for (const holiday of bankHolidaysIn(year, country))
      if (holiday > fromIso && holiday <= toIso && isWeekday(dayNumber(holiday))) count--
  return count
}

/**
 * Working days from `fromIso` (exclusive) to `toIso` (inclusive); when `toIso` is earlier, minus the working days
 * from `toIso` (inclusive) to `fromIso` (exclusive). Arithmetic over whole weeks, not a walk day by day: a
 * caseload asks this of every connection, some sent years ago.
 */
export function workingDaysBetween(fromIso: string, toIso: string, country: Country = 'england-and-wales'): number {
  if (fromIso === toIso) return 0
  if (toIso > fromIso) return workingDaysAfter(dayNumber(fromIso), dayNumber(toIso), fromIso, toIso, country)
  // [to, from) is (to − 1, from − 1].
  const before = addDays(toIso, -1)
  const last = addDays(fromIso, -1)
  const earlier = workingDaysAfter(dayNumber(before), dayNumber(last), before, last, country)
  return earlier === 0 ? 0 : -earlier // never -0, which strict equality and Object.is tell apart from 0
}

/** The calendar date in England of an instant (referrals received late evening count for that day). */
const UK_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' })
export function londonDate(instant: Date): string {
  return UK_DATE.format(instant)
}

export const NEAR_TARGET_WORKING_DAYS = 2

export type TargetState = 'met' | 'on-track' | 'near' | 'overdue'

/** Where a referral stands against its contact target. */
export function contactTargetState(
  targetIso: string,
  todayIso: string,
  contactMade: boolean,
  country: Country = 'england-and-wales',
): TargetState {
  if (contactMade) return 'met'
  if (todayIso > targetIso) return 'overdue'
  return workingDaysBetween(todayIso, targetIso, country) <= NEAR_TARGET_WORKING_DAYS ? 'near' : 'on-track'
}

/** A service's contact targets: working days from receipt to first contact, routine and urgent. */
export interface ContactTargets {
  country: Country
  routineTargetWorkingDays: number
  urgentTargetWorkingDays: number
}

export const DEFAULT_URGENT_TARGET_WORKING_DAYS = 2

/** The date by which a referral received on `receivedOn` must be contacted, by its urgency. */
export function contactTargetFor(receivedOn: string, urgency: 'routine' | 'urgent', targets: ContactTargets): string {
  const days = urgency === 'urgent' ? targets.urgentTargetWorkingDays : targets.routineTargetWorkingDays
  return addWorkingDays(receivedOn, days, targets.country)
}

/** Checks the contact-target settings form; each problem keyed by field name. */
export function contactTargetProblems(values: {
  country: string
  routineTargetWorkingDays: string
  urgentTargetWorkingDays: string
}): Record<string, string> {
  const problems: Record<string, string> = {}
  if (!isCountry(values.country)) problems['country'] = 'Select whose bank holidays the service keeps'
  const routine = wholeNumber(values.routineTargetWorkingDays)
  const urgent = wholeNumber(values.urgentTargetWorkingDays)
  if (routine === null || routine < 1 || routine > 60)
    problems['routineTargetWorkingDays'] =
      'Enter the routine contact target as a whole number of working days from 1 to 60'
  if (urgent === null || urgent < 1 || urgent > 30)
    problems['urgentTargetWorkingDays'] =
      'Enter the urgent contact target as a whole number of working days from 1 to 30'
  else if (routine !== null && urgent > routine)
    problems['urgentTargetWorkingDays'] = 'The urgent contact target must be no longer than the routine one'
  return problems
}

function wholeNumber(text: string): number | null {
  return /^\s*\d{1,3}\s*$/.test(text) ? Number(text.trim()) : null
}

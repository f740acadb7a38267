// SPDX-License-Identifier: AGPL-3.0-or-later
// When a group meets: the ORUK RRULE subset (WEEKLY with INTERVAL, MONTHLY with an ordinal BYDAY like 2MO or -1FR),
// the next session from today, and times and dates as people read them.

// ---------------------------------------------------------------------------------------------------------
// Schedules: ORUK RRULE subset (WEEKLY with INTERVAL, MONTHLY with ordinal BYDAY like 2MO or -1FR).

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const
export type Weekday = (typeof WEEKDAYS)[number]
export const WEEKDAY_NAMES: Record<Weekday, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
}

export interface ScheduleRule {
  freq: string | null
  interval: number | null
  byday: string | null
  dtstart: string | null
  validFrom: string | null
  validTo: string | null
  opensAt: string | null
  closesAt: string | null
  description?: string | null
}

interface ByDay {
  ordinal: number | null
  day: Weekday
}

export function parseByDay(byday: string | null): ByDay[] {
  if (!byday) return []
  return byday
    .split(',')
    .map((part) => part.trim().toUpperCase())
    .flatMap((part) => {
      const match = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(part)
      if (!match) return []
      return [{ ordinal: match[1] ? Number(match[1]) : null, day: match[2] as Weekday }]
    })
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10)
}

/** Monday = 0 … Sunday = 6 for a UTC date. */
function weekdayIndex(date: Date): number {
  return (date.getUTCDay() + 6) % 7
}

function occursOn(rule: ScheduleRule, date: Date): boolean {
  const day = isoDate(date)
  if (rule.validFrom && day < rule.validFrom) return false
  if (rule.validTo && day > rule.validTo) return false
  if (rule.dtstart && day < rule.dtstart) return false
  const days = parseByDay(rule.byday)
  const weekday = WEEKDAYS[weekdayIndex(date)]!
  const freq = (rule.freq ?? 'WEEKLY').toUpperCase()
  const interval = Math.max(1, rule.interval ?? 1)
  if (freq === 'MONTHLY') {
    return days.some((d) => {
      if (d.day !== weekday) return false
      if (d.ordinal === null) return true
      const dayOfMonth = date.getUTCDate()
      if (d.ordinal > 0) return Math.ceil(dayOfMonth / 7) === d.ordinal
      const daysInMonth = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate()
      return Math.ceil((daysInMonth - dayOfMonth + 1) / 7) === -d.ordinal
    })
  }
  if (!days.some((d) => d.day === weekday)) return false
  if (interval > 1) {
    const anchor = rule.dtstart ?? rule.validFrom
    if (!anchor) return true
    const start = new Date(`${anchor}T00:00:00Z`)
    const startMonday = start.getTime() - weekdayIndex(start) * 86_400_000
    const thisMonday = date.getTime() - weekdayIndex(date) * 86_400_000
    const weeks = Math.round((thisMonday - startMonday) / (7 * 86_400_000))
    return weeks % interval === 0
  }
  return true
}

export interface Session {
  date: string
  opensAt: string | null
  closesAt: string | null
}

/**
 * The next time any of the schedules runs, from `now` (UK local date and time given as "YYYY-MM-DD" and
 * "HH:MM"), looking up to 62 days ahead.
 */
export function nextSession(rules: readonly ScheduleRule[], today: string, timeNow: string): Session | null {
  const start = new Date(`${today}T00:00:00Z`)
  for (let offset = 0; offset < 62; offset++) {
    const date = new Date(start.getTime() + offset * 86_400_000)
    const candidates = rules
      .filter((rule) => occursOn(rule, date))
      .filter((rule) => offset > 0 || !rule.closesAt || rule.closesAt.slice(0, 5) > timeNow)
      .sort((a, b) => (a.opensAt ?? '').localeCompare(b.opensAt ?? ''))
    const first = candidates[0]
    if (first)
      return {
        date: isoDate(date),
        opensAt: first.opensAt?.slice(0, 5) ?? null,
        closesAt: first.closesAt?.slice(0, 5) ?? null,
      }
  }
  return null
}

const ORDINALS: Record<string, string> = { '1': 'first', '2': 'second', '3': 'third', '4': 'fourth', '-1': 'last' }

/** "Every Tuesday, 6pm to 7:30pm", "Every other Monday", "Second Monday of the month, 2pm to 4pm". */
export function describeSchedule(rule: ScheduleRule): string {
  const days = parseByDay(rule.byday)
  const freq = (rule.freq ?? 'WEEKLY').toUpperCase()
  let when: string
  if (days.length === 0) when = rule.description ?? 'Times vary'
  else if (freq === 'MONTHLY') {
    when = `${days
      .map(
        (d) =>
          `${d.ordinal !== null ? `${ORDINALS[String(d.ordinal)] ?? `${d.ordinal}th`} ` : 'every '}${WEEKDAY_NAMES[d.day]}`,
      )
      .join(' and ')} of the month`
    when = when.charAt(0).toUpperCase() + when.slice(1)
  } else {
    const names = days.map((d) => WEEKDAY_NAMES[d.day])
    const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0]
    when = (rule.interval ?? 1) === 2 ? `Every other ${list}` : `Every ${list}`
  }
  const times = rule.opensAt
    ? `, ${formatTime(rule.opensAt)}${rule.closesAt ? ` to ${formatTime(rule.closesAt)}` : ''}`
    : ''
  return `${when}${times}`
}

/** "18:00" → "6pm", "09:30" → "9:30am" (GOV.UK style). */
export function formatTime(time: string): string {
  const [h, m] = time.split(':').map(Number) as [number, number]
  if (h === 12 && m === 0) return 'midday'
  if (h === 0 && m === 0) return 'midnight'
  const suffix = h >= 12 ? 'pm' : 'am'
  const hour = h % 12 === 0 ? 12 : h % 12
  return m === 0 ? `${hour}${suffix}` : `${hour}:${String(m).padStart(2, '0')}${suffix}`
}

/** "2026-11-24" → "Tuesday 24 November". */
const WEEKDAY_DATE = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  timeZone: 'UTC',
})
const DATE_WITH_YEAR = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
})

export function formatDate(date: string, withYear = false): string {
  return (withYear ? DATE_WITH_YEAR : WEEKDAY_DATE).format(new Date(`${date}T00:00:00Z`))
}

/** Today's date and the time in the UK, whatever the server's zone. */
const UK_DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

export function ukNow(now = new Date()): { today: string; time: string } {
  const parts = UK_DATE_TIME.formatToParts(now)
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '00'
  return { today: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` }
}

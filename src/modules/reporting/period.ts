// SPDX-License-Identifier: AGPL-3.0-or-later
// The periods a report covers, as commissioners count them: financial years (1 April to 31 March) and their
// quarters, or the last twelve months. A period is a key in the URL (`fy-2026`, `q-2026-3`, `12m`), so a report's
// address names exactly what it shows and can be shared or bookmarked.

export interface Period {
  readonly key: string
  readonly label: string
  /** First day, YYYY-MM-DD (UK). */
  readonly from: string
  /** Last day counted: the period's end, or today when the period is still running. */
  readonly to: string
  /** Whether the period is still running (its figures will change). */
  readonly partial: boolean
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/** The financial year `today` falls in, by the year it starts (2026 for 1 April 2026 to 31 March 2027). */
export function financialYearOf(today: string): number {
  const [year, month] = today.split('-').map(Number) as [number, number]
  return month >= 4 ? year : year - 1
}

function fyLabel(year: number): string {
  return `${year} to ${year + 1}`
}

function clamp(key: string, label: string, from: string, end: string, today: string): Period {
  return { key, label, from, to: end < today ? end : today, partial: end >= today }
}

function lastDayOfMonth(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

function financialYear(year: number, today: string): Period {
  return clamp(`fy-${year}`, `Financial year ${fyLabel(year)}`, `${year}-04-01`, `${year + 1}-03-31`, today)
}

/** Quarter 1 is April to June; quarter 4 is January to March of the following calendar year. */
function quarter(year: number, q: number, today: string): Period {
  const startMonth = (((q - 1) * 3 + 3) % 12) + 1
  const calendarYear = q === 4 ? year + 1 : year
  const from = `${calendarYear}-${String(startMonth).padStart(2, '0')}-01`
  const end = lastDayOfMonth(calendarYear, startMonth + 2)
  const label = `Quarter ${q} ${fyLabel(year)} (${MONTHS[startMonth - 1]} to ${MONTHS[startMonth + 1]} ${calendarYear})`
  return clamp(`q-${year}-${q}`, label, from, end, today)
}

function lastTwelveMonths(today: string): Period {
  const [year, month, day] = today.split('-').map(Number) as [number, number, number]
  // The day after this date a year ago (29 February a year ago is the 28th, so the period starts on 1 March).
  const sameDay = Math.min(day, new Date(Date.UTC(year - 1, month, 0)).getUTCDate())
  const start = new Date(Date.UTC(year - 1, month - 1, sameDay + 1)).toISOString().slice(0, 10)
  return { key: '12m', label: 'The last 12 months', from: start, to: today, partial: true }
}

/**
 * The periods offered on a report, newest first: this financial year, its quarters so far, the last twelve
 * months, the previous financial year and its quarters.
 */
export function periodChoices(today: string): Period[] {
  const year = financialYearOf(today)
  const started = (p: Period) => p.from <= today
  return [
    financialYear(year, today),
    ...[4, 3, 2, 1].map((q) => quarter(year, q, today)).filter(started),
    lastTwelveMonths(today),
    financialYear(year - 1, today),
    ...[4, 3, 2, 1].map((q) => quarter(year - 1, q, today)),
  ]
}

/** The period a key names, when it is one offered today; the current financial year when no key is given. */
export function periodFor(key: string, today: string): Period | undefined {
  const choices = periodChoices(today)
  if (key === '') return choices[0]
  return choices.find((choice) => choice.key === key)
}

/** Each calendar month (YYYY-MM) the period touches, in order. */
export function monthsOf(period: Pick<Period, 'from' | 'to'>): string[] {
  const months: string[] = []
  let [year, month] = period.from.split('-').map(Number) as [number, number]
  const last = period.to.slice(0, 7)
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`
    if (key > last) return months
    months.push(key)
    month += 1
    if (month > 12) {
      month = 1
      year += 1
    }
  }
}

/** "Apr 2026" for "2026-04". */
export function monthLabel(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number]
  return `${MONTHS[m - 1]!.slice(0, 3)} ${year}`
}

/** Whole days a period covers, its first and last included. */
export function daysIn(period: Pick<Period, 'from' | 'to'>): number {
  return Math.round((Date.parse(`${period.to}T00:00:00Z`) - Date.parse(`${period.from}T00:00:00Z`)) / 86_400_000) + 1
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import { createHash } from 'node:crypto'
import { CAPACITY_CODES, HOW_TO_JOIN_VALUES, SERVICE_STATUSES, WELCOME_VALUES } from './directory.table.ts'

export { CAPACITY_CODES, HOW_TO_JOIN_VALUES, SERVICE_STATUSES, WELCOME_VALUES }
export type ServiceStatus = (typeof SERVICE_STATUSES)[number]
export type Welcome = (typeof WELCOME_VALUES)[number]
export type Capacity = (typeof CAPACITY_CODES)[number]
export type HowToJoin = (typeof HOW_TO_JOIN_VALUES)[number]

export const STATUS_LABELS: Record<ServiceStatus, string> = {
  active: 'Running',
  inactive: 'Not running',
  defunct: 'Closed for good',
  'temporarily closed': 'Temporarily closed',
}
export const WELCOME_LABELS: Record<Welcome, string> = {
  open: 'Open to newcomers',
  'invitation-only': 'By invitation only',
}
export const CAPACITY_LABELS: Record<Capacity, string> = {
  capacity: 'Has space',
  waitlist: 'Waiting list',
  'no-capacity': 'Full',
}
export const HOW_TO_JOIN_LABELS: Record<HowToJoin, string> = {
  signpost: 'Just turn up or get in touch (signpost)',
  'direct-referral': 'Needs a referral from us',
  'accompany-first-visit': 'Go with them the first time (recommended)',
}

// ---------------------------------------------------------------------------------------------------------
// Taxonomies. Ids are uuid v5 of the URI, so every installation (and every feed we publish) agrees on them.

const WAYMARK_NAMESPACE = '7c1a4c5e-5b0f-4f7e-9d83-2b7e7f0d6a11'

/** RFC 4122 name-based uuid (version 5, SHA-1). */
export function uuidV5(name: string, namespace = WAYMARK_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex')
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest()
  hash[6] = (hash[6]! & 0x0f) | 0x50
  hash[8] = (hash[8]! & 0x3f) | 0x80
  const hex = hash.subarray(0, 16).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
}

export interface TaxonomyTermDefinition {
  code: string
  name: string
  description: string
  termUri?: string
}

export interface TaxonomyDefinition {
  /** Our short key, used in URLs and attribute link types. */
  key: string
  name: string
  description: string
  uri: string
  version?: string
  terms: readonly TaxonomyTermDefinition[]
}

export const FIVE_WAYS_TAXONOMY: TaxonomyDefinition = {
  key: 'five-ways',
  name: 'Five Ways to Wellbeing',
  description:
    'The five ways to wellbeing from the New Economics Foundation (2008), for the Government Foresight Project on Mental Capital and Wellbeing.',
  uri: 'urn:waymark:taxonomy:five-ways-to-wellbeing',
  version: '2008',
  terms: [
    {
      code: 'connect',
      name: 'Connect',
      description: 'Connect with the people around you: family, friends, colleagues, neighbours.',
    },
    {
      code: 'be-active',
      name: 'Be active',
      description: 'Go for a walk or run, step outside, cycle, play a game, garden, dance.',
    },
    {
      code: 'take-notice',
      name: 'Take notice',
      description: 'Be curious, notice the changing seasons, savour the moment.',
    },
    {
      code: 'keep-learning',
      name: 'Keep learning',
      description: 'Try something new, rediscover an old interest, sign up for a course.',
    },
    {
      code: 'give',
      name: 'Give',
      description: 'Do something nice for a friend or stranger, volunteer, join a community group.',
    },
  ],
}

export const NEEDS_TAXONOMY: TaxonomyDefinition = {
  key: 'needs',
  name: 'Social prescribing needs',
  description: 'The reasons people are referred to social prescribing, as link workers record them.',
  uri: 'urn:waymark:taxonomy:needs',
  version: '1',
  terms: [
    {
      code: 'loneliness',
      name: 'Loneliness or isolation',
      description: 'Feeling lonely or cut off from other people.',
      termUri: 'http://id.esd.org.uk/need/69',
    },
    { code: 'low-mood', name: 'Low mood or anxiety', description: 'Feeling down, stressed or anxious.' },
    { code: 'bereavement', name: 'Bereavement', description: 'Coping after someone has died.' },
    { code: 'caring', name: 'Caring for someone', description: 'Looking after a relative or friend.' },
    { code: 'debt', name: 'Debt or money worries', description: 'Debts, bills and budgeting.' },
    { code: 'benefits', name: 'Benefits', description: 'Claiming or keeping benefits.' },
    { code: 'housing', name: 'Housing', description: 'Housing problems, repairs or homelessness.' },
    { code: 'employment', name: 'Employment', description: 'Finding or keeping work, volunteering as a step to work.' },
    { code: 'physical-inactivity', name: 'Physical inactivity', description: 'Wanting to move more.' },
    { code: 'weight', name: 'Weight', description: 'Managing weight and eating well.' },
    {
      code: 'long-term-conditions',
      name: 'Living with a long-term condition',
      description: 'Managing a long-term physical or mental health condition.',
    },
    {
      code: 'substance-use',
      name: 'Alcohol or drug use',
      description: 'Cutting down or stopping alcohol or drug use.',
    },
    {
      code: 'digital-exclusion',
      name: 'Getting online',
      description: 'Using a phone, tablet or computer with confidence.',
    },
  ],
}

/**
 * A small subset of the LGA/esd service types (http://id.esd.org.uk/list/services), only terms whose ids we
 * have checked. Load the full list with `loadTaxonomy` from the esd download.
 */
export const ESD_SERVICE_TYPES_TAXONOMY: TaxonomyDefinition = {
  key: 'esd-service-types',
  name: 'LGA service types (esd)',
  description: 'Local Government Association service types list.',
  uri: 'http://id.esd.org.uk/list/services',
  terms: [
    {
      code: '298',
      name: 'Carers support groups',
      description: 'Support groups for carers.',
      termUri: 'http://id.esd.org.uk/service/298',
    },
    {
      code: '242',
      name: 'Care at home',
      description: 'Care and support at home.',
      termUri: 'http://id.esd.org.uk/service/242',
    },
  ],
}

export const ACCESSIBILITY_TAXONOMY: TaxonomyDefinition = {
  key: 'accessibility',
  name: 'Venue accessibility',
  description: 'What a venue offers people with disabilities.',
  uri: 'urn:waymark:taxonomy:accessibility',
  version: '1',
  terms: [
    {
      code: 'step-free',
      name: 'Step-free access',
      description: 'No steps, or a ramp or lift, from the street to the activity.',
    },
    { code: 'accessible-toilet', name: 'Accessible toilet', description: 'A toilet suitable for wheelchair users.' },
    { code: 'hearing-loop', name: 'Hearing loop', description: 'An induction loop for hearing aid users.' },
    {
      code: 'parking',
      name: 'Blue badge parking',
      description: 'Parking for blue badge holders close to the entrance.',
    },
    { code: 'quiet-space', name: 'Quiet space', description: 'A quiet room or time for people who find noise hard.' },
  ],
}

export const REFERENCE_TAXONOMIES: readonly TaxonomyDefinition[] = [
  FIVE_WAYS_TAXONOMY,
  NEEDS_TAXONOMY,
  ESD_SERVICE_TYPES_TAXONOMY,
  ACCESSIBILITY_TAXONOMY,
]

export function taxonomyIdFor(uri: string): string {
  return uuidV5(uri)
}

export function termIdFor(taxonomyUri: string, code: string): string {
  return uuidV5(`${taxonomyUri}#${code}`)
}

/** Attribute link types we use for each of our taxonomies. */
export const LINK_TYPES = {
  'five-ways': 'way-to-wellbeing',
  needs: 'need',
  'esd-service-types': 'service-type',
  accessibility: 'accessibility',
} as const

export function needTermId(code: string): string {
  return termIdFor(NEEDS_TAXONOMY.uri, code)
}
export function wayTermId(code: string): string {
  return termIdFor(FIVE_WAYS_TAXONOMY.uri, code)
}
export function accessibilityTermId(code: string): string {
  return termIdFor(ACCESSIBILITY_TAXONOMY.uri, code)
}

export const NEED_CODES = NEEDS_TAXONOMY.terms.map((t) => t.code)
export const WAY_CODES = FIVE_WAYS_TAXONOMY.terms.map((t) => t.code)
export const ACCESSIBILITY_CODES = ACCESSIBILITY_TAXONOMY.terms.map((t) => t.code)

export function labelFor(taxonomy: TaxonomyDefinition, code: string): string {
  return taxonomy.terms.find((t) => t.code === code)?.name ?? code
}

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

// ---------------------------------------------------------------------------------------------------------
// Cost and freshness

export interface CostOption {
  option: string | null
  amount: number | null
  amountDescription: string | null
}

/** Costs at or below this count as "low cost" in search. */
export const LOW_COST_LIMIT = 5

export function describeCost(costs: readonly CostOption[]): string {
  if (costs.length === 0 || costs.every((c) => !c.amount)) return 'Free'
  const priced = costs.filter((c) => c.amount && c.amount > 0)
  const min = Math.min(...priced.map((c) => c.amount!))
  const first = priced.find((c) => c.amount === min)!
  const label = `£${min.toFixed(2).replace(/\.00$/, '')}${first.option ? ` ${first.option}` : ''}`
  return priced.length > 1 ? `From ${label}` : label
}

export type Freshness = 'fresh' | 'due' | 'never'

/** A listing is "due" a check when its assured date is older than the area's freshness limit. */
export function freshnessOf(assuredDate: string | null, today: string, freshnessDays: number): Freshness {
  if (!assuredDate) return 'never'
  const age = (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${assuredDate}T00:00:00Z`)) / 86_400_000
  return age > freshnessDays ? 'due' : 'fresh'
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

/** "1.2 km" / "350 m" / "12 km". */
export function formatDistance(metres: number): string {
  if (metres < 1000) return `${Math.max(10, Math.round(metres / 10) * 10)} m`
  if (metres < 10_000) return `${(metres / 1000).toFixed(1)} km`
  return `${Math.round(metres / 1000)} km`
}

export function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value)
}

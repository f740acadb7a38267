// SPDX-License-Identifier: AGPL-3.0-or-later
// Episodes of support and the contacts within them: domain types and pure rules.

export const PATHWAYS = ['short-term', 'long-term'] as const
export type Pathway = (typeof PATHWAYS)[number]
export const PATHWAY_LABELS: Record<Pathway, string> = {
  'short-term': 'Short-term navigator (6 to 8 weeks)',
  'long-term': 'Long-term connector (3 months or more)',
}
export const PATHWAY_SHORT_LABELS: Record<Pathway, string> = {
  'short-term': 'Short-term',
  'long-term': 'Long-term',
}
/** Days from opening to the first review, by pathway (Ageing Better: review at the end of the expected span). */
export const REVIEW_AFTER_DAYS: Record<Pathway, number> = { 'short-term': 42, 'long-term': 91 }

export const COMPLEXITY_LEVELS = [1, 2, 3] as const
export type ComplexityLevel = (typeof COMPLEXITY_LEVELS)[number]
export const COMPLEXITY_LABELS: Record<ComplexityLevel, string> = {
  1: 'Level 1: mostly needs information and a nudge',
  2: 'Level 2: needs support to connect',
  3: 'Level 3: several complex needs, needs intensive support',
}

/** Contacts allowed by default on each pathway (the service can change them; a link worker can per person). */
export const DEFAULT_CONTACT_ALLOWANCE: Record<Pathway, number> = { 'short-term': 8, 'long-term': 12 }
export const MAX_CONTACT_ALLOWANCE = 60
/** People a full-time link worker supports in a year (NHS England guidance: typically 200 to 250). */
export const DEFAULT_ANNUAL_CAPACITY = 220
/** The follow-up check after first contact (Ageing Better: about 12 weeks). */
export const DEFAULT_FOLLOW_UP_AFTER_WEEKS = 12
/** A person not contacted for this long shows on the caseload and in the daily reminder. */
export const DEFAULT_NO_CONTACT_ALERT_WEEKS = 3

export const CONTACT_TYPES = [
  'home-visit',
  'face-to-face-surgery',
  'face-to-face-community',
  'phone',
  'video',
  'text-or-email',
  'accompanied-visit',
  'mdt-discussion',
  'attempted-contact',
  'did-not-attend',
] as const
export type ContactType = (typeof CONTACT_TYPES)[number]
export const CONTACT_TYPE_LABELS: Record<ContactType, string> = {
  'home-visit': 'Home visit',
  'face-to-face-surgery': 'Face to face at the surgery',
  'face-to-face-community': 'Face to face at a community venue',
  phone: 'Phone call',
  video: 'Video call',
  'text-or-email': 'Text or email',
  'accompanied-visit': 'Accompanied visit to an activity',
  'mdt-discussion': 'Multi-disciplinary team discussion',
  'attempted-contact': 'Attempted contact (no answer)',
  'did-not-attend': 'Did not attend',
}
export function isContactType(value: string): value is ContactType {
  return (CONTACT_TYPES as readonly string[]).includes(value)
}

/** The ways of contacting a person (people's contact methods) each type of contact uses. */
const METHODS_USED: Partial<Record<ContactType, readonly string[]>> = {
  phone: ['phone'],
  'text-or-email': ['text', 'email'],
  'home-visit': ['home-visit'],
}

/**
 * Of the ways the person asked not to be contacted, those this type of contact uses: recording such a contact
 * needs the link worker to say why (a person's "do not phone" is kept, not just shown).
 */
export function avoidedMethodsUsed(type: ContactType, avoid: readonly string[]): string[] {
  return (METHODS_USED[type] ?? []).filter((method) => avoid.includes(method))
}

export const AVOIDED_REASON_MAX = 1000

/** Contacts that reached the person: they count against the allowance and can be the first contact. */
export function isSuccessfulContact(type: ContactType): boolean {
  return type !== 'attempted-contact' && type !== 'did-not-attend' && type !== 'mdt-discussion'
}

export const PAUSE_REASONS = ['hospital-stay', 'caring-crisis', 'persons-request', 'other'] as const
export type PauseReason = (typeof PAUSE_REASONS)[number]
export const PAUSE_REASON_LABELS: Record<PauseReason, string> = {
  'hospital-stay': 'Hospital stay',
  'caring-crisis': 'Caring crisis',
  'persons-request': "The person's request",
  other: 'Another reason',
}
export function isPauseReason(value: string): value is PauseReason {
  return (PAUSE_REASONS as readonly string[]).includes(value)
}

/** The lone-working dynamic risk check, answered before a home visit can be recorded as done. */
export interface HomeVisitRiskCheck {
  someoneKnowsWhereYouAre: true
  expectedFinishTime: string
  knownRisksAtAddress: boolean
  knownRisksDetails: string
  checkInArranged: boolean
}

export interface Episode {
  id: string
  referralId: string
  personId: string
  linkWorkerUserId: string
  pathway: Pathway
  complexity: ComplexityLevel | null
  complexityReason: string
  contactAllowance: number
  contactsUsed: number
  openedOn: string
  firstContactOn: string | null
  lastContactOn: string | null
  nextContactOn: string | null
  nextReviewOn: string
  pausedOn: string | null
  pauseReason: PauseReason | null
  pauseReasonText: string
  pausedDays: number
  loneWorkingRisk: boolean
  safeguardingRisk: boolean
  followUpOn: string | null
  closedOn: string | null
  /** Set by the plans module when the person first agrees a plan. */
  planAgreedOn: string | null
  version: number
}

export interface Contact {
  id: string
  episodeId: string
  type: ContactType
  contactOn: string
  durationMinutes: number
  whoWasThere: string
  notes: string
  riskCheck: HomeVisitRiskCheck | null
  avoidedMethodReason: string
  recordedByName: string
  recordedAt: Date
}

export interface NewContact {
  submissionKey: string
  type: ContactType
  contactOn: string
  durationMinutes: number
  whoWasThere: string
  notes: string
  riskCheck: HomeVisitRiskCheck | null
  /** Why the person was contacted in a way they asked not to be; empty when they were not. */
  avoidedMethodReason?: string
  nextContactOn: string | null
  /** The booked contact this records, which it marks done. */
  bookingId?: string | null
}

// ---- Dates (ISO yyyy-mm-dd, Europe/London) ----

// Built once: constructing a DateTimeFormat costs about 0.4 ms, and the caseload asks for today many times.
const LONDON_ISO_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

export function londonToday(instant: Date = new Date()): string {
  return LONDON_ISO_DATE.format(instant)
}

export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000)
}

/**
 * What resuming a paused episode does to its clocks: the days it was paused are added to the review and
 * next-contact dates, so a hospital stay never makes a review overdue.
 */
export function resumeClocks(
  episode: Pick<Episode, 'pausedOn' | 'pausedDays' | 'nextReviewOn' | 'nextContactOn'>,
  today: string,
): { pausedDays: number; nextReviewOn: string; nextContactOn: string | null } {
  const days = episode.pausedOn ? Math.max(0, daysBetween(episode.pausedOn, today)) : 0
  return {
    pausedDays: episode.pausedDays + days,
    nextReviewOn: addDays(episode.nextReviewOn, days),
    nextContactOn: episode.nextContactOn ? addDays(episode.nextContactOn, days) : null,
  }
}

// ---- The caseload ----

export type DueState = 'overdue' | 'today' | 'soon' | 'later' | 'paused' | 'none'

/** How pressing a date is; paused episodes never count down. */
export function dueState(dateIso: string | null, today: string, paused: boolean): DueState {
  if (paused) return 'paused'
  if (!dateIso) return 'none'
  const days = daysBetween(today, dateIso)
  if (days < 0) return 'overdue'
  if (days === 0) return 'today'
  if (days <= 7) return 'soon'
  return 'later'
}

export const CASELOAD_SORTS = ['due', 'name', 'complexity', 'review', 'allocated'] as const
export type CaseloadSort = (typeof CASELOAD_SORTS)[number]
export const CASELOAD_SORT_LABELS: Record<CaseloadSort, string> = {
  due: 'New people first',
  name: 'Name',
  complexity: 'Complexity (highest first)',
  review: 'Next review',
  allocated: 'Most recently referred',
}
export function isCaseloadSort(value: string): value is CaseloadSort {
  return (CASELOAD_SORTS as readonly string[]).includes(value)
}

export const CASELOAD_FILTERS = ['all', 'needs-action', 'not-contacted', 'paused', 'flagged'] as const
export type CaseloadFilter = (typeof CASELOAD_FILTERS)[number]
export const CASELOAD_FILTER_LABELS: Record<CaseloadFilter, string> = {
  all: 'Everyone',
  'needs-action': 'Needs doing today or overdue',
  'not-contacted': 'Not yet contacted',
  paused: 'Paused',
  flagged: 'With a risk flag',
}
export function isCaseloadFilter(value: string): value is CaseloadFilter {
  return (CASELOAD_FILTERS as readonly string[]).includes(value)
}

/** One person on a link worker's caseload: the referral, and the episode once the case has been opened. */
export interface CaseloadEntry {
  referralId: string
  reference: string
  personName: string
  status: 'accepted' | 'in-progress' | 'on-hold'
  allocatedAt: Date
  contactTargetDate: string
  loneWorking: boolean
  safeguarding: boolean
  /** An active "other risk" flag on the person (optional so hand-built entries in tests need not say). */
  otherRisk?: boolean
  personId?: string
  urgent: boolean
  episode: Episode | null
}

/** The next thing due for an entry: first contact (by the referral's target), then the earlier of contact/review. */
export function nextDue(entry: CaseloadEntry): { what: 'first-contact' | 'contact' | 'review'; on: string } {
  const e = entry.episode
  if (!e || !e.firstContactOn) return { what: 'first-contact', on: entry.contactTargetDate }
  if (e.nextContactOn && e.nextContactOn < e.nextReviewOn) return { what: 'contact', on: e.nextContactOn }
  return { what: 'review', on: e.nextReviewOn }
}

function isPaused(entry: CaseloadEntry): boolean {
  return entry.status === 'on-hold'
}

export function entryDueState(entry: CaseloadEntry, today: string): DueState {
  return dueState(nextDue(entry).on, today, isPaused(entry))
}

const URGENCY_RANK: Record<DueState, number> = { overdue: 0, today: 1, soon: 2, later: 3, none: 4, paused: 5 }

export function matchesFilter(entry: CaseloadEntry, filter: CaseloadFilter, today: string): boolean {
  switch (filter) {
    case 'all':
      return true
    case 'needs-action':
      return ['overdue', 'today'].includes(entryDueState(entry, today))
    case 'not-contacted':
      return !entry.episode?.firstContactOn
    case 'paused':
      return isPaused(entry)
    case 'flagged':
      return entry.loneWorking || entry.safeguarding || entry.otherRisk === true
  }
}

/** Someone newly allocated whom nobody has contacted yet (and not paused): new people come first. */
function awaitingFirstContact(entry: CaseloadEntry): boolean {
  return !entry.episode?.firstContactOn && !isPaused(entry)
}

/** An urgent referral nobody has contacted yet: it comes before everyone else. */
function awaitingUrgent(entry: CaseloadEntry): boolean {
  return entry.urgent && awaitingFirstContact(entry)
}

/** Sorts a caseload; ties fall back to name so the order is stable between pages. */
export function sortCaseload(entries: readonly CaseloadEntry[], sort: CaseloadSort, today: string): CaseloadEntry[] {
  const byName = (a: CaseloadEntry, b: CaseloadEntry): number =>
    a.personName.localeCompare(b.personName, 'en-GB') || a.referralId.localeCompare(b.referralId)
  const compare = (a: CaseloadEntry, b: CaseloadEntry): number => {
    switch (sort) {
      case 'name':
        return 0
      case 'due': {
        const rank = URGENCY_RANK[entryDueState(a, today)] - URGENCY_RANK[entryDueState(b, today)]
        return (
          Number(awaitingUrgent(b)) - Number(awaitingUrgent(a)) ||
          Number(awaitingFirstContact(b)) - Number(awaitingFirstContact(a)) ||
          rank ||
          nextDue(a).on.localeCompare(nextDue(b).on)
        )
      }
      case 'complexity':
        return (b.episode?.complexity ?? 0) - (a.episode?.complexity ?? 0)
      case 'review':
        return (a.episode?.nextReviewOn ?? '9999').localeCompare(b.episode?.nextReviewOn ?? '9999')
      case 'allocated':
        return b.allocatedAt.getTime() - a.allocatedAt.getTime()
    }
  }
  return [...entries].sort((a, b) => compare(a, b) || byName(a, b))
}

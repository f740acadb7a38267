// SPDX-License-Identifier: AGPL-3.0-or-later
import { isValidPostcodeFormat } from '../../shared/postcode.ts'
import type { EthnicCategory, Sex } from './demographics.ts'

export const CONTACT_METHODS = ['phone', 'text', 'email', 'letter', 'home-visit'] as const
export type ContactMethod = (typeof CONTACT_METHODS)[number]
export const CONTACT_METHOD_LABELS: Record<ContactMethod, string> = {
  phone: 'Phone call',
  text: 'Text message',
  email: 'Email',
  letter: 'Letter',
  'home-visit': 'Home visit',
}
export function isContactMethod(value: string): value is ContactMethod {
  return (CONTACT_METHODS as readonly string[]).includes(value)
}

/** Everything recorded about the person referred. Dates of birth are ISO calendar dates (YYYY-MM-DD). */
export interface PersonDetails {
  givenName: string
  familyName: string
  dateOfBirth: string
  /** Ten digits, no spaces; null when not known. */
  nhsNumber: string | null
  addressLine1: string
  addressLine2: string
  town: string
  /** Normalised, e.g. "AB10 1AA". */
  postcode: string
  phone: string
  email: string
  preferredContactMethod: ContactMethod | null
  preferredContactTimes: string
  /** Ways the person must NOT be contacted (for example where contact could put them at risk). */
  contactMethodsToAvoid: ContactMethod[]
  language: string
  interpreterNeeded: boolean
  accessNeeds: string
  /** Who else to involve, such as a carer, with how to reach them. */
  othersToInvolve: string
  /**
   * Reach the person through someone else (when they have no phone, email or address to use): the referrer or
   * a carer, with who and how. Optional so machine-made details without it stay valid in the type.
   */
  contactThrough?: ContactThrough | null
  contactThroughDetails?: string
  /** The GP practice the person is registered with, as given (so the message back can reach it). Optional. */
  gpPractice?: string
  /** Sex and ethnic category as the person states them (demographics.ts); null or absent when not asked. */
  sex?: Sex | null
  ethnicity?: EthnicCategory | null
}

export const CONTACT_THROUGH = ['referrer', 'carer'] as const
export type ContactThrough = (typeof CONTACT_THROUGH)[number]
export const CONTACT_THROUGH_LABELS: Record<ContactThrough, string> = {
  referrer: 'Through the referrer',
  carer: 'Through a carer, family member or support worker',
}
export function isContactThrough(value: unknown): value is ContactThrough {
  return typeof value === 'string' && (CONTACT_THROUGH as readonly string[]).includes(value)
}

/**
 * THE rule that a referral can reach its person: a phone number, an email, a postal address (a first line and
 * a real postcode, not a pseudo-postcode), or someone to go through, with who.
 */
export function hasWayToReach(
  details: Pick<
    PersonDetails,
    'phone' | 'email' | 'addressLine1' | 'postcode' | 'contactThrough' | 'contactThroughDetails'
  >,
): boolean {
  const address = details.addressLine1.trim() !== '' && isValidPostcodeFormat(details.postcode)
  const through = details.contactThrough != null && (details.contactThroughDetails ?? '').trim() !== ''
  return details.phone.trim() !== '' || details.email.trim() !== '' || address || through
}

/** A stored person: the details plus identity within the owning service. */
export interface Person extends PersonDetails {
  id: string
  organisationId: string
  /** Set when this record was merged into another as a duplicate: the record that now holds the person. */
  mergedIntoPersonId: string | null
  /** Bumped by every edit of the details, so a stale edit is refused rather than overwriting. */
  version: number
  createdAt: Date
  updatedAt: Date
}

export const CONSENT_SCOPES = [
  'referral',
  'share-with-service',
  'share-with-providers',
  'message-back-in-full',
  'evaluation',
] as const
export type ConsentScope = (typeof CONSENT_SCOPES)[number]
export const CONSENT_SCOPE_LABELS: Record<ConsentScope, string> = {
  referral: 'To the referral',
  'share-with-service': 'To sharing information with the social prescribing service',
  'share-with-providers': 'To sharing information with community providers',
  // Telling the referrer (usually their GP) how support went is direct care, so it is full unless they say no;
  // if they do, the message back carries the coded outcome and dates only (ADR 0024).
  'message-back-in-full': 'To telling the referrer in full how support went (if not, only the coded outcome)',
  // Reports count and never name anyone (ADR 0023), so this is asked as an opt-out: a "no" leaves the person's
  // questionnaire scores out of every outcome report and evaluation.
  evaluation:
    'To their questionnaire scores being used, without their name, to evaluate the service (if not, they are left out of outcome reports)',
}

/**
 * The decision that stops the service working with someone: consent to the referral, or to the service holding
 * their information, withdrawn. While it stands the referral cannot be accepted and nothing more leaves for them
 * (connections, group links, questionnaire invitations); closing the referral is what is left to do.
 */
export function withdrawnFromSupport(
  current: Readonly<Record<ConsentScope, ConsentRecord | undefined>>,
): ConsentRecord | undefined {
  return [current.referral, current['share-with-service']].find((record) => record?.given === false)
}

/** Sharing with community providers: agreed, and not withdrawn from support altogether. */
export function mayShareWithProviders(current: Readonly<Record<ConsentScope, ConsentRecord | undefined>>): boolean {
  return current['share-with-providers']?.given === true && !withdrawnFromSupport(current)
}

/** The withdrawal warning's view model (platform/views/consent-withdrawn.njk): who withdrew what, when, and what now. */
export function presentWithdrawal(record: ConsentRecord | undefined, givenName: string, next: string) {
  if (!record) return undefined
  return {
    name: givenName,
    what: describeWithdrawal(record),
    recordedAt: record.recordedAt,
    recordedByName: record.recordedByName,
    next,
  }
}

/** What a withdrawal means, for messages that refuse an action: "withdrew their consent to the referral". */
export function describeWithdrawal(record: Pick<ConsentRecord, 'scope'>): string {
  return record.scope === 'referral'
    ? 'withdrew their consent to the referral'
    : 'withdrew their consent to the service holding their information'
}

export const CONSENT_METHODS = ['verbal', 'written', 'online-form', 'electronic-record'] as const
export type ConsentMethod = (typeof CONSENT_METHODS)[number]
export const CONSENT_METHOD_LABELS: Record<ConsentMethod, string> = {
  verbal: 'Verbally (in person or by phone)',
  written: 'In writing',
  'online-form': 'On the online self-referral form',
  'electronic-record': 'Recorded in another electronic record',
}
export function isConsentMethod(value: string): value is ConsentMethod {
  return (CONSENT_METHODS as readonly string[]).includes(value)
}

/** One consent decision, as recorded. History is kept by appending, never by changing a row. */
export interface ConsentRecord {
  id: string
  personId: string
  referralId: string | null
  scope: ConsentScope
  given: boolean
  method: ConsentMethod
  recordedByUserId: string | null
  recordedByName: string
  recordedAt: Date
}

export type NewConsent = Omit<ConsentRecord, 'id' | 'personId'>

export const MAX_AGE_YEARS = 120
export const NAME_MAX = 100
export const LONG_TEXT_MAX = 2000
export const GP_PRACTICE_MAX = 200

/** Full name for display. */
export function fullName(person: Pick<PersonDetails, 'givenName' | 'familyName'>): string {
  return `${person.givenName} ${person.familyName}`.trim()
}

/** Age in whole years on `today` (both ISO dates). */
export function ageOn(dateOfBirth: string, today: Date): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number]
  const ty = today.getUTCFullYear()
  const tm = today.getUTCMonth() + 1
  const td = today.getUTCDate()
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0)
}

/** Checks a date of birth given as day, month and year fields; returns the ISO date or a message. */
export function parseDateOfBirth(
  day: string,
  month: string,
  year: string,
  today: Date,
): { ok: true; value: string } | { ok: false; message: string } {
  if (!day && !month && !year) return { ok: false, message: 'Enter their date of birth' }
  const missing = [!day && 'day', !month && 'month', !year && 'year'].filter(Boolean)
  if (missing.length > 0) return { ok: false, message: `Date of birth must include a ${missing.join(' and ')}` }
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year))
    return { ok: false, message: 'Date of birth must be a real date, like 27 3 1958' }
  const d = Number(day)
  const m = Number(month)
  const y = Number(year)
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return { ok: false, message: 'Date of birth must be a real date, like 27 3 1958' }
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
  const todayIso = today.toISOString().slice(0, 10)
  if (iso > todayIso) return { ok: false, message: 'Date of birth must be today or in the past' }
  if (ageOn(iso, today) > MAX_AGE_YEARS)
    return { ok: false, message: `Date of birth must be within the last ${MAX_AGE_YEARS} years` }
  return { ok: true, value: iso }
}

/** The raw values a person-details form holds, kept as typed so an error never loses them. */

const GAP_FIELDS = [
  'addressLine1',
  'addressLine2',
  'town',
  'phone',
  'email',
  'preferredContactTimes',
  'language',
  'accessNeeds',
  'othersToInvolve',
  'gpPractice',
] as const

/**
 * What a new referral adds to the record it joins (ADR 0014): it fills gaps and never overwrites what the
 * service already holds (the link worker checks changed details with the person); contact prohibitions are
 * added to, never dropped, because a missed prohibition can put someone at risk. Empty when nothing changes.
 */
export function detailsFillingGaps(existing: PersonDetails, incoming: PersonDetails): Partial<PersonDetails> {
  const patch: Partial<PersonDetails> = {}
  for (const field of GAP_FIELDS) if (!existing[field] && incoming[field]) patch[field] = incoming[field]
  if (!existing.preferredContactMethod && incoming.preferredContactMethod)
    patch.preferredContactMethod = incoming.preferredContactMethod
  const avoid = [...new Set([...existing.contactMethodsToAvoid, ...incoming.contactMethodsToAvoid])]
  if (avoid.length > existing.contactMethodsToAvoid.length) patch.contactMethodsToAvoid = avoid
  if (!existing.interpreterNeeded && incoming.interpreterNeeded) patch.interpreterNeeded = true
  if (!existing.sex && incoming.sex) patch.sex = incoming.sex
  if (!existing.ethnicity && incoming.ethnicity) patch.ethnicity = incoming.ethnicity
  if (!existing.contactThrough && incoming.contactThrough && incoming.contactThroughDetails) {
    patch.contactThrough = incoming.contactThrough
    patch.contactThroughDetails = incoming.contactThroughDetails
  }
  const preferred = patch.preferredContactMethod ?? existing.preferredContactMethod
  // A newly prohibited method cannot stay the preferred one.
  if (preferred && avoid.includes(preferred)) patch.preferredContactMethod = null
  return patch
}

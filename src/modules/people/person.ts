// SPDX-License-Identifier: AGPL-3.0-or-later
import { compactNhsNumber, isValidNhsNumber } from '../../shared/nhs-number.ts'
import { isAcceptedPostcode, isValidPostcodeFormat, normalisePostcode } from '../../shared/postcode.ts'
import { listField, textField, type FieldErrors } from '../../platform/http/forms.ts'

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

export const CONSENT_SCOPES = ['referral', 'share-with-service', 'share-with-providers'] as const
export type ConsentScope = (typeof CONSENT_SCOPES)[number]
export const CONSENT_SCOPE_LABELS: Record<ConsentScope, string> = {
  referral: 'To the referral',
  'share-with-service': 'To sharing information with the social prescribing service',
  'share-with-providers': 'To sharing information with community providers',
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
const NAME_MAX = 100
const LONG_TEXT_MAX = 2000
const GP_PRACTICE_MAX = 200

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
export interface PersonFormValues {
  givenName: string
  familyName: string
  dobDay: string
  dobMonth: string
  dobYear: string
  nhsNumber: string
  addressLine1: string
  addressLine2: string
  town: string
  postcode: string
  phone: string
  email: string
  preferredContactMethod: string
  preferredContactTimes: string
  contactMethodsToAvoid: string[]
  language: string
  interpreterNeeded: string
  accessNeeds: string
  othersToInvolve: string
  contactThrough: string
  contactThroughDetails: string
  gpPractice: string
}

export function emptyPersonFormValues(): PersonFormValues {
  return {
    givenName: '',
    familyName: '',
    dobDay: '',
    dobMonth: '',
    dobYear: '',
    nhsNumber: '',
    addressLine1: '',
    addressLine2: '',
    town: '',
    postcode: '',
    phone: '',
    email: '',
    preferredContactMethod: '',
    preferredContactTimes: '',
    contactMethodsToAvoid: [],
    language: '',
    interpreterNeeded: '',
    accessNeeds: '',
    othersToInvolve: '',
    contactThrough: '',
    contactThroughDetails: '',
    gpPractice: '',
  }
}

export function readPersonFormValues(body: unknown): PersonFormValues {
  return {
    givenName: textField(body, 'givenName', NAME_MAX),
    familyName: textField(body, 'familyName', NAME_MAX),
    dobDay: textField(body, 'dobDay', 10),
    dobMonth: textField(body, 'dobMonth', 10),
    dobYear: textField(body, 'dobYear', 10),
    nhsNumber: textField(body, 'nhsNumber', 30),
    addressLine1: textField(body, 'addressLine1', 200),
    addressLine2: textField(body, 'addressLine2', 200),
    town: textField(body, 'town', 100),
    postcode: textField(body, 'postcode', 20),
    phone: textField(body, 'phone', 30),
    email: textField(body, 'email', 254),
    preferredContactMethod: textField(body, 'preferredContactMethod', 30),
    preferredContactTimes: textField(body, 'preferredContactTimes', 200),
    contactMethodsToAvoid: listField(body, 'contactMethodsToAvoid').slice(0, 10),
    language: textField(body, 'language', 100),
    interpreterNeeded: textField(body, 'interpreterNeeded', 5),
    accessNeeds: textField(body, 'accessNeeds', LONG_TEXT_MAX),
    othersToInvolve: textField(body, 'othersToInvolve', LONG_TEXT_MAX),
    contactThrough: textField(body, 'contactThrough', 20),
    contactThroughDetails: textField(body, 'contactThroughDetails', LONG_TEXT_MAX),
    gpPractice: textField(body, 'gpPractice', 300),
  }
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/
const PHONE = /^\+?[0-9 ()-]{10,20}$/

function tooLong(errors: FieldErrors, field: string, value: string, max: number, label: string): void {
  if (value.length > max && !errors[field]) errors[field] = `${label} must be ${max} characters or fewer`
}

/**
 * Validates person details typed into a form. `voice` chooses the wording: "their" for a professional
 * referring someone, "your" for a person referring themselves.
 */
export function validatePersonForm(
  values: PersonFormValues,
  today: Date,
  voice: 'their' | 'your' = 'their',
): { ok: true; value: PersonDetails } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {}
  if (!values.givenName) errors['givenName'] = `Enter ${voice} first name`
  tooLong(errors, 'givenName', values.givenName, NAME_MAX, 'First name')
  if (!values.familyName) errors['familyName'] = `Enter ${voice} last name`
  tooLong(errors, 'familyName', values.familyName, NAME_MAX, 'Last name')
  const dob = parseDateOfBirth(values.dobDay, values.dobMonth, values.dobYear, today)
  if (!dob.ok) errors['dateOfBirth'] = dob.message
  const nhsNumber = values.nhsNumber ? compactNhsNumber(values.nhsNumber) : ''
  if (nhsNumber && !/^\d{10}$/.test(nhsNumber)) errors['nhsNumber'] = 'NHS number must be 10 digits, like 943 476 5919'
  else if (nhsNumber && !isValidNhsNumber(nhsNumber))
    errors['nhsNumber'] = 'Enter a valid NHS number – check you have typed it correctly'
  tooLong(errors, 'addressLine1', values.addressLine1, 200, 'Address line 1')
  tooLong(errors, 'addressLine2', values.addressLine2, 200, 'Address line 2')
  tooLong(errors, 'town', values.town, 100, 'Town or city')
  if (!values.postcode) errors['postcode'] = `Enter ${voice} postcode, or ZZ99 3VZ for no fixed abode`
  else if (!isAcceptedPostcode(values.postcode))
    errors['postcode'] = 'Enter a real postcode, like AB10 1AA, or ZZ99 3VZ for no fixed abode'
  if (values.phone && !PHONE.test(values.phone))
    errors['phone'] = 'Enter a phone number, like 01632 960 001 or 07700 900 982'
  if (values.email && (!EMAIL.test(values.email) || values.email.length > 254))
    errors['email'] = 'Enter an email address in the correct format, like name@example.com'
  let preferred: ContactMethod | null = null
  if (values.preferredContactMethod) {
    if (isContactMethod(values.preferredContactMethod)) preferred = values.preferredContactMethod
    else errors['preferredContactMethod'] = 'Select how they prefer to be contacted'
  }
  const avoid = [...new Set(values.contactMethodsToAvoid)]
  if (!avoid.every(isContactMethod)) errors['contactMethodsToAvoid'] = 'Select ways of contacting from the list'
  if (preferred && avoid.includes(preferred))
    errors['preferredContactMethod'] = 'The preferred contact method cannot also be one that must not be used'
  if (preferred === 'phone' || preferred === 'text')
    if (!values.phone && !errors['phone'])
      errors['phone'] = `Enter a phone number to contact ${voice === 'your' ? 'you' : 'them'} on`
  if (preferred === 'email' && !values.email && !errors['email'])
    errors['email'] = `Enter an email address to contact ${voice === 'your' ? 'you' : 'them'} on`
  tooLong(errors, 'preferredContactTimes', values.preferredContactTimes, 200, 'Best times to contact')
  tooLong(errors, 'language', values.language, 100, 'Language')
  if (values.interpreterNeeded && !['yes', 'no'].includes(values.interpreterNeeded))
    errors['interpreterNeeded'] = 'Select yes if an interpreter is needed'
  tooLong(errors, 'accessNeeds', values.accessNeeds, LONG_TEXT_MAX, 'Access needs')
  tooLong(errors, 'othersToInvolve', values.othersToInvolve, LONG_TEXT_MAX, 'Who else to involve')
  const through = values.contactThrough
  if (through && !isContactThrough(through)) errors['contactThrough'] = 'Select who to contact them through'
  else if (through && !values.contactThroughDetails.trim())
    errors['contactThroughDetails'] =
      through === 'referrer'
        ? 'Enter how to reach you to pass a message on'
        : 'Enter who they are and how to reach them'
  tooLong(errors, 'contactThroughDetails', values.contactThroughDetails, LONG_TEXT_MAX, 'Who to contact them through')
  tooLong(errors, 'gpPractice', values.gpPractice, GP_PRACTICE_MAX, 'GP practice')
  const reachable = hasWayToReach({
    phone: values.phone,
    email: values.email,
    addressLine1: values.addressLine1,
    postcode: values.postcode,
    contactThrough: isContactThrough(through) ? through : null,
    contactThroughDetails: values.contactThroughDetails,
  })
  if (!reachable && !errors['phone'] && !errors['contactThroughDetails'])
    errors['phone'] =
      voice === 'your'
        ? 'Give at least one way to reach you: a phone number, an email, your address, or someone to contact you through'
        : 'Give at least one way to reach them: a phone number, an email, their address, or someone to contact them through'
  if (Object.keys(errors).length > 0 || !dob.ok) return { ok: false, errors }
  return {
    ok: true,
    value: {
      givenName: values.givenName,
      familyName: values.familyName,
      dateOfBirth: dob.value,
      nhsNumber: nhsNumber || null,
      addressLine1: values.addressLine1,
      addressLine2: values.addressLine2,
      town: values.town,
      postcode: normalisePostcode(values.postcode),
      phone: values.phone,
      email: values.email,
      preferredContactMethod: preferred,
      preferredContactTimes: values.preferredContactTimes,
      contactMethodsToAvoid: avoid.filter(isContactMethod),
      language: values.language,
      interpreterNeeded: values.interpreterNeeded === 'yes',
      accessNeeds: values.accessNeeds,
      othersToInvolve: values.othersToInvolve,
      contactThrough: isContactThrough(through) ? through : null,
      contactThroughDetails: isContactThrough(through) ? values.contactThroughDetails : '',
      gpPractice: values.gpPractice,
    },
  }
}

/** Turns stored details back into form values (for editing a draft or going back a step). */
export function personFormValuesFrom(details: PersonDetails): PersonFormValues {
  const [year = '', month = '', day = ''] = details.dateOfBirth.split('-')
  return {
    givenName: details.givenName,
    familyName: details.familyName,
    dobDay: day ? String(Number(day)) : '',
    dobMonth: month ? String(Number(month)) : '',
    dobYear: year,
    nhsNumber: details.nhsNumber ?? '',
    addressLine1: details.addressLine1,
    addressLine2: details.addressLine2,
    town: details.town,
    postcode: details.postcode,
    phone: details.phone,
    email: details.email,
    preferredContactMethod: details.preferredContactMethod ?? '',
    preferredContactTimes: details.preferredContactTimes,
    contactMethodsToAvoid: details.contactMethodsToAvoid,
    language: details.language,
    interpreterNeeded: details.interpreterNeeded ? 'yes' : details.language ? 'no' : '',
    accessNeeds: details.accessNeeds,
    othersToInvolve: details.othersToInvolve,
    contactThrough: details.contactThrough ?? '',
    contactThroughDetails: details.contactThroughDetails ?? '',
    gpPractice: details.gpPractice ?? '',
  }
}

/**
 * Checks details that arrived from a machine (the API) rather than a form: the same rules, reported as
 * paths. Returns an empty list when the details are acceptable.
 */
export function personDetailsProblems(details: PersonDetails, today: Date): { path: string; message: string }[] {
  const [year = '', month = '', day = ''] = details.dateOfBirth.split('-')
  const result = validatePersonForm(
    {
      ...personFormValuesFrom(details),
      dobDay: day,
      dobMonth: month,
      dobYear: year,
      interpreterNeeded: details.interpreterNeeded ? 'yes' : 'no',
      addressLine1: details.addressLine1,
    },
    today,
  )
  if (result.ok) return []
  return Object.entries(result.errors).map(([path, message]) => ({ path, message }))
}

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
  if (!existing.contactThrough && incoming.contactThrough && incoming.contactThroughDetails) {
    patch.contactThrough = incoming.contactThrough
    patch.contactThroughDetails = incoming.contactThroughDetails
  }
  const preferred = patch.preferredContactMethod ?? existing.preferredContactMethod
  // A newly prohibited method cannot stay the preferred one.
  if (preferred && avoid.includes(preferred)) patch.preferredContactMethod = null
  return patch
}

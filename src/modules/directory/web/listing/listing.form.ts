// SPDX-License-Identifier: AGPL-3.0-or-later
import { listField, textField, type FieldErrors } from '../../../../platform/http/forms.ts'
import { isValidPostcodeFormat, normalisePostcode } from '../../../../shared/postcode.ts'
import { ACCESSIBILITY_CODES, NEED_CODES, WAY_CODES } from '../../taxonomies.ts'
import { CAPACITY_CODES, HOW_TO_JOIN_VALUES, WELCOME_VALUES, isOneOf } from '../../directory.ts'
import { WEEKDAYS, parseByDay } from '../../schedules.ts'
import type { ListingSnapshot } from '../../listing-snapshot.service.ts'

export const SCHEDULE_ROWS = 3
/** How often: weekly, fortnightly, or the nth weekday of the month. */
export const FREQUENCIES = ['weekly', 'fortnightly', '1', '2', '3', '4', '-1'] as const
export const EDITOR_STATUSES = ['active', 'temporarily closed', 'defunct'] as const

export interface ScheduleValues {
  day: string
  frequency: string
  opens: string
  closes: string
}

/** Everything the listing form holds, as typed. */
export interface ListingValues {
  organizationName: string
  name: string
  description: string
  url: string
  email: string
  status: string
  minimumAge: string
  maximumAge: string
  eligibilityDescription: string
  feesDescription: string
  welcome: string
  complexNeeds: string
  capacity: string
  monthlyPlaces: string
  howToJoin: string
  public: string
  needs: string[]
  ways: string[]
  locationName: string
  address1: string
  address2: string
  city: string
  postcode: string
  accessibility: string[]
  accessibilityNote: string
  schedules: ScheduleValues[]
  costType: string
  costAmount: string
  costOption: string
  contactName: string
  contactEmail: string
  contactPhone: string
  /** The version the form was opened at, to notice someone else's change in between. */
  baseVersion: string
}

const TIME = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/

function normaliseTime(value: string): string | null {
  const match = TIME.exec(value.trim())
  return match ? `${match[1]!.padStart(2, '0')}:${match[2]}` : null
}

export function emptyListingValues(): ListingValues {
  return {
    organizationName: '',
    name: '',
    description: '',
    url: '',
    email: '',
    status: 'active',
    minimumAge: '',
    maximumAge: '',
    eligibilityDescription: '',
    feesDescription: '',
    welcome: 'open',
    complexNeeds: '',
    capacity: 'capacity',
    monthlyPlaces: '',
    howToJoin: 'signpost',
    public: 'yes',
    needs: [],
    ways: [],
    locationName: '',
    address1: '',
    address2: '',
    city: '',
    postcode: '',
    accessibility: [],
    accessibilityNote: '',
    schedules: Array.from({ length: SCHEDULE_ROWS }, () => ({ day: '', frequency: 'weekly', opens: '', closes: '' })),
    costType: 'free',
    costAmount: '',
    costOption: '',
    contactName: '',
    contactEmail: '',
    contactPhone: '',
    baseVersion: '',
  }
}

/** Fills the form from a saved listing. */
export function valuesFromSnapshot(snapshot: ListingSnapshot, version: number): ListingValues {
  const s = snapshot.service
  const schedules: ScheduleValues[] = snapshot.schedules.slice(0, SCHEDULE_ROWS).map((t) => {
    const [first] = parseByDay(t.byday)
    const frequency =
      t.freq === 'MONTHLY' ? String(first?.ordinal ?? 1) : (t.interval ?? 1) === 2 ? 'fortnightly' : 'weekly'
    return { day: first?.day ?? '', frequency, opens: t.opensAt, closes: t.closesAt ?? '' }
  })
  while (schedules.length < SCHEDULE_ROWS) schedules.push({ day: '', frequency: 'weekly', opens: '', closes: '' })
  const paid = snapshot.costs.find((c) => c.amount > 0)
  return {
    organizationName: snapshot.organizationName,
    name: s.name,
    description: s.description,
    url: s.url ?? '',
    email: s.email ?? '',
    status: s.status,
    minimumAge: s.minimumAge?.toString() ?? '',
    maximumAge: s.maximumAge?.toString() ?? '',
    eligibilityDescription: s.eligibilityDescription ?? '',
    feesDescription: s.feesDescription ?? '',
    welcome: s.welcome,
    complexNeeds: s.suitableForComplexNeeds ? 'yes' : '',
    capacity: s.capacity,
    monthlyPlaces: s.monthlyPlaces?.toString() ?? '',
    howToJoin: s.howToJoin,
    public: s.public ? 'yes' : '',
    needs: snapshot.needs,
    ways: snapshot.ways,
    locationName: snapshot.location?.name ?? '',
    address1: snapshot.location?.address1 ?? '',
    address2: snapshot.location?.address2 ?? '',
    city: snapshot.location?.city ?? '',
    postcode: snapshot.location?.postalCode ?? '',
    accessibility: [...(snapshot.location?.accessibility ?? [])],
    accessibilityNote: snapshot.location?.accessibilityNote ?? '',
    schedules,
    costType: paid ? 'paid' : 'free',
    costAmount: paid ? paid.amount.toFixed(2) : '',
    costOption: paid?.option ?? '',
    contactName: snapshot.contact.name ?? '',
    contactEmail: snapshot.contact.email ?? '',
    contactPhone: snapshot.contact.phone ?? '',
    baseVersion: String(version),
  }
}

export function readListingValues(body: unknown): ListingValues {
  return {
    organizationName: textField(body, 'organizationName', 200),
    name: textField(body, 'name', 200),
    description: textField(body, 'description', 2000),
    url: textField(body, 'url', 500),
    email: textField(body, 'email', 254),
    status: textField(body, 'status', 30),
    minimumAge: textField(body, 'minimumAge', 3),
    maximumAge: textField(body, 'maximumAge', 3),
    eligibilityDescription: textField(body, 'eligibilityDescription', 500),
    feesDescription: textField(body, 'feesDescription', 500),
    welcome: textField(body, 'welcome', 30),
    complexNeeds: textField(body, 'complexNeeds', 3),
    capacity: textField(body, 'capacity', 30),
    monthlyPlaces: textField(body, 'monthlyPlaces', 5),
    howToJoin: textField(body, 'howToJoin', 30),
    public: textField(body, 'public', 3),
    needs: listField(body, 'needs'),
    ways: listField(body, 'ways'),
    locationName: textField(body, 'locationName', 200),
    address1: textField(body, 'address1', 200),
    address2: textField(body, 'address2', 200),
    city: textField(body, 'city', 100),
    postcode: textField(body, 'postcode', 10),
    accessibility: listField(body, 'accessibility'),
    accessibilityNote: textField(body, 'accessibilityNote', 300),
    schedules: Array.from({ length: SCHEDULE_ROWS }, (_, i) => ({
      day: textField(body, `schedule${i}Day`, 2),
      frequency: textField(body, `schedule${i}Frequency`, 12),
      opens: textField(body, `schedule${i}Opens`, 5),
      closes: textField(body, `schedule${i}Closes`, 5),
    })),
    costType: textField(body, 'costType', 5),
    costAmount: textField(body, 'costAmount', 10),
    costOption: textField(body, 'costOption', 60),
    contactName: textField(body, 'contactName', 120),
    contactEmail: textField(body, 'contactEmail', 254),
    contactPhone: textField(body, 'contactPhone', 30),
    baseVersion: textField(body, 'baseVersion', 10),
  }
}

function tooLong(errors: FieldErrors, field: string, label: string, value: string, max: number): void {
  if (value.length > max) errors[field] = `${label} must be ${max} characters or fewer`
}

function parseAge(value: string): number | null | 'bad' {
  if (!value) return null
  if (!/^\d{1,3}$/.test(value) || Number(value) > 120) return 'bad'
  return Number(value)
}

/**
 * Validates the form. The postcode's format is checked here; whether it exists (and its coordinates) is
 * checked by the handler against the postcodes table. The result's location has no coordinates yet.
 */
export function parseListing(
  values: ListingValues,
  options: { forProvider: boolean },
): { ok: true; snapshot: ListingSnapshot } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {}
  if (!options.forProvider) {
    if (!values.organizationName) errors['organizationName'] = 'Enter the name of the organisation that runs it'
    tooLong(errors, 'organizationName', 'Organisation name', values.organizationName, 200)
  }
  if (!values.name) errors['name'] = 'Enter the name of the service'
  tooLong(errors, 'name', 'Name', values.name, 200)
  if (!values.description) errors['description'] = 'Enter a description of what happens there'
  tooLong(errors, 'description', 'Description', values.description, 2000)
  if (values.url && !/^https?:\/\/[^\s<>"]+\.[^\s<>"]+$/.test(values.url))
    errors['url'] = 'Enter a website address in the correct format, like https://www.example.org'
  if (values.email && !EMAIL.test(values.email))
    errors['email'] = 'Enter an email address in the correct format, like name@example.org'
  if (!options.forProvider && !isOneOf(EDITOR_STATUSES, values.status))
    errors['status'] = 'Select whether it is running'
  const minimumAge = parseAge(values.minimumAge)
  const maximumAge = parseAge(values.maximumAge)
  if (minimumAge === 'bad') errors['minimumAge'] = 'Enter the youngest age as a whole number of years, like 18'
  if (maximumAge === 'bad') errors['maximumAge'] = 'Enter the oldest age as a whole number of years, like 65'
  if (typeof minimumAge === 'number' && typeof maximumAge === 'number' && maximumAge < minimumAge)
    errors['maximumAge'] = 'The oldest age must be the same as or more than the youngest age'
  tooLong(errors, 'eligibilityDescription', 'Who it is for', values.eligibilityDescription, 500)
  tooLong(errors, 'feesDescription', 'Cost details', values.feesDescription, 500)
  if (!isOneOf(WELCOME_VALUES, values.welcome)) errors['welcome'] = 'Select whether newcomers can just join'
  if (!isOneOf(CAPACITY_CODES, values.capacity)) errors['capacity'] = 'Select whether it has space'
  const monthlyPlaces = /^\d{1,4}$/.test(values.monthlyPlaces) ? Number(values.monthlyPlaces) : null
  if (values.monthlyPlaces && (monthlyPlaces === null || monthlyPlaces < 1 || monthlyPlaces > 1000))
    errors['monthlyPlaces'] = 'Enter how many new people it can take a month as a whole number from 1 to 1000, like 4'
  if (!isOneOf(HOW_TO_JOIN_VALUES, values.howToJoin)) errors['howToJoin'] = 'Select how people join'
  if (!values.needs.every((n) => isOneOf(NEED_CODES, n))) errors['needs'] = 'Select needs from the list'
  if (!values.ways.every((w) => isOneOf(WAY_CODES, w))) errors['ways'] = 'Select ways to wellbeing from the list'
  if (!values.accessibility.every((a) => isOneOf(ACCESSIBILITY_CODES, a)))
    errors['accessibility'] = 'Select accessibility features from the list'

  const hasVenue = Boolean(values.address1 || values.city || values.postcode || values.locationName)
  if (hasVenue) {
    if (!values.address1) errors['address1'] = 'Enter the first line of the venue’s address'
    if (!values.city) errors['city'] = 'Enter the town or city'
    if (!values.postcode) errors['postcode'] = 'Enter the venue’s postcode'
    else if (!isValidPostcodeFormat(values.postcode)) errors['postcode'] = 'Enter a real postcode, like AB10 1AA'
  }
  tooLong(errors, 'accessibilityNote', 'Other accessibility information', values.accessibilityNote, 300)

  const schedules: ListingSnapshot['schedules'] = []
  values.schedules.forEach((row, i) => {
    const used = row.day || row.opens || row.closes
    if (!used) return
    const prefix = `schedule${i}`
    if (!isOneOf(WEEKDAYS, row.day)) errors[`${prefix}Day`] = `Select the day for time ${i + 1}`
    if (!isOneOf(FREQUENCIES, row.frequency)) errors[`${prefix}Frequency`] = `Select how often for time ${i + 1}`
    const opens = normaliseTime(row.opens)
    const closes = row.closes ? normaliseTime(row.closes) : null
    if (!opens) errors[`${prefix}Opens`] = `Enter the start time for time ${i + 1} using the 24-hour clock, like 18:30`
    if (row.closes && !closes)
      errors[`${prefix}Closes`] = `Enter the end time for time ${i + 1} using the 24-hour clock, like 20:00`
    else if (opens && closes && closes <= opens)
      errors[`${prefix}Closes`] = `The end time for time ${i + 1} must be after the start time`
    if (opens && isOneOf(WEEKDAYS, row.day) && isOneOf(FREQUENCIES, row.frequency)) {
      const monthly = !['weekly', 'fortnightly'].includes(row.frequency)
      schedules.push({
        freq: monthly ? 'MONTHLY' : 'WEEKLY',
        interval: row.frequency === 'fortnightly' ? 2 : 1,
        byday: monthly ? `${row.frequency}${row.day}` : row.day,
        opensAt: opens,
        closesAt: closes,
        description: null,
      })
    }
  })

  const costs: ListingSnapshot['costs'] = []
  if (values.costType !== 'free' && values.costType !== 'paid') errors['costType'] = 'Select whether it is free'
  if (values.costType === 'paid') {
    const amount = Number(values.costAmount.replace(/^£/, ''))
    if (!values.costAmount) errors['costAmount'] = 'Enter how much it costs, like 3.50'
    else if (!/^£?\d{1,5}(\.\d{1,2})?$/.test(values.costAmount) || amount <= 0)
      errors['costAmount'] = 'Enter the cost in pounds, like 3.50'
    else costs.push({ option: values.costOption || null, amount, amountDescription: null })
  }
  tooLong(errors, 'costOption', 'What the cost is for', values.costOption, 60)
  tooLong(errors, 'contactName', 'Contact name', values.contactName, 120)
  if (values.contactEmail && !EMAIL.test(values.contactEmail))
    errors['contactEmail'] = 'Enter the contact’s email address in the correct format, like name@example.org'
  if (values.contactPhone && !/^[+\d][\d\s()-]{5,24}$/.test(values.contactPhone))
    errors['contactPhone'] = 'Enter a phone number, like 01224 123456'

  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return {
    ok: true,
    snapshot: {
      organizationId: null,
      organizationName: values.organizationName,
      service: {
        name: values.name,
        description: values.description,
        url: values.url || null,
        email: values.email || null,
        status: values.status,
        minimumAge: minimumAge as number | null,
        maximumAge: maximumAge as number | null,
        eligibilityDescription: values.eligibilityDescription || null,
        feesDescription: values.feesDescription || null,
        welcome: values.welcome,
        suitableForComplexNeeds: values.complexNeeds === 'yes',
        capacity: values.capacity,
        monthlyPlaces,
        howToJoin: values.howToJoin,
        public: values.public === 'yes',
      },
      needs: [...new Set(values.needs)].sort(),
      ways: [...new Set(values.ways)].sort(),
      location: hasVenue
        ? {
            name: values.locationName || values.address1,
            address1: values.address1,
            address2: values.address2 || null,
            city: values.city,
            postalCode: normalisePostcode(values.postcode),
            latitude: null,
            longitude: null,
            accessibility: [...new Set(values.accessibility)].sort(),
            accessibilityNote: values.accessibilityNote || null,
          }
        : null,
      schedules,
      costs,
      contact: {
        name: values.contactName || null,
        email: values.contactEmail || null,
        phone: values.contactPhone || null,
      },
    },
  }
}

/** The order fields appear in, for the error summary. */
export const LISTING_FIELD_IDS: Record<string, string> = {
  welcome: 'welcome',
  capacity: 'capacity',
  howToJoin: 'howToJoin',
  needs: 'needs',
  ways: 'ways',
  accessibility: 'accessibility',
  costType: 'costType',
}

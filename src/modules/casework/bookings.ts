// SPDX-License-Identifier: AGPL-3.0-or-later
// Booked contacts: a link worker plans the next contact with a date, time and place, sees it on their caseload,
// and can subscribe to their own diary from a calendar app (issue 9).
import ical, { ICalEventStatus } from 'ical-generator'
import { SUBMISSION_KEY, isoDateFrom, textField, type FieldErrors, type FormResult } from '../../platform/http/forms.ts'
import { parseRiskAnswers } from './risk-check.ts'
import { CONTACT_TYPE_LABELS, daysBetween, londonToday, type ContactType, type HomeVisitRiskCheck } from './casework.ts'

export const BOOKING_STATUSES = ['booked', 'cancelled', 'done'] as const
export type BookingStatus = (typeof BOOKING_STATUSES)[number]

/** Contact types that can be planned: not the outcomes of a contact (no answer, did not attend). */
export const BOOKABLE_TYPES = [
  'home-visit',
  'face-to-face-surgery',
  'face-to-face-community',
  'phone',
  'video',
  'accompanied-visit',
  'mdt-discussion',
] as const satisfies readonly ContactType[]
export type BookableType = (typeof BOOKABLE_TYPES)[number]
export function isBookableType(value: string): value is BookableType {
  return (BOOKABLE_TYPES as readonly string[]).includes(value)
}
/** Types that happen somewhere, so the booking needs a place. */
const NEEDS_PLACE: readonly BookableType[] = ['face-to-face-surgery', 'face-to-face-community', 'accompanied-visit']

export interface Booking {
  id: string
  episodeId: string
  referralId: string
  linkWorkerUserId: string
  type: BookableType
  startsAt: Date
  durationMinutes: number
  place: string
  riskCheck: HomeVisitRiskCheck | null
  status: BookingStatus
  bookedByName: string
}

export interface NewBooking {
  submissionKey: string
  type: BookableType
  startsAt: Date
  durationMinutes: number
  place: string
  riskCheck: HomeVisitRiskCheck | null
}

// ---- Times (Europe/London wall clock <-> instants) ----

const LONDON_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** The London wall-clock date (yyyy-mm-dd) and time (hh:mm) of an instant. */
export function londonWallClock(instant: Date): { date: string; time: string } {
  const p = Object.fromEntries(LONDON_PARTS.formatToParts(instant).map((part) => [part.type, part.value]))
  return { date: `${p['year']}-${p['month']}-${p['day']}`, time: `${p['hour']}:${p['minute']}` }
}

/**
 * The instant a London wall-clock date and time names. In the hour the clocks go back the earlier one is taken;
 * a time skipped when they go forward is read as an hour later (as a calendar app does).
 */
export function londonInstant(date: string, time: string): Date {
  const asUtc = new Date(`${date}T${time}:00Z`)
  for (const offsetHours of [1, 0]) {
    const candidate = new Date(asUtc.getTime() - offsetHours * 3_600_000)
    const wall = londonWallClock(candidate)
    if (wall.date === date && wall.time === time) return candidate
  }
  return asUtc
}

// ---- The booking form ----

export interface BookingFormValues {
  submissionKey: string
  type: string
  day: string
  month: string
  year: string
  time: string
  duration: string
  place: string
  someoneKnows: string
  knownRisks: string
  knownRisksDetails: string
  checkIn: string
}

export function readBookingForm(body: unknown): BookingFormValues {
  return {
    submissionKey: textField(body, 'submissionKey', 64),
    type: textField(body, 'type', 40),
    day: textField(body, 'day', 4),
    month: textField(body, 'month', 4),
    year: textField(body, 'year', 6),
    time: textField(body, 'time', 8),
    duration: textField(body, 'duration', 6),
    place: textField(body, 'place', 300),
    someoneKnows: textField(body, 'someoneKnows', 4),
    knownRisks: textField(body, 'knownRisks', 4),
    knownRisksDetails: textField(body, 'knownRisksDetails', 1000),
    checkIn: textField(body, 'checkIn', 4),
  }
}

const TIME = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/
const BOOK_AHEAD_DAYS = 366

/**
 * Parses the book-a-contact form. A home visit is planned with its lone-working risk check: someone must know
 * where the link worker will be, and the expected finish time follows from the start and length.
 */
export function parseBookingForm(values: BookingFormValues, now: Date): FormResult<NewBooking> {
  const errors: FieldErrors = {}
  if (!SUBMISSION_KEY.test(values.submissionKey))
    errors['type'] = 'This form has expired. Reload the page and try again'
  else if (!isBookableType(values.type)) errors['type'] = 'Select how you will contact the person'

  const today = londonToday(now)
  let date: string | undefined
  if (!values.day && !values.month && !values.year) errors['day'] = 'Enter the date of the contact'
  else {
    date = isoDateFrom(values.day, values.month, values.year)
    if (!date) errors['day'] = 'Date of the contact must be a real date'
    else if (date < today) errors['day'] = 'Date of the contact must be today or in the future'
    else if (daysBetween(today, date) > BOOK_AHEAD_DAYS) errors['day'] = 'Date of the contact must be within a year'
  }
  const time = TIME.exec(values.time)
  if (!values.time) errors['time'] = 'Enter the time of the contact, for example 14:30'
  else if (!time) errors['time'] = 'Time of the contact must be a time on the 24-hour clock, for example 14:30'
  const hhmm = time ? `${time[1]!.padStart(2, '0')}:${time[2]}` : ''
  const startsAt = date && time ? londonInstant(date, hhmm) : undefined
  if (startsAt && startsAt.getTime() < now.getTime() && !errors['day'])
    errors['time'] = 'Time of the contact must be in the future'

  const duration = Number(values.duration)
  if (!values.duration) errors['duration'] = 'Enter how long you expect the contact to take, in minutes'
  else if (!/^\d{1,3}$/.test(values.duration) || duration < 5 || duration > 720)
    errors['duration'] = 'How long the contact will take must be between 5 and 720 minutes'

  const needsPlace = isBookableType(values.type) && NEEDS_PLACE.includes(values.type)
  if (needsPlace && !values.place)
    errors['place'] = 'Enter where the contact will be, for example the library on Union Street'
  if (values.place.length > 200) errors['place'] = 'Where must be 200 characters or fewer'

  let riskCheck: HomeVisitRiskCheck | null = null
  if (values.type === 'home-visit') {
    const answers = parseRiskAnswers(values, 'before', errors)
    if (answers && startsAt && Object.keys(errors).length === 0) {
      const finish = londonWallClock(new Date(startsAt.getTime() + duration * 60_000)).time
      riskCheck = { ...answers, expectedFinishTime: finish }
    }
  }

  if (Object.keys(errors).length > 0 || !startsAt || !isBookableType(values.type)) return { ok: false, errors }
  return {
    ok: true,
    value: {
      submissionKey: values.submissionKey,
      type: values.type,
      startsAt,
      durationMinutes: duration,
      place: values.type === 'home-visit' ? '' : values.place,
      riskCheck,
    },
  }
}

// ---- The diary feed ----

export interface DiaryEntry {
  booking: Booking
  /** Initials only: a calendar is not a place for a person's name (issue 9). */
  initials: string
  reference: string
}

/** Initials of a name, for a calendar entry: "Margaret Ellis" → "M.E." */
export function initialsOf(givenName: string, familyName: string): string {
  return [givenName, familyName]
    .map((name) => name.trim().charAt(0).toUpperCase())
    .filter(Boolean)
    .map((initial) => `${initial}.`)
    .join('')
}

/**
 * The iCalendar text of a link worker's diary. No personal data beyond initials and the referral reference: no
 * place (a home visit's place is the person's address), no notes; the entry links to the case, behind sign-in.
 */
export function diaryCalendar(entries: DiaryEntry[], options: { baseUrl: string; workerName: string }): string {
  const calendar = ical({ name: `Waymark: ${options.workerName}`, prodId: { company: 'Waymark', product: 'diary' } })
  calendar.ttl(15 * 60)
  for (const { booking, initials, reference } of entries)
    calendar.createEvent({
      id: `${booking.id}@waymark`,
      start: booking.startsAt,
      end: new Date(booking.startsAt.getTime() + booking.durationMinutes * 60_000),
      summary: `${CONTACT_TYPE_LABELS[booking.type]}: ${initials} (${reference})`,
      description: `Open in Waymark: ${options.baseUrl}/caseload/${booking.referralId}`,
      url: `${options.baseUrl}/caseload/${booking.referralId}`,
      status: booking.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    })
  return calendar.toString()
}

export function describeBookingTime(
  startsAt: Date,
  durationMinutes: number,
): { date: string; time: string; until: string } {
  const start = londonWallClock(startsAt)
  return { ...start, until: londonWallClock(new Date(startsAt.getTime() + durationMinutes * 60_000)).time }
}

const LONG_DATE = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
})

/** "Tuesday 8 December 2026" for an ISO date (NHS style: no comma after the day's name). */
export function formatBookingDate(isoDate: string): string {
  return LONG_DATE.format(new Date(`${isoDate}T00:00:00Z`)).replace(',', '')
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  SUBMISSION_KEY,
  isoDateFrom,
  textField,
  type FieldErrors,
  type FormResult,
} from '../../../../platform/http/forms.ts'
import { parseRiskAnswers } from '../../risk-check.ts'
import { CONTACT_METHOD_LABELS, type ContactMethod } from '../../../people/index.ts'
import {
  AVOIDED_REASON_MAX,
  avoidedMethodsUsed,
  daysBetween,
  isContactType,
  type HomeVisitRiskCheck,
  type NewContact,
} from '../../casework.ts'

const NOTES_MAX = 5000

export interface ContactFormValues {
  submissionKey: string
  type: string
  day: string
  month: string
  year: string
  duration: string
  whoWasThere: string
  notes: string
  someoneKnows: string
  finishTime: string
  knownRisks: string
  knownRisksDetails: string
  checkIn: string
  nextDay: string
  nextMonth: string
  nextYear: string
  bookingId: string
  avoidedMethodReason: string
}

export function readContactForm(body: unknown): ContactFormValues {
  return {
    submissionKey: textField(body, 'submissionKey', 64),
    type: textField(body, 'type', 40),
    day: textField(body, 'day', 4),
    month: textField(body, 'month', 4),
    year: textField(body, 'year', 6),
    duration: textField(body, 'duration', 6),
    whoWasThere: textField(body, 'whoWasThere', 500),
    notes: textField(body, 'notes', NOTES_MAX),
    someoneKnows: textField(body, 'someoneKnows', 4),
    finishTime: textField(body, 'finishTime', 8),
    knownRisks: textField(body, 'knownRisks', 4),
    knownRisksDetails: textField(body, 'knownRisksDetails', 1000),
    checkIn: textField(body, 'checkIn', 4),
    nextDay: textField(body, 'nextDay', 4),
    nextMonth: textField(body, 'nextMonth', 4),
    nextYear: textField(body, 'nextYear', 6),
    bookingId: textField(body, 'bookingId', 40),
    avoidedMethodReason: textField(body, 'avoidedMethodReason', AVOIDED_REASON_MAX + 1),
  }
}

const TIME = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/

/**
 * Parses the record-a-contact form. A home visit needs the lone-working risk check answered, and cannot be
 * recorded unless someone knew where the link worker was; a visit booked ahead brings the check it was booked
 * with (`booking`), so it is not asked again.
 */
export function parseContactForm(
  values: ContactFormValues,
  today: string,
  booking: { id: string; riskCheck: HomeVisitRiskCheck | null } | null = null,
  avoid: readonly ContactMethod[] = [],
): FormResult<NewContact> {
  const errors: FieldErrors = {}
  if (!SUBMISSION_KEY.test(values.submissionKey))
    errors['type'] = 'This form has expired. Reload the page and try again'
  if (!isContactType(values.type)) errors['type'] = 'Select the type of contact'

  let contactOn: string | undefined
  if (!values.day && !values.month && !values.year) errors['day'] = 'Enter the date of the contact'
  else {
    contactOn = isoDateFrom(values.day, values.month, values.year)
    if (!contactOn) errors['day'] = 'Date of the contact must be a real date'
    else if (contactOn > today) errors['day'] = 'Date of the contact must be today or in the past'
    else if (daysBetween(contactOn, today) > 366) errors['day'] = 'Date of the contact must be within the last year'
  }

  const duration = Number(values.duration)
  if (!values.duration) errors['duration'] = 'Enter how long the contact took, in minutes'
  else if (!/^\d{1,4}$/.test(values.duration))
    errors['duration'] = 'How long the contact took must be a number of minutes'
  else if (duration > 720) errors['duration'] = 'How long the contact took must be 720 minutes (12 hours) or less'

  if (values.notes.length > NOTES_MAX) errors['notes'] = `Notes must be ${NOTES_MAX} characters or fewer`
  const avoided = isContactType(values.type) ? avoidedMethodsUsed(values.type, avoid) : []
  const avoidedMethodReason = values.avoidedMethodReason.trim()
  if (avoided.length > 0 && !avoidedMethodReason)
    errors['avoidedMethodReason'] =
      `They asked not to be contacted by ${avoided.map((m) => CONTACT_METHOD_LABELS[m as ContactMethod].toLowerCase()).join(' or ')}: say why you contacted them this way`
  else if (avoidedMethodReason.length > AVOIDED_REASON_MAX)
    errors['avoidedMethodReason'] = `Why must be ${AVOIDED_REASON_MAX} characters or fewer`
  if (values.whoWasThere.length > 500) errors['whoWasThere'] = 'Who was there must be 500 characters or fewer'

  let riskCheck: HomeVisitRiskCheck | null = null
  if (values.type === 'home-visit' && booking?.riskCheck) riskCheck = booking.riskCheck
  else if (values.type === 'home-visit') {
    const time = TIME.exec(values.finishTime)
    if (!values.finishTime) errors['finishTime'] = 'Enter the time you expected to finish, for example 14:30'
    else if (!time) errors['finishTime'] = 'Expected finish time must be a time, for example 14:30'
    const answers = parseRiskAnswers(values, 'after', errors)
    if (answers && time) riskCheck = { ...answers, expectedFinishTime: `${time[1]!.padStart(2, '0')}:${time[2]}` }
  }

  let nextContactOn: string | null = null
  if (values.nextDay || values.nextMonth || values.nextYear) {
    const next = isoDateFrom(values.nextDay, values.nextMonth, values.nextYear)
    if (!next) errors['nextDay'] = 'Next contact must be a real date'
    else if (next < today) errors['nextDay'] = 'Next contact must be today or in the future'
    else nextContactOn = next
  }

  if (Object.keys(errors).length > 0 || !contactOn || !isContactType(values.type)) return { ok: false, errors }
  return {
    ok: true,
    value: {
      submissionKey: values.submissionKey,
      type: values.type,
      contactOn,
      durationMinutes: duration,
      whoWasThere: values.whoWasThere,
      notes: values.notes,
      riskCheck,
      avoidedMethodReason: avoided.length > 0 ? avoidedMethodReason : '',
      nextContactOn,
      bookingId: booking?.id ?? null,
    },
  }
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import { choicesFrom, yesNo } from '../../../../platform/http/choices.ts'
import { randomUUID } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { errorListFor, queryField, type FieldErrors } from '../../../../platform/http/forms.ts'
import { isUuid } from '../../../../shared/uuid.ts'
import { CONTACT_METHOD_LABELS } from '../../../people/index.ts'
import { describeBookingTime, londonWallClock, type Booking } from '../../bookings.ts'
import { findBookingForReferral } from '../../bookings.service.ts'
import { AVOIDED_REASON_MAX, CONTACT_TYPE_LABELS, londonToday } from '../../casework.ts'
import { CaseworkError } from '../../casework.errors.ts'
import { openCase, type Case } from '../../casework.service.ts'
import { recordContact } from '../../episode-changes.service.ts'
import { changeActorOf, referralIdOf, type CaseParams } from '../shared.ts'
import { parseContactForm, readContactForm, type ContactFormValues } from './contact.form.ts'

const FIELD_IDS: Record<string, string> = {
  type: 'type',
  day: 'contactDate-day',
  nextDay: 'nextDate-day',
  someoneKnows: 'someoneKnows',
  knownRisks: 'knownRisks',
  checkIn: 'checkIn',
}

function render(
  request: FastifyRequest<CaseParams>,
  reply: FastifyReply,
  found: Case,
  values: Partial<ContactFormValues>,
  errors: FieldErrors,
  status = 200,
  booking: Booking | null = null,
) {
  const p = found.referral.person
  return reply.page(
    'modules/casework/web/contact/contact.njk',
    {
      pageTitle: `Record a contact with ${p.givenName} ${p.familyName}`,
      backLinkHref: `/caseload/${found.referral.id}`,
      referralId: found.referral.id,
      personName: `${p.givenName} ${p.familyName}`,
      risks: found.referral.risks,
      // The ways they asked not to be contacted: shown first, and a contact made that way needs a reason.
      avoid: p.contactMethodsToAvoid.map((m) => CONTACT_METHOD_LABELS[m]),
      avoidedReasonMax: AVOIDED_REASON_MAX,
      values,
      errors,
      errorList: errorListFor(errors, FIELD_IDS),
      typeItems: choicesFrom(CONTACT_TYPE_LABELS, values.type ?? ''),
      someoneKnowsItems: yesNo(values.someoneKnows ?? ''),
      knownRisksItems: yesNo(values.knownRisks ?? ''),
      checkInItems: yesNo(values.checkIn ?? ''),
      booking: booking && {
        id: booking.id,
        when: describeBookingTime(booking.startsAt, booking.durationMinutes),
        riskCheck: booking.riskCheck,
      },
    },
    status,
  )
}

/** The booked contact named by the form or link, when it belongs to this referral's case and is still booked. */
async function bookingOf(request: FastifyRequest, referralId: string, id: string): Promise<Booking | null> {
  if (!isUuid(id)) return null
  const booking = await findBookingForReferral(request.orgScope(), referralId, id)
  return booking?.status === 'booked' ? booking : null
}

export async function showRecordContact(request: FastifyRequest<CaseParams>, reply: FastifyReply) {
  const referralId = referralIdOf(request)
  const found = await openCase(request.orgScope(), referralId, changeActorOf(request))
  if (found.referral.status === 'on-hold') throw new CaseworkError('CASEWORK_PAUSED')
  const today = londonToday()
  const booking = await bookingOf(request, referralId, queryField(request.query, 'booking', 40))
  const bookedDay = booking ? londonWallClock(booking.startsAt).date : today
  const [year, month, day] = (bookedDay <= today ? bookedDay : today).split('-')
  const values: Partial<ContactFormValues> = { submissionKey: randomUUID(), day, month, year }
  if (booking)
    Object.assign(values, { type: booking.type, duration: String(booking.durationMinutes), bookingId: booking.id })
  return render(request, reply, found, values, {}, 200, booking)
}

export async function submitRecordContact(request: FastifyRequest<CaseParams>, reply: FastifyReply) {
  const referralId = referralIdOf(request)
  const scope = request.orgScope()
  const actor = changeActorOf(request)
  const values = readContactForm(request.body)
  // openCase refuses a case that is not this link worker's; the form needs the person's "do not contact by".
  const booking = await bookingOf(request, referralId, values.bookingId)
  const found = await openCase(scope, referralId, actor)
  const parsed = parseContactForm(values, londonToday(), booking, found.referral.person.contactMethodsToAvoid)
  if (!parsed.ok) return render(request, reply, found, values, parsed.errors, 400, booking)
  await recordContact(scope, referralId, parsed.value, actor)
  return reply.redirect(`/caseload/${referralId}?saved=contact`, 303)
}

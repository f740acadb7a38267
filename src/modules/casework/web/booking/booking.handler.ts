// SPDX-License-Identifier: AGPL-3.0-or-later
import { yesNo } from '../../../../platform/http/choices.ts'
import { randomUUID } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { errorListFor, type FieldErrors } from '../../../../platform/http/forms.ts'
import {
  BOOKABLE_TYPES,
  describeBookingTime,
  parseBookingForm,
  readBookingForm,
  type BookingFormValues,
} from '../../bookings.ts'
import { bookContact, cancelBooking } from '../../bookings.service.ts'
import { CONTACT_TYPE_LABELS } from '../../casework.ts'
import { CaseworkError } from '../../casework.errors.ts'
import { openCase, type Case } from '../../casework.service.ts'
import { changeActorOf, referralIdOf, type CaseParams } from '../shared.ts'

const FIELD_IDS: Record<string, string> = {
  type: 'type',
  day: 'bookingDate-day',
  someoneKnows: 'someoneKnows',
  knownRisks: 'knownRisks',
  checkIn: 'checkIn',
}

function render(
  reply: FastifyReply,
  found: Case,
  values: Partial<BookingFormValues>,
  errors: FieldErrors,
  status = 200,
) {
  const p = found.referral.person
  return reply.page(
    'modules/casework/web/booking/booking.njk',
    {
      pageTitle: `Book a contact with ${p.givenName} ${p.familyName}`,
      backLinkHref: `/caseload/${found.referral.id}`,
      referralId: found.referral.id,
      personName: `${p.givenName} ${p.familyName}`,
      address: [p.addressLine1, p.town, p.postcode].filter(Boolean).join(', '),
      risks: found.referral.risks,
      values,
      errors,
      errorList: errorListFor(errors, FIELD_IDS),
      typeItems: BOOKABLE_TYPES.map((type) => ({
        value: type,
        text: CONTACT_TYPE_LABELS[type],
        checked: values.type === type,
      })),
      someoneKnowsItems: yesNo(values.someoneKnows ?? ''),
      knownRisksItems: yesNo(values.knownRisks ?? ''),
      checkInItems: yesNo(values.checkIn ?? ''),
    },
    status,
  )
}

export async function showBookContact(request: FastifyRequest<CaseParams>, reply: FastifyReply) {
  const found = await openCase(request.orgScope(), referralIdOf(request), changeActorOf(request))
  if (found.referral.status === 'on-hold') throw new CaseworkError('CASEWORK_PAUSED')
  return render(reply, found, { submissionKey: randomUUID(), duration: '60' }, {})
}

export async function submitBookContact(request: FastifyRequest<CaseParams>, reply: FastifyReply) {
  const referralId = referralIdOf(request)
  const scope = request.orgScope()
  const actor = changeActorOf(request)
  const values = readBookingForm(request.body)
  const parsed = parseBookingForm(values, new Date())
  if (!parsed.ok) return render(reply, await openCase(scope, referralId, actor), values, parsed.errors, 400)
  await bookContact(scope, referralId, parsed.value, actor)
  const when = describeBookingTime(parsed.value.startsAt, parsed.value.durationMinutes)
  return reply.redirect(`/caseload/${referralId}?saved=booked&on=${when.date}&at=${when.time}`, 303)
}

export async function submitCancelBooking(
  request: FastifyRequest<{ Params: { referralId: string; bookingId: string } }>,
  reply: FastifyReply,
) {
  const referralId = referralIdOf(request)
  await cancelBooking(request.orgScope(), referralId, request.params.bookingId, changeActorOf(request))
  return reply.redirect(`/caseload/${referralId}?saved=booking-cancelled`, 303)
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  diaryCalendar,
  formatBookingDate,
  initialsOf,
  londonInstant,
  londonWallClock,
  parseBookingForm,
  readBookingForm,
  type Booking,
} from './bookings.ts'

const NOW = new Date('2026-12-03T09:00:00Z')
const form = (fields: Record<string, string>) =>
  readBookingForm({ submissionKey: '3f6b8a4e-0000-4000-8000-000000000001', duration: '60', ...fields })

describe('booked contacts: London time', () => {
  it('reads wall-clock times in winter and summer, and across the clock changes', () => {
    assert.equal(londonInstant('2026-12-08', '10:30').toISOString(), '2026-12-08T10:30:00.000Z')
    assert.equal(londonInstant('2026-07-08', '10:30').toISOString(), '2026-07-08T09:30:00.000Z')
    // 29 March 2026: 01:30 does not exist in London (clocks go forward at 01:00), read as an hour later.
    assert.equal(londonWallClock(londonInstant('2026-03-29', '01:30')).time, '02:30')
    // 25 October 2026: 01:30 happens twice; the first (still summer time) is taken.
    assert.equal(londonInstant('2026-10-25', '01:30').toISOString(), '2026-10-25T00:30:00.000Z')
    assert.deepEqual(londonWallClock(new Date('2026-07-08T23:30:00Z')), { date: '2026-07-09', time: '00:30' })
  })

  it('names a day the NHS way', () => {
    assert.equal(formatBookingDate('2026-12-08'), 'Tuesday 8 December 2026')
  })
})

describe('booked contacts: the form', () => {
  it('books a phone call without a place, and works out a home visit’s finish time', () => {
    const phone = parseBookingForm(form({ type: 'phone', day: '8', month: '12', year: '2026', time: '9.05' }), NOW)
    assert.ok(phone.ok)
    assert.equal(phone.value.startsAt.toISOString(), '2026-12-08T09:05:00.000Z')
    assert.equal(phone.value.riskCheck, null)
    const visit = parseBookingForm(
      form({
        type: 'home-visit',
        day: '8',
        month: '12',
        year: '2026',
        time: '16:30',
        duration: '90',
        place: '12 Rosemount Place',
        someoneKnows: 'yes',
        knownRisks: 'no',
        checkIn: 'no',
      }),
      NOW,
    )
    assert.ok(visit.ok)
    assert.equal(visit.value.riskCheck?.expectedFinishTime, '18:00')
    assert.equal(visit.value.place, '', 'a home visit keeps no place: the address stays on the record')
  })

  it('refuses the past, next year, nonsense times and lengths, and a home visit nobody will know about', () => {
    const result = parseBookingForm(
      form({
        type: 'home-visit',
        day: '3',
        month: '12',
        year: '2026',
        time: '08:00',
        duration: '2',
        someoneKnows: 'no',
      }),
      NOW,
    )
    assert.equal(result.ok, false)
    if (result.ok) return
    assert.equal(result.errors['time'], 'Time of the contact must be in the future')
    assert.equal(result.errors['duration'], 'How long the contact will take must be between 5 and 720 minutes')
    assert.match(result.errors['someoneKnows'] ?? '', /Someone must know where you are/)
    assert.equal(result.errors['knownRisks'], 'Select whether there are known risks at the address')
    const far = parseBookingForm(form({ type: 'phone', day: '5', month: '12', year: '2027', time: '10:00' }), NOW)
    assert.equal(far.ok ? '' : far.errors['day'], 'Date of the contact must be within a year')
    const missed = parseBookingForm(
      form({ type: 'did-not-attend', day: '4', month: '12', year: '2026', time: '1' }),
      NOW,
    )
    assert.equal(missed.ok ? '' : missed.errors['type'], 'Select how you will contact the person')
  })
})

describe('booked contacts: the diary', () => {
  it('carries initials and the reference, never the name or place, and marks cancellations', () => {
    const booking: Booking = {
      id: '3f6b8a4e-0000-4000-8000-00000000000a',
      episodeId: 'e',
      referralId: '3f6b8a4e-0000-4000-8000-00000000000b',
      linkWorkerUserId: 'u',
      type: 'face-to-face-community',
      startsAt: new Date('2026-12-08T10:30:00Z'),
      durationMinutes: 45,
      place: 'Library, Union Street',
      riskCheck: null,
      status: 'cancelled',
      bookedByName: 'Sam Okafor',
    }
    const text = diaryCalendar([{ booking, initials: initialsOf('Margaret', 'Ellis'), reference: 'WM-ABCD-EFGH' }], {
      baseUrl: 'https://waymark.example',
      workerName: 'Sam Okafor',
    }).replace(/\r\n[ \t]/g, '')
    assert.match(text, /SUMMARY:Face to face at a community venue: M\.E\. \(WM-ABCD-EFGH\)/)
    assert.match(text, /DTSTART:20261208T103000Z/)
    assert.match(text, /DTEND:20261208T111500Z/)
    assert.match(text, /STATUS:CANCELLED/)
    assert.match(text, /https:\/\/waymark\.example\/caseload\/3f6b8a4e-0000-4000-8000-00000000000b/)
    assert.doesNotMatch(text, /Margaret|Ellis|Library|LOCATION/)
  })
})

// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Booking } from './bookings.ts'
import { ukMobileOf } from '../../shared/uk-mobile.ts'
import { ownText, reminderText } from './texts.ts'

describe('text messages', () => {
  it('accepts UK mobiles as people write them, and nothing else', () => {
    assert.equal(ukMobileOf('07700 900123'), '07700900123')
    assert.equal(ukMobileOf('+44 7700 900123'), '07700900123')
    assert.equal(ukMobileOf('0044 (0)7700-900123'), undefined)
    assert.equal(ukMobileOf('01224 960001'), undefined, 'a landline cannot take a text')
    assert.equal(ukMobileOf(null), undefined)
  })

  it('words a reminder from the booking, and signs every message', () => {
    const booking = {
      type: 'face-to-face-community',
      startsAt: new Date('2026-12-08T10:30:00Z'),
      durationMinutes: 45,
      place: 'the library on Union Street',
    } as Booking
    assert.equal(
      reminderText(booking, 'Margaret', 'Sam Okafor', 'Granite City Social Prescribing Service'),
      'Hello Margaret, a reminder of your face to face at a community venue at the library on Union Street on ' +
        'Tuesday 8 December 2026 at 10:30. If you need to change it, please get in touch. ' +
        'Sam, Granite City Social Prescribing Service',
    )
    assert.equal(ownText('  See you Tuesday. ', 'Sam Okafor', 'SPS'), 'See you Tuesday. Sam, SPS')
  })
})

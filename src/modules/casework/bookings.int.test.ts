// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { auditEvents } from '../../platform/audit/audit.table.ts'
import { useTestContext } from '../../../test/helpers/test-app.ts'
import { actorOf, allocatedReferral, hiddenField, scopeOf, testService } from '../../../test/factories/casework.ts'
import { londonInstant, londonWallClock } from './bookings.ts'
import { bookContact } from './bookings.service.ts'
import { bookings } from './bookings.table.ts'
import { addDays, londonToday } from './casework.ts'
import { contacts } from './casework.table.ts'

const context = useTestContext()

function dateFields(iso: string) {
  const [year, month, day] = iso.split('-') as [string, string, string]
  return { day, month, year }
}

const homeVisit = (iso: string) => ({
  type: 'home-visit',
  ...dateFields(iso),
  time: '10:30',
  duration: '45',
  place: '',
  someoneKnows: 'yes',
  knownRisks: 'yes',
  knownRisksDetails: 'Large dog, ask for it to be shut away',
  checkIn: 'yes',
})

describe('casework: booked contacts', () => {
  it('books a home visit with its safety check, refuses one nobody would know about, and never books twice', async () => {
    const org = await testService(context)
    const referralId = await allocatedReferral(context, org)
    const session = await org.users['worker']!.session()
    const tomorrow = addDays(londonToday(), 1)

    const form = await session.get(`/caseload/${referralId}/bookings/new`)
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /Book a contact/)
    const submissionKey = hiddenField(form.body, 'submissionKey')

    const unsafe = await session.post(`/caseload/${referralId}/bookings`, {
      submissionKey,
      ...homeVisit(tomorrow),
      someoneKnows: 'no',
      time: '25:00',
    })
    assert.equal(unsafe.statusCode, 400)
    assert.match(unsafe.body, /Someone must know where you are before a home visit/)
    assert.match(unsafe.body, /Time of the contact must be a time on the 24-hour clock/)
    assert.match(unsafe.body, /Large dog, ask for it to be shut away/, 'what was typed is kept')

    const past = await session.post(`/caseload/${referralId}/bookings`, {
      submissionKey,
      ...homeVisit(addDays(londonToday(), -1)),
    })
    assert.equal(past.statusCode, 400)
    assert.match(past.body, /Date of the contact must be today or in the future/)

    const venue = await session.post(`/caseload/${referralId}/bookings`, {
      submissionKey,
      ...homeVisit(tomorrow),
      type: 'face-to-face-community',
    })
    assert.equal(venue.statusCode, 400)
    assert.match(venue.body, /Enter where the contact will be/)

    // A retry sends the same form again, token and all (a double click, or a resend after a lost response).
    const csrfToken = session.csrfToken()!
    for (let attempt = 0; attempt < 2; attempt++) {
      const booked = await session.post(
        `/caseload/${referralId}/bookings`,
        { submissionKey, ...homeVisit(tomorrow) },
        { csrfToken },
      )
      assert.equal(booked.statusCode, 303)
      assert.match(String(booked.headers.location), new RegExp(`saved=booked&on=${tomorrow}&at=10:30`))
    }
    const rows = await context.db.select().from(bookings).where(eq(bookings.referralId, referralId))
    assert.equal(rows.length, 1, 'a retried submission books once')
    assert.deepEqual(rows[0]!.riskCheck, {
      someoneKnowsWhereYouAre: true,
      expectedFinishTime: '11:15',
      knownRisksAtAddress: true,
      knownRisksDetails: 'Large dog, ask for it to be shut away',
      checkInArranged: true,
    })
    assert.equal(londonWallClock(rows[0]!.startsAt).time, '10:30', 'the time is London time')

    const episode = await session.get(`/caseload/${referralId}?saved=booked&on=${tomorrow}&at=10:30`)
    assert.match(
      /app-flash[\s\S]{0,200}/.exec(episode.body)?.[0] ?? '',
      /The contact is booked for \w+day \d+ \w+ \d{4} at 10:30/,
    )
    assert.match(episode.body, /Booked contacts/)
    assert.match(episode.body, /10:30 to 11:15<\/strong>: Home visit/)
    assert.match(episode.body, /Safety check done when booked: known risks: Large dog/)

    const outsider = await org.users['other']!.session()
    const refused = await outsider.get(`/caseload/${referralId}/bookings/new`)
    assert.equal(refused.statusCode, 404, 'only the person’s own link worker books for them')
  })

  it('records a booked home visit without asking the safety check again, and marks the booking done', async () => {
    const org = await testService(context)
    const referralId = await allocatedReferral(context, org)
    const session = await org.users['worker']!.session()
    const today = londonToday()
    // Booked earlier for this morning (the service takes any time; the form refuses the past).
    const { bookingId } = await bookContact(
      scopeOf(context, org),
      referralId,
      {
        submissionKey: 'booked-this-morning-0001',
        type: 'home-visit',
        startsAt: londonInstant(today, '00:05'),
        durationMinutes: 30,
        place: '',
        riskCheck: {
          someoneKnowsWhereYouAre: true,
          expectedFinishTime: '00:35',
          knownRisksAtAddress: false,
          knownRisksDetails: '',
          checkInArranged: true,
        },
      },
      actorOf(org, 'worker'),
    )
    const caseload = await session.get('/caseload')
    assert.match(caseload.body, /Booked for today/)
    assert.match(
      caseload.body,
      /00:05 to 00:35<\/strong>: <a href="\/caseload\/[^"]+">Person\d+ Tester<\/a>, home visit/,
    )

    const form = await session.get(`/caseload/${referralId}/contacts/new?booking=${bookingId}`)
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /This records the contact booked for/)
    assert.match(form.body, /Done when the visit was booked/)
    assert.doesNotMatch(form.body, /Did someone in your team know where you were/)
    const recorded = await session.post(`/caseload/${referralId}/contacts`, {
      submissionKey: hiddenField(form.body, 'submissionKey'),
      bookingId: bookingId!,
      type: 'home-visit',
      ...dateFields(today),
      duration: '30',
      notes: 'Talked about the walking group',
    })
    assert.equal(recorded.statusCode, 303)
    const [booking] = await context.db.select().from(bookings).where(eq(bookings.id, bookingId!))
    assert.equal(booking!.status, 'done')
    const [contact] = await context.db.select().from(contacts).where(eq(contacts.episodeId, booking!.episodeId))
    assert.equal(contact!.riskCheck?.checkInArranged, true, 'the contact carries the check made when booking')
    assert.doesNotMatch((await session.get(`/caseload/${referralId}`)).body, /Booked contacts/)
  })

  it('cancels a booking once, however often the button is pressed', async () => {
    const org = await testService(context)
    const referralId = await allocatedReferral(context, org)
    const session = await org.users['worker']!.session()
    const form = await session.get(`/caseload/${referralId}/bookings/new`)
    await session.post(`/caseload/${referralId}/bookings`, {
      submissionKey: hiddenField(form.body, 'submissionKey'),
      type: 'phone',
      ...dateFields(addDays(londonToday(), 2)),
      time: '14:00',
      duration: '20',
    })
    const [row] = await context.db.select().from(bookings).where(eq(bookings.referralId, referralId))
    await session.get(`/caseload/${referralId}`)
    const csrfToken = session.csrfToken()!
    for (let attempt = 0; attempt < 2; attempt++) {
      const cancelled = await session.post(`/caseload/${referralId}/bookings/${row!.id}/cancel`, {}, { csrfToken })
      assert.equal(cancelled.statusCode, 303)
    }
    const [after] = await context.db.select().from(bookings).where(eq(bookings.id, row!.id))
    assert.equal(after!.status, 'cancelled')
    const audits = await context.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.chainId, org.organisation.id), eq(auditEvents.action, 'contact-booking-cancel')))
    assert.equal(audits.length, 1)
  })
})

describe('casework: the diary feed', () => {
  it('gives a link worker a secret calendar of their bookings with initials only, which they can replace or turn off', async () => {
    const org = await testService(context)
    const referralId = await allocatedReferral(context, org, 'worker', { n: 424242 })
    const othersReferral = await allocatedReferral(context, org, 'other')
    const worker = actorOf(org, 'worker')
    const scope = scopeOf(context, org)
    const booking = (key: string, days: number, type: 'phone' | 'face-to-face-community', place = '') => ({
      submissionKey: `diary-test-${key}-000000`,
      type,
      startsAt: londonInstant(addDays(londonToday(), days), '09:00'),
      durationMinutes: 60,
      place,
      riskCheck: null,
    })
    await bookContact(scope, referralId, booking('a', 3, 'face-to-face-community', 'Library, Union Street'), worker)
    const { bookingId: cancelledId } = await bookContact(scope, referralId, booking('b', 4, 'phone'), worker)
    await bookContact(scope, othersReferral, booking('c', 3, 'phone'), actorOf(org, 'other'))

    const session = await org.users['worker']!.session()
    assert.match((await session.get('/caseload/diary')).body, /You have no diary address yet/)
    const made = await session.post('/caseload/diary', {})
    assert.equal(made.statusCode, 200)
    const address = /value="(http[^"]+\/diary\/([A-Za-z0-9_-]+)\/waymark\.ics)"/.exec(made.body)
    assert.ok(address, 'the new address is shown once')
    const path = new URL(address[1]!).pathname
    await session.post(
      `/caseload/${referralId}/bookings/${cancelledId}/cancel`,
      {},
      { csrfFrom: `/caseload/${referralId}` },
    )

    const feed = await context.app.inject({ method: 'GET', url: path })
    assert.equal(feed.statusCode, 200)
    assert.match(String(feed.headers['content-type']), /^text\/calendar/)
    assert.match(feed.body, /BEGIN:VCALENDAR/)
    // iCalendar folds long lines at 75 octets; unfold before reading.
    const text = feed.body.replace(/\r\n[ \t]/g, '')
    const events = text.split('BEGIN:VEVENT').slice(1)
    assert.equal(events.length, 2, 'their two bookings, not the other worker’s')
    assert.match(text, /SUMMARY:Face to face at a community venue: P\.T\. \(/)
    assert.match(text, /STATUS:CANCELLED/)
    assert.doesNotMatch(events.join(''), /Person424242|Tester|Library|Rosemount|AB25/, 'no names, places or addresses')
    assert.match(text, new RegExp(`/caseload/${referralId}`))
    const reads = await context.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.chainId, org.organisation.id), eq(auditEvents.action, 'diary-feed-read')))
    assert.equal(reads.length, 1)
    assert.equal(reads[0]!.actorUserId, org.users['worker']!.id)
    assert.match((await session.get('/caseload/diary')).body, /A calendar last read it on/)

    const replaced = await session.post('/caseload/diary', {}, { csrfFrom: '/caseload/diary' })
    assert.match(replaced.body, /Copy your diary address now/)
    assert.equal((await context.app.inject({ method: 'GET', url: path })).statusCode, 404, 'the old address stops')
    const newPath = new URL(/value="(http[^"]+waymark\.ics)"/.exec(replaced.body)![1]!).pathname
    assert.equal((await context.app.inject({ method: 'GET', url: newPath })).statusCode, 200)
    const off = await session.post('/caseload/diary/off', {}, { csrfFrom: '/caseload/diary' })
    assert.equal(off.statusCode, 303)
    assert.equal((await context.app.inject({ method: 'GET', url: newPath })).statusCode, 404)
    assert.equal(
      (await context.app.inject({ method: 'GET', url: '/diary/made-up-address/waymark.ics' })).statusCode,
      404,
    )
  })
})

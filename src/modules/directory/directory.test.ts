// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { describeCost, formatDistance, freshnessOf } from './directory.ts'
import { describeSchedule, formatTime, nextSession, parseByDay, type ScheduleRule } from './schedules.ts'
import { uuidV5 } from './taxonomies.ts'
import { diffListings } from './listing-snapshot.service.ts'
import { listingSnapshot } from './directory.fixtures.ts'
import { searchableText } from './search.repository.ts'
import { imdDecileFor, postcodeRowFromOnspd } from './postcodes.service.ts'
import { parseSearch, readSearchQuery } from './web/search/search.form.ts'
import { emptyListingValues, parseListing, valuesFromSnapshot } from './web/listing/listing.form.ts'

const rule = (overrides: Partial<ScheduleRule>): ScheduleRule => ({
  freq: 'WEEKLY',
  interval: 1,
  byday: 'TU',
  dtstart: null,
  validFrom: null,
  validTo: null,
  opensAt: '18:00',
  closesAt: '19:00',
  ...overrides,
})

describe('schedules', () => {
  it('parses RRULE BYDAY with ordinals', () => {
    assert.deepEqual(parseByDay('2MO,-1FR,TU'), [
      { ordinal: 2, day: 'MO' },
      { ordinal: -1, day: 'FR' },
      { ordinal: null, day: 'TU' },
    ])
    assert.deepEqual(parseByDay('XX'), [])
  })

  it('finds the next weekly session, skipping one that has finished today', () => {
    // 2026-11-24 is a Tuesday.
    assert.deepEqual(nextSession([rule({})], '2026-11-24', '17:00'), {
      date: '2026-11-24',
      opensAt: '18:00',
      closesAt: '19:00',
    })
    assert.equal(nextSession([rule({})], '2026-11-24', '19:30')?.date, '2026-12-01')
  })

  it('handles fortnightly, monthly ordinals, last weekday and validity dates', () => {
    const fortnightly = rule({ interval: 2, dtstart: '2026-11-24' })
    assert.equal(nextSession([fortnightly], '2026-11-25', '09:00')?.date, '2026-12-08')
    const secondMonday = rule({ freq: 'MONTHLY', byday: '2MO' })
    assert.equal(nextSession([secondMonday], '2026-11-22', '09:00')?.date, '2026-12-14')
    const lastFriday = rule({ freq: 'MONTHLY', byday: '-1FR' })
    assert.equal(nextSession([lastFriday], '2026-11-22', '09:00')?.date, '2026-11-27')
    assert.equal(nextSession([rule({ validTo: '2026-11-01' })], '2026-11-22', '09:00'), null)
  })

  it('describes schedules in plain English', () => {
    assert.equal(describeSchedule(rule({})), 'Every Tuesday, 6pm to 7pm')
    assert.equal(
      describeSchedule(rule({ interval: 2, byday: 'MO,TH', opensAt: '09:30', closesAt: '12:00' })),
      'Every other Monday and Thursday, 9:30am to midday',
    )
    assert.equal(describeSchedule(rule({ freq: 'MONTHLY', byday: '-1FR', opensAt: null })), 'Last Friday of the month')
    assert.equal(formatTime('00:00'), 'midnight')
  })
})

describe('cost, distance and freshness', () => {
  it('summarises costs', () => {
    assert.equal(describeCost([]), 'Free')
    assert.equal(describeCost([{ option: 'per session', amount: 2.5, amountDescription: null }]), '£2.50 per session')
    assert.equal(
      describeCost([
        { option: 'per session', amount: 4, amountDescription: null },
        { option: 'concession', amount: 2, amountDescription: null },
      ]),
      'From £2 concession',
    )
  })

  it('formats distances and freshness', () => {
    assert.equal(formatDistance(347), '350 m')
    assert.equal(formatDistance(1829), '1.8 km')
    assert.equal(formatDistance(23_400), '23 km')
    assert.equal(freshnessOf('2026-09-01', '2026-11-22', 90), 'fresh')
    assert.equal(freshnessOf('2026-08-01', '2026-11-22', 90), 'due')
    assert.equal(freshnessOf(null, '2026-11-22', 90), 'never')
  })
})

describe('identifiers and postcodes', () => {
  it('makes RFC 4122 version 5 uuids (the published DNS test vector)', () => {
    assert.equal(
      uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'),
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    )
  })

  it('reads ONSPD rows, rejecting ones without coordinates', () => {
    const row = postcodeRowFromOnspd({
      pcds: 'ab10 1aa',
      lat: '57.148232',
      long: '-2.096648',
      imd: '3888',
      ctry: 'S92000003',
      oslaua: 'S12000033',
      doterm: '201610',
    })
    assert.deepEqual(row, {
      postcode: 'AB10 1AA',
      latitude: 57.148232,
      longitude: -2.096648,
      imdRank: 3888,
      imdDecile: 6,
      localAuthorityCode: 'S12000033',
      countryCode: 'S92000003',
      terminatedOn: '2016-10-01',
    })
    assert.equal(postcodeRowFromOnspd({ pcds: 'JE2 4WD', lat: '99.999999', long: '0.000000' }), null)
    assert.equal(imdDecileFor(1, 'E92000001'), 1)
    assert.equal(imdDecileFor(32_844, 'E92000001'), 10)
    assert.equal(imdDecileFor(40_000, 'E92000001'), null)
  })
})

describe('search form', () => {
  it('keeps every filter from the URL and turns weekend into Saturday and Sunday', () => {
    const values = readSearchQuery({
      q: 'walk',
      day: ['TU', 'weekend'],
      when: 'evening',
      cost: 'free',
      postcode: 'AB10 1AA',
      distance: '2',
      newcomers: 'yes',
    })
    const { criteria, errors } = parseSearch(values)
    assert.deepEqual(errors, {})
    assert.deepEqual(criteria.days, ['TU', 'SA', 'SU'])
    assert.equal(criteria.radiusMetres, 2000)
    assert.equal(criteria.timeOfDay, 'evening')
    assert.equal(criteria.newcomers, true)
  })

  it('names bad filters rather than ignoring them', () => {
    const { errors } = parseSearch(readSearchQuery({ day: 'XX', age: 'old', distance: '3', need: 'nope' }))
    assert.deepEqual(Object.keys(errors).sort(), ['age', 'day', 'distance', 'need'])
    assert.match(parseSearch(readSearchQuery({ distance: '2' })).errors['postcode']!, /Enter a postcode/)
  })

  it('drops words that describe the kind of thing', () => {
    assert.equal(searchableText('walking group'), 'walking')
    assert.equal(searchableText('group'), 'group')
  })
})

describe('listing form and diffs', () => {
  it('round-trips a listing through the form', () => {
    const snapshot = listingSnapshot({
      schedules: [
        { freq: 'MONTHLY', interval: 1, byday: '2WE', opensAt: '14:00', closesAt: '16:00', description: null },
      ],
    })
    const values = valuesFromSnapshot(snapshot, 3)
    const parsed = parseListing(values, { forProvider: false })
    assert.ok(parsed.ok)
    assert.deepEqual(parsed.snapshot.schedules, snapshot.schedules)
    assert.deepEqual(parsed.snapshot.needs, snapshot.needs)
    assert.equal(parsed.snapshot.location?.postalCode, 'AB11 7TH')
  })

  it('validates with specific messages', () => {
    const values = {
      ...emptyListingValues(),
      address1: 'x',
      schedules: [
        { day: 'TU', frequency: 'weekly', opens: '19:00', closes: '18:00' },
        ...emptyListingValues().schedules.slice(1),
      ],
      costType: 'paid',
      costAmount: 'lots',
    }
    const parsed = parseListing(values, { forProvider: false })
    assert.equal(parsed.ok, false)
    if (parsed.ok) return
    assert.equal(parsed.errors['name'], 'Enter the name of the service')
    assert.equal(parsed.errors['city'], 'Enter the town or city')
    assert.equal(parsed.errors['schedule0Closes'], 'The end time for time 1 must be after the start time')
    assert.equal(parsed.errors['costAmount'], 'Enter the cost in pounds, like 3.50')
  })

  it('diffs two versions field by field', () => {
    const before = listingSnapshot()
    const after = listingSnapshot({ service: { ...before.service, capacity: 'waitlist' } })
    assert.deepEqual(diffListings(before, after), [{ field: 'Capacity', before: 'Has space', after: 'Waiting list' }])
  })
})

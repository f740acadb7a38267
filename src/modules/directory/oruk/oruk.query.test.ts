// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseServiceQuery } from './oruk.query.ts'
import { importedId, omitEmpty, pageEnvelope, uuidV5 } from './oruk.ts'

describe('ORUK query parameters', () => {
  it('parses every filter and normalises days, times and postcodes', () => {
    const result = parseServiceQuery({
      search: ' walking ',
      page: '2',
      per_page: '10',
      taxonomy_id: 'C5B5B0A0-0000-4000-8000-000000000001',
      minimum_age: '18',
      maximum_age: '65',
      day: 'Tuesday',
      start_time: '18:00Z',
      end_time: '21:30',
      postcode: 'ls14ap',
      proximity: '2000',
    })
    assert.deepEqual(result, {
      ok: true,
      value: {
        page: 2,
        perPage: 10,
        search: 'walking',
        taxonomyId: 'c5b5b0a0-0000-4000-8000-000000000001',
        minimumAge: 18,
        maximumAge: 65,
        day: 'TU',
        startTime: '18:00:00',
        endTime: '21:30:00',
        postcode: 'LS1 4AP',
        proximityMetres: 2000,
      },
    })
  })

  it('takes the ORUK 1.0 `text` as `search`', () => {
    assert.deepEqual(parseServiceQuery({ text: 'choir' }), {
      ok: true,
      value: { page: 1, perPage: 50, search: 'choir' },
    })
  })

  it('names each bad parameter', () => {
    const result = parseServiceQuery({
      page: '0',
      per_page: '1000',
      taxonomy_term_id: 'not-a-uuid',
      minimum_age: 'ten',
      day: 'Funday',
      start_time: '25:00',
      postcode: 'NOT A POSTCODE',
      proximity: '-5',
    })
    assert.equal(result.ok, false)
    if (result.ok) return
    assert.deepEqual(
      result.issues.map((i) => i.parameter),
      ['page', 'per_page', 'taxonomy_term_id', 'minimum_age', 'day', 'start_time', 'postcode', 'proximity'],
    )
  })

  it('refuses proximity without a postcode and ages the wrong way round', () => {
    const result = parseServiceQuery({ proximity: '1000', minimum_age: '40', maximum_age: '20' })
    assert.equal(result.ok, false)
    if (!result.ok)
      assert.deepEqual(
        result.issues.map((i) => i.parameter),
        ['maximum_age', 'proximity'],
      )
  })
})

describe('ORUK helpers', () => {
  it('builds the exact paging envelope', () => {
    assert.deepEqual(pageEnvelope(['a'], 3, 3, 1), {
      total_items: 3,
      total_pages: 3,
      page_number: 3,
      size: 1,
      first_page: false,
      last_page: true,
      empty: false,
      contents: ['a'],
    })
    assert.deepEqual(pageEnvelope([], 0, 1, 50), {
      total_items: 0,
      total_pages: 0,
      page_number: 1,
      size: 0,
      first_page: true,
      last_page: true,
      empty: true,
      contents: [],
    })
  })

  it('omits null, empty and missing optional fields, at every depth', () => {
    assert.deepEqual(
      omitEmpty({ a: null, b: '', c: [], d: 0, e: false, f: [{ g: null, h: 'x' }], i: { j: undefined } }),
      {
        d: 0,
        e: false,
        f: [{ h: 'x' }],
        i: {},
      },
    )
  })

  it('makes stable RFC 4122 version 5 ids per area, feed and record', () => {
    const id = importedId('area-1', 'https://feed.example', 'service', '42')
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    assert.equal(id, importedId('area-1', 'https://feed.example', 'service', '42'))
    assert.notEqual(id, importedId('area-2', 'https://feed.example', 'service', '42'))
    assert.notEqual(uuidV5('a'), uuidV5('b'))
  })
})

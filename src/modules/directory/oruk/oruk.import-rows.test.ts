// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { attributeRows, listingRows, termRows, vocabularyOf } from './oruk.import-rows.ts'
import { importedId, type ImportedService } from './oruk.ts'

const AREA = '00000000-0000-4000-8000-000000000001'
const FEED = 'https://feed.example.org/services'
const NOW = new Date('2026-12-04T09:00:00Z')

function service(sourceId: string, overrides: Partial<ImportedService> = {}): ImportedService {
  return {
    sourceId,
    name: `Group ${sourceId}`,
    description: 'Meets weekly',
    status: 'active',
    organization: { sourceId: 'org-1', name: 'Friends of the Park', description: '' },
    locations: [
      {
        sourceId: 'hall',
        locationType: 'physical',
        addresses: [
          {
            sourceId: 'a1',
            address1: '1 Park Road',
            city: 'Leeds',
            stateProvince: '',
            postalCode: 'LS1 1AA',
            country: 'GB',
            addressType: 'physical',
          },
        ],
        accessibility: [],
      },
    ],
    schedules: [],
    contacts: [{ sourceId: 'c1', name: 'Sam', phones: [{ sourceId: 'p1', number: '0113 496 0000' }] }],
    costOptions: [],
    serviceAreas: [],
    languages: [],
    funding: [],
    taxonomyTerms: [{ sourceId: 't1', name: 'Walking', code: 'walking', taxonomyName: 'Activities' }],
    ...overrides,
  }
}

describe('an imported listing as rows', () => {
  it('writes a shared organisation and location once, with ids stable per area, feed and record', () => {
    const rows = listingRows(AREA, FEED, [service('s1'), service('s2')], NOW)
    assert.equal(rows.services.length, 2)
    assert.equal(rows.organizations.length, 1)
    assert.equal(rows.locations.length, 1)
    assert.equal(rows.addresses.length, 1)
    assert.equal(rows.services[0]!.id, importedId(AREA, FEED, 'service', 's1'))
    assert.equal(rows.services[1]!.organizationId, rows.organizations[0]!.id)
    assert.deepEqual(listingRows(AREA, FEED, [service('s1')], NOW).services[0], rows.services[0])
    assert.notEqual(listingRows(AREA, 'other-feed', [service('s1')], NOW).services[0]!.id, rows.services[0]!.id)
  })

  it('gives each listing its own contact and phone, the phone pointing at its contact', () => {
    const rows = listingRows(AREA, FEED, [service('s1'), service('s2')], NOW)
    assert.equal(rows.contacts.length, 2)
    assert.equal(rows.phones.length, 2)
    assert.deepEqual(
      rows.phones.map((p) => p.contactId),
      rows.contacts.map((c) => c.id),
    )
  })

  it('links a listing only to the terms that were stored', () => {
    const services = [service('s1')]
    const { taxonomies, terms } = vocabularyOf(services, FEED)
    assert.equal(taxonomies.size, 1)
    const [uri] = [...taxonomies.keys()]
    assert.match(uri!, /^https:\/\/feed\.example\.org\/services#taxonomy\/Activities$/)
    assert.equal(termRows(terms.values(), new Map()).length, 0, 'no stored taxonomy, no term rows')
    assert.equal(termRows(terms.values(), new Map([[uri!, 'tax-1']])).length, 1)
    assert.equal(attributeRows(AREA, FEED, services, new Map()).length, 0)
    const linked = attributeRows(AREA, FEED, services, new Map([[`${uri}|walking`, 'term-1']]))
    assert.deepEqual(
      linked.map((a) => [a.linkId, a.taxonomyTermId]),
      [[importedId(AREA, FEED, 'service', 's1'), 'term-1']],
    )
  })
})

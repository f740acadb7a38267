// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { searchRequestFrom } from './api/fhir.api-routes.ts'
import { fingerprintBody, parseReferralRequest } from './fhir-referral.ts'
import { fhirSchemaValidator, pointerToFhirPath } from './fhir-schema.ts'
import { containedReferral, transactionReferral, type ReferralFixtureOptions } from './fhir.fixtures.ts'

const schema = fhirSchemaValidator()
const today = new Date('2026-11-22T12:00:00Z')
const serviceId = '6f1c2a4e-8d0b-4c3e-9f7a-1b2c3d4e5f60'

describe('FHIR mapping', () => {
  it('turns JSON pointers into FHIRPath', () => {
    assert.equal(pointerToFhirPath(''), '')
    assert.equal(pointerToFhirPath('/contained/0/name/1/given'), '.contained[0].name[1].given')
    assert.equal(pointerToFhirPath('/a~1b'), '.a/b')
  })

  it('fingerprints bodies regardless of key order', () => {
    assert.equal(fingerprintBody({ a: 1, b: [1, { c: 2, d: 3 }] }), fingerprintBody({ b: [1, { d: 3, c: 2 }], a: 1 }))
    assert.notEqual(fingerprintBody({ a: 1 }), fingerprintBody({ a: 2 }))
  })

  it('reads the same referral from a contained ServiceRequest and a transaction Bundle', () => {
    const contained = parseReferralRequest(containedReferral({ serviceId }), 'ServiceRequest', schema, today)
    const bundle = parseReferralRequest(transactionReferral({ serviceId }), 'transaction', schema, today)
    assert.ok(contained.ok && bundle.ok)
    assert.deepEqual(contained.value.person, bundle.value.person)
    assert.equal(contained.value.person.postcode, 'LS1 4AP')
    assert.equal(contained.value.person.nhsNumber, '9434765919')
    assert.equal(contained.value.person.preferredContactMethod, 'phone')
    assert.deepEqual(contained.value.needs, ['loneliness', 'bereavement'])
    assert.deepEqual(contained.value.performer, {
      kind: 'id',
      organisationId: serviceId,
      path: 'ServiceRequest.performer[0].reference',
    })
    assert.equal(contained.value.consent.method, 'verbal')
    assert.equal(contained.value.consent.recordedByName, 'Dr Asha Patel')
  })

  it('honours Gravity’s do-not-contact order detail and maps priority', () => {
    const body = {
      ...containedReferral({ serviceId }),
      priority: 'asap',
      orderDetail: [{ coding: [{ code: 'contacting-subject-prohibited' }] }],
    }
    const parsed = parseReferralRequest(body, 'ServiceRequest', schema, today)
    assert.ok(parsed.ok)
    assert.equal(parsed.value.urgency, 'urgent')
    assert.deepEqual(parsed.value.person.contactMethodsToAvoid, ['phone', 'text', 'email', 'letter', 'home-visit'])
    assert.equal(parsed.value.person.preferredContactMethod, null)
  })

  it('reads sex from Patient.gender and the ethnic category from UK Core’s extension, and neither when absent', () => {
    const cases: [Partial<ReferralFixtureOptions>, string | null, string | null][] = [
      [{ gender: 'female', ethnicCategory: 'K' }, 'female', 'K'],
      [{ gender: 'unknown', ethnicCategory: 'not-a-code' }, 'not-stated', null],
      [{}, null, null],
    ]
    for (const [sent, sex, ethnicity] of cases) {
      const parsed = parseReferralRequest(containedReferral({ serviceId, ...sent }), 'ServiceRequest', schema, today)
      assert.ok(parsed.ok)
      assert.deepEqual([parsed.value.person.sex, parsed.value.person.ethnicity], [sex, ethnicity], JSON.stringify(sent))
    }
  })

  it('strips control characters from free text', () => {
    const body = { ...containedReferral({ serviceId }), note: [{ text: 'Likes\u0000 singing\u0007' }] }
    const parsed = parseReferralRequest(body, 'ServiceRequest', schema, today)
    assert.ok(parsed.ok)
    assert.equal(parsed.value.whatMatters, 'Likes singing')
  })
})

describe('search parameters', () => {
  it('reads statuses, ranges and paging, refusing what it cannot honour', () => {
    const request = searchRequestFrom({
      status: 'requested,accepted',
      _lastUpdated: ['gt2026-01-01', 'lt2026-02-01T00:00:00Z'],
      _count: 10,
      _offset: 20,
    })
    assert.deepEqual(request.status, ['requested', 'accepted'])
    assert.equal(request.lastUpdatedAfter?.toISOString(), '2026-01-01T00:00:00.000Z')
    assert.equal(request.lastUpdatedBefore?.toISOString(), '2026-01-31T23:59:59.999Z')
    assert.equal(request.count, 10)
    assert.equal(request.offset, 20)
    assert.throws(() => searchRequestFrom({ status: 'ready', _count: 20, _offset: 0 }))
    assert.throws(() => searchRequestFrom({ _lastUpdated: 'eq2026-01-01', _count: 20, _offset: 0 }))
  })
})

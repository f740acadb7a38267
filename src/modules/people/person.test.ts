// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  CONSENT_SCOPES,
  detailsFillingGaps,
  mayShareWithProviders,
  parseDateOfBirth,
  withdrawnFromSupport,
  type ConsentRecord,
  type ConsentScope,
} from './person.ts'
import { emptyPersonFormValues, validatePersonForm } from './person-form.ts'

const TODAY = new Date('2026-11-22T10:00:00Z')

describe('date of birth', () => {
  it('accepts real past dates and refuses future, impossible, partial and over-120 ones', () => {
    assert.deepEqual(parseDateOfBirth('27', '3', '1958', TODAY), { ok: true, value: '1958-03-27' })
    assert.deepEqual(parseDateOfBirth('22', '11', '2026', TODAY), { ok: true, value: '2026-11-22' })
    assert.equal(parseDateOfBirth('23', '11', '2026', TODAY).ok, false)
    assert.deepEqual(parseDateOfBirth('30', '2', '1990', TODAY), {
      ok: false,
      message: 'Date of birth must be a real date, like 27 3 1958',
    })
    assert.deepEqual(parseDateOfBirth('', '2', '', TODAY), {
      ok: false,
      message: 'Date of birth must include a day and year',
    })
    assert.equal(parseDateOfBirth('1', '1', '1900', TODAY).ok, false)
    assert.deepEqual(parseDateOfBirth('', '', '', TODAY), { ok: false, message: 'Enter their date of birth' })
  })
})

describe('person details', () => {
  it('validates NHS number, postcode and contact choices, normalising what it keeps', () => {
    const values = {
      ...emptyPersonFormValues(),
      givenName: 'Sally',
      familyName: 'Duncan',
      dobDay: '3',
      dobMonth: '2',
      dobYear: '2005',
      nhsNumber: '943-476-5919',
      postcode: 'ab15 4df',
      preferredContactMethod: 'email',
      email: 'sally@example.com',
      contactMethodsToAvoid: ['letter'],
    }
    const ok = validatePersonForm(values, TODAY)
    assert.ok(ok.ok)
    assert.equal(ok.value.nhsNumber, '9434765919')
    assert.equal(ok.value.postcode, 'AB15 4DF')
    const bad = validatePersonForm(
      { ...values, nhsNumber: '9434765918', postcode: 'XX', preferredContactMethod: 'letter', phone: 'call me' },
      TODAY,
    )
    assert.ok(!bad.ok)
    assert.equal(bad.errors['nhsNumber'], 'Enter a valid NHS number – check you have typed it correctly')
    assert.equal(bad.errors['postcode'], 'Enter a real postcode, like AB10 1AA, or ZZ99 3VZ for no fixed abode')
    assert.equal(
      bad.errors['preferredContactMethod'],
      'The preferred contact method cannot also be one that must not be used',
    )
    assert.match(bad.errors['phone']!, /Enter a phone number/)
  })

  it('accepts the NHS pseudo-postcodes for no fixed abode and address not known', () => {
    const base = {
      ...emptyPersonFormValues(),
      givenName: 'Dougie',
      familyName: 'Reid',
      dobDay: '1',
      dobMonth: '5',
      dobYear: '1970',
      phone: '07700 900 111',
    }
    for (const [typed, kept] of [
      ['zz99 3vz', 'ZZ99 3VZ'],
      ['ZZ993WZ', 'ZZ99 3WZ'],
    ] as const) {
      const result = validatePersonForm({ ...base, postcode: typed }, TODAY)
      assert.ok(result.ok, typed)
      assert.equal(result.value.postcode, kept)
    }
    assert.equal(validatePersonForm({ ...base, postcode: 'ZZ99 3AA' }, TODAY).ok, false, 'not every ZZ99 code')
  })

  it('needs at least one way to reach the person, and says who to go through', () => {
    const base = {
      ...emptyPersonFormValues(),
      givenName: 'Dougie',
      familyName: 'Reid',
      dobDay: '1',
      dobMonth: '5',
      dobYear: '1970',
      postcode: 'ZZ99 3VZ',
    }
    const none = validatePersonForm(base, TODAY)
    assert.ok(!none.ok)
    assert.match(none.errors['phone']!, /Give at least one way to reach them/)
    // A pseudo-postcode is not an address to write to; a first line with a real postcode is.
    assert.equal(validatePersonForm({ ...base, addressLine1: 'The Bus Shelter' }, TODAY).ok, false)
    assert.ok(validatePersonForm({ ...base, addressLine1: '1 High Street', postcode: 'AB10 1AA' }, TODAY).ok)
    assert.ok(validatePersonForm({ ...base, email: 'dougie@example.com' }, TODAY).ok)
    const noWho = validatePersonForm({ ...base, contactThrough: 'carer' }, TODAY)
    assert.ok(!noWho.ok)
    assert.equal(noWho.errors['contactThroughDetails'], 'Enter who they are and how to reach them')
    const through = validatePersonForm(
      { ...base, contactThrough: 'carer', contactThroughDetails: 'Sarah Bell, Cyrenians, 01224 960 123' },
      TODAY,
    )
    assert.ok(through.ok)
    assert.equal(through.value.contactThrough, 'carer')
    assert.match(
      (validatePersonForm(base, TODAY, 'your') as { errors: Record<string, string> }).errors['phone']!,
      /Give at least one way to reach you/,
    )
  })

  it('speaks to the person on the self-referral form', () => {
    const result = validatePersonForm(emptyPersonFormValues(), TODAY, 'your')
    assert.ok(!result.ok && result.errors['givenName'] === 'Enter your first name')
  })
})

describe('a referral joining a record', () => {
  const held = {
    ...validatePersonFormOrThrow(),
    phone: '01632 960001',
    email: '',
    preferredContactMethod: 'phone' as const,
    contactMethodsToAvoid: ['letter' as const],
  }

  it('fills gaps and adds prohibitions, never overwriting what the service holds', () => {
    const patch = detailsFillingGaps(held, {
      ...held,
      phone: '07700 900000',
      email: 'sally@example.com',
      contactMethodsToAvoid: ['phone'],
      interpreterNeeded: true,
    })
    assert.deepEqual(patch, {
      email: 'sally@example.com',
      contactMethodsToAvoid: ['letter', 'phone'],
      interpreterNeeded: true,
      preferredContactMethod: null,
    })
    assert.deepEqual(detailsFillingGaps(held, held), {})
  })
})

function validatePersonFormOrThrow() {
  const result = validatePersonForm(
    {
      ...emptyPersonFormValues(),
      givenName: 'Sally',
      familyName: 'Duncan',
      dobDay: '3',
      dobMonth: '2',
      dobYear: '2005',
      postcode: 'AB15 4DF',
      phone: '01632 960001',
    },
    TODAY,
  )
  if (!result.ok) throw new Error('invalid test person')
  return result.value
}

describe('consents that stop support', () => {
  const decision = (scope: ConsentScope, given: boolean): ConsentRecord => ({
    id: scope,
    personId: 'p',
    referralId: null,
    scope,
    given,
    method: 'verbal',
    recordedByUserId: null,
    recordedByName: 'Sam Okafor',
    recordedAt: TODAY,
  })
  const current = (...records: ConsentRecord[]) =>
    Object.fromEntries(CONSENT_SCOPES.map((s) => [s, records.find((r) => r.scope === s)])) as Record<
      ConsentScope,
      ConsentRecord | undefined
    >

  it('finds a withdrawal of consent to the referral or to the service, and nothing else', () => {
    assert.equal(withdrawnFromSupport(current()), undefined)
    assert.equal(
      withdrawnFromSupport(current(decision('referral', true), decision('share-with-service', true))),
      undefined,
    )
    assert.equal(withdrawnFromSupport(current(decision('share-with-providers', false))), undefined)
    assert.equal(withdrawnFromSupport(current(decision('evaluation', false))), undefined)
    assert.equal(withdrawnFromSupport(current(decision('referral', false)))?.scope, 'referral')
    assert.equal(withdrawnFromSupport(current(decision('share-with-service', false)))?.scope, 'share-with-service')
  })

  it('shares with community providers only when agreed and not withdrawn from support', () => {
    assert.equal(mayShareWithProviders(current()), false)
    assert.equal(mayShareWithProviders(current(decision('share-with-providers', true))), true)
    assert.equal(mayShareWithProviders(current(decision('share-with-providers', false))), false)
    assert.equal(
      mayShareWithProviders(current(decision('share-with-providers', true), decision('share-with-service', false))),
      false,
    )
    assert.equal(
      mayShareWithProviders(current(decision('share-with-providers', true), decision('referral', false))),
      false,
    )
  })
})

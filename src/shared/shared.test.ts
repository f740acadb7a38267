// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { formatNhsNumber, isValidNhsNumber } from './nhs-number.ts'
import { describePostcode, isAcceptedPostcode, isValidPostcodeFormat, normalisePostcode } from './postcode.ts'

describe('NHS number', () => {
  it('checks the Modulus 11 digit', () => {
    assert.equal(isValidNhsNumber('9434765919'), true)
    assert.equal(isValidNhsNumber('943 476 5919'), true)
    assert.equal(isValidNhsNumber('943-476-5919'), true)
    assert.equal(isValidNhsNumber('9434765918'), false)
    // The often-quoted example fails the check.
    assert.equal(isValidNhsNumber('9876544321'), false)
    assert.equal(isValidNhsNumber('9990000018'), true)
    assert.equal(isValidNhsNumber('12345'), false)
    assert.equal(isValidNhsNumber('94347659a9'), false)
  })

  it('formats as 3 3 4', () => {
    assert.equal(formatNhsNumber('9434765919'), '943 476 5919')
  })
})

describe('UK postcode format', () => {
  it('accepts the BS 7666 shapes and normalises spacing and case', () => {
    for (const valid of [
      'SW1A 1AA',
      'EC1A 1BB',
      'W1A 0AX',
      'M1 1AE',
      'B33 8TH',
      'CR2 6XH',
      'DN55 1PT',
      'GIR 0AA',
      'ab10 1aa',
      'AB101AA',
    ]) {
      assert.equal(isValidPostcodeFormat(valid), true, valid)
    }
    assert.equal(normalisePostcode(' ab10   1aa '), 'AB10 1AA')
  })

  it('refuses impossible shapes', () => {
    for (const invalid of ['QA1 1AA', 'SW1A 1AC', 'AB10', '12345', ''])
      assert.equal(isValidPostcodeFormat(invalid), false, invalid)
  })

  it('accepts the NHS pseudo-postcodes and says them in words', () => {
    assert.equal(isValidPostcodeFormat('ZZ99 3VZ'), false, 'not a real place')
    assert.equal(isAcceptedPostcode('zz99 3vz'), true)
    assert.equal(isAcceptedPostcode('ZZ993WZ'), true)
    assert.equal(isAcceptedPostcode('ZZ99 3XX'), false)
    assert.equal(describePostcode('ZZ99 3VZ'), 'No fixed abode (ZZ99 3VZ)')
    assert.equal(describePostcode('zz993wz'), 'Address not known (ZZ99 3WZ)')
    assert.equal(describePostcode('AB10 1AA'), 'AB10 1AA')
  })
})

describe('public test vectors (../shared/reference)', () => {
  const reference = new URL('../../../shared/reference/', import.meta.url)

  it('agrees with the UK Faculty of Clinical Informatics NHS number vectors', () => {
    const cases = JSON.parse(
      readFileSync(new URL('nhs-number-vectors-uk-fci/nhs_number_cases.json', reference), 'utf8'),
    ) as {
      is_valid: { input: string; valid: boolean }[]
      standardise: { input: string; output: string }[]
    }
    assert.ok(cases.is_valid.length > 0)
    for (const { input, valid } of cases.is_valid) assert.equal(isValidNhsNumber(input), valid, input)
    for (const { input, output } of cases.standardise) {
      if (output) assert.equal(isValidNhsNumber(input), isValidNhsNumber(output), input)
    }
    const csv = readFileSync(new URL('nhs-number-vectors-uk-fci/testdata-9-valid-nhs-numbers.csv', reference), 'utf8')
    const numbers = csv
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .filter(Boolean)
    assert.equal(numbers.length, 9)
    for (const number of numbers) assert.equal(isValidNhsNumber(number), true, number)
  })

  it('agrees with the ideal-postcodes validation vectors', () => {
    const vectors = JSON.parse(
      readFileSync(new URL('uk-postcode-vectors-ideal-postcodes/validation.json', reference), 'utf8'),
    ) as {
      tests: { base: string; expected: boolean }[]
    }
    assert.ok(vectors.tests.length > 5)
    for (const { base, expected } of vectors.tests) assert.equal(isValidPostcodeFormat(base), expected, base)
  })
})

// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseUnmetNeed, postcodeDistrict } from './unmet-need.ts'

const form = { need: 'debt', reason: 'too-far', details: '', service: '', submissionKey: 'k' }

describe('an unmet need', () => {
  it('needs a need and a reason, and words for "another reason"', () => {
    assert.deepEqual(parseUnmetNeed({ ...form, need: '', reason: '' }), {
      ok: false,
      errors: { need: 'Select the need no service could meet', reason: 'Select why no service could meet it' },
    })
    assert.deepEqual(parseUnmetNeed({ ...form, reason: 'other', details: '  ' }), {
      ok: false,
      errors: { details: 'Say what the other reason is' },
    })
    const tooLong = parseUnmetNeed({ ...form, details: 'x'.repeat(501) })
    assert.equal(tooLong.ok, false)
  })

  it('keeps the listing only when it is an id', () => {
    const id = '0b6c1b9e-6f0a-4d3e-9b9a-2f4e5d6c7b8a'
    const parsed = parseUnmetNeed({ ...form, service: id, details: ' Two buses away ' })
    assert.deepEqual(parsed, {
      ok: true,
      value: { need: 'debt', reason: 'too-far', directoryServiceId: id, details: 'Two buses away', submissionKey: 'k' },
    })
    const notAnId = parseUnmetNeed({ ...form, service: "'; drop table" })
    assert.equal(notAnId.ok && notAnId.value.directoryServiceId, null)
  })

  it('keeps the postcode district, not the postcode', () => {
    assert.equal(postcodeDistrict('AB24 5AX'), 'AB24')
    assert.equal(postcodeDistrict('ab101ab'), 'AB10')
    assert.equal(postcodeDistrict('M1 1AE'), 'M1')
  })
})

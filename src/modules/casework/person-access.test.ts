// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { grantAllows, parseBreakGlass, parseCover, safeThen } from './person-access.ts'

const A = '11111111-1111-4111-8111-111111111111'
const B = '22222222-2222-4222-8222-222222222222'

describe('grantAllows', () => {
  it('lets support, cover and supervisors change a record, break-glass only read it, and a refusal nothing', () => {
    assert.equal(grantAllows('service', 'change'), true)
    assert.equal(grantAllows('support', 'change'), true)
    assert.equal(grantAllows('break-glass', 'read'), true)
    assert.equal(grantAllows('break-glass', 'change'), false)
    assert.equal(grantAllows('refused', 'read'), false)
  })
})

describe('safeThen', () => {
  it('goes on only to the search or a person page', () => {
    assert.equal(safeThen(`/people/${A}`), `/people/${A}`)
    assert.equal(safeThen('/people'), '/people')
    for (const elsewhere of ['https://example.com', '//example.com/people', `/people/${A}/details`, '/team', ''])
      assert.equal(safeThen(elsewhere), '/people', elsewhere)
  })
})

describe('parseBreakGlass', () => {
  it('needs a reason of a sentence, not a word, and keeps the submission key', () => {
    const empty = parseBreakGlass({ reason: '  ', then: '/people', submissionKey: 'k'.repeat(20) })
    assert.equal(
      empty.ok === false && empty.errors['reason'],
      'Enter why you need to see records of people you do not support',
    )
    const short = parseBreakGlass({ reason: 'urgent', then: '/people', submissionKey: '' })
    assert.match(short.ok === false ? short.errors['reason']! : '', /at least 10/)
    const long = parseBreakGlass({ reason: 'x'.repeat(501), then: '/people', submissionKey: '' })
    assert.match(long.ok === false ? long.errors['reason']! : '', /500 characters or fewer/)
    const fine = parseBreakGlass({
      reason: ' She rang about a risk ',
      then: 'https://x',
      submissionKey: 'k'.repeat(20),
    })
    assert.deepEqual(fine, {
      ok: true,
      value: { reason: 'She rang about a risk', then: '/people', submissionKey: 'k'.repeat(20) },
    })
  })
})

describe('parseCover', () => {
  const today = '2026-12-04'
  const base = {
    covered: A,
    covering: B,
    endsOnDay: '11',
    endsOnMonth: '12',
    endsOnYear: '2026',
    submissionKey: 'k'.repeat(20),
  }

  it('accepts two different link workers and a last day from today to 92 days ahead', () => {
    assert.deepEqual(parseCover(base, today), {
      ok: true,
      value: { coveringUserId: B, coveredUserId: A, endsOn: '2026-12-11', submissionKey: 'k'.repeat(20) },
    })
    assert.equal(parseCover({ ...base, endsOnDay: '4' }, today).ok, true)
    assert.equal(parseCover({ ...base, endsOnDay: '6', endsOnMonth: '3', endsOnYear: '2027' }, today).ok, true)
  })

  it('says what is wrong with each field', () => {
    const errorsOf = (changes: Partial<typeof base>) => {
      const result = parseCover({ ...base, ...changes }, today)
      return result.ok ? {} : result.errors
    }
    assert.deepEqual(errorsOf({ covered: '', covering: 'x' }), {
      covered: 'Select the link worker who is away',
      covering: 'Select the link worker who will cover',
    })
    assert.deepEqual(errorsOf({ covering: A }), { covering: 'Select a different link worker to cover' })
    assert.deepEqual(errorsOf({ endsOnDay: '', endsOnMonth: '', endsOnYear: '' }), {
      endsOn: 'Enter the last day of cover',
    })
    assert.deepEqual(errorsOf({ endsOnDay: '31', endsOnMonth: '2' }), {
      endsOn: 'The last day of cover must be a real date',
    })
    assert.deepEqual(errorsOf({ endsOnDay: '3' }), { endsOn: 'The last day of cover must be today or in the future' })
    assert.match(errorsOf({ endsOnDay: '7', endsOnMonth: '3', endsOnYear: '2027' })['endsOn']!, /up to 92 days/)
  })
})

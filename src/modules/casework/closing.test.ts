// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { CLOSE_REASONS, referralChangeForClosing } from './closing.ts'
import { parseCloseForm } from './web/close/close.form.ts'

const TODAY = '2026-11-20'

describe('referralChangeForClosing', () => {
  it('gives declining and lost contact their own coded outcomes, with the summary as the reason', () => {
    assert.deepEqual(
      referralChangeForClosing({ reason: 'declined-further-support', summary: 'Said no.', connectedTo: '' }),
      {
        kind: 'declined-by-person',
        reason: 'Said no.',
      },
    )
    assert.deepEqual(referralChangeForClosing({ reason: 'lost-contact', summary: 'Three calls.', connectedTo: 'x' }), {
      kind: 'could-not-contact',
      reason: 'Three calls.',
    })
  })

  it('completes the referral for every other reason, saying plainly why support ended', () => {
    const change = referralChangeForClosing({ reason: 'goals-met', summary: 'Walks daily.', connectedTo: 'Walks' })
    assert.deepEqual(change, {
      kind: 'close',
      connectedTo: 'Walks',
      outcomes: 'Support ended because the person met the goals in their plan. Walks daily.',
    })
    for (const reason of CLOSE_REASONS) {
      const c = referralChangeForClosing({ reason, summary: 'S.', connectedTo: '' })
      assert.ok(['close', 'declined-by-person', 'could-not-contact'].includes(c.kind), reason)
    }
  })

  it('never words a death as a success, and drops "connected to"', () => {
    const change = referralChangeForClosing({ reason: 'died', summary: 'Died in hospital.', connectedTo: 'Choir' })
    assert.equal(change.kind, 'close')
    if (change.kind !== 'close') return
    assert.equal(change.connectedTo, '')
    assert.match(change.outcomes, /^Support ended because the person died\./)
    assert.doesNotMatch(change.outcomes, /goals|independent|connected/i)
  })
})

describe('parseCloseForm', () => {
  const valid = {
    reason: 'goals-met',
    summary: 'Doing well.',
    connectedTo: '',
    day: '19',
    month: '11',
    year: '2026',
    stillAttending: {},
  }

  it('accepts a complete form', () => {
    const parsed = parseCloseForm(valid, TODAY, '2026-09-01')
    assert.deepEqual(parsed, {
      ok: true,
      value: {
        reason: 'goals-met',
        summary: 'Doing well.',
        connectedTo: '',
        closedOn: '2026-11-19',
        stillAttending: {},
      },
    })
  })

  it('asks "still going?" for each group the person started, and keeps each answer', () => {
    const questions = [
      { connectionId: 'c-1', serviceName: 'Strum Along' },
      { connectionId: 'c-2', serviceName: 'Park walk' },
    ]
    const missing = parseCloseForm(
      { ...valid, stillAttending: { 'c-1': 'yes', 'c-2': 'maybe' } },
      TODAY,
      '2026-09-01',
      questions,
    )
    assert.equal(missing.ok, false)
    if (missing.ok) return
    assert.deepEqual(missing.errors, { 'stillAttending-c-2': 'Select whether they are still going to Park walk' })
    const answered = parseCloseForm(
      { ...valid, stillAttending: { 'c-1': 'yes', 'c-2': 'unknown' } },
      TODAY,
      '2026-09-01',
      questions,
    )
    assert.equal(answered.ok && JSON.stringify(answered.value.stillAttending), '{"c-1":"yes","c-2":"unknown"}')
  })

  it('needs a reason, a summary and a real date between opening and today', () => {
    const parsed = parseCloseForm({ ...valid, reason: '', summary: '', day: '31', month: '2' }, TODAY, '2026-09-01')
    assert.equal(parsed.ok, false)
    if (parsed.ok) return
    assert.deepEqual(Object.keys(parsed.errors).sort(), ['day', 'reason', 'summary'])
    const future = parseCloseForm({ ...valid, day: '21' }, TODAY, '2026-09-01')
    assert.equal(future.ok, false)
    const beforeOpening = parseCloseForm({ ...valid, day: '1', month: '8' }, TODAY, '2026-09-01')
    assert.equal(
      !beforeOpening.ok && beforeOpening.errors['day'],
      'The date support ended must be on or after the day support began',
    )
    const tooLong = parseCloseForm({ ...valid, summary: 'x'.repeat(2001) }, TODAY, '2026-09-01')
    assert.equal(tooLong.ok, false)
  })
})

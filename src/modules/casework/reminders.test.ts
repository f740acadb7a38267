// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { countReminders, dueReminders, reminderDigest } from './reminders.ts'
import { parseEscalateForm, parseOutcomeForm } from './web/escalate/escalate.form.ts'

const TODAY = '2026-11-20'
const base = {
  nextReviewOn: '2026-12-20',
  followUpOn: null as string | null,
  lastContactOn: '2026-11-10' as string | null,
  openedOn: '2026-10-01',
  closedOn: null as string | null,
  pausedOn: null as string | null,
}

describe('dueReminders', () => {
  it('finds reviews and follow-ups due today or overdue, and no contact for the alert period', () => {
    assert.deepEqual(dueReminders(base, TODAY, { noContactAlertWeeks: 3 }), [])
    assert.deepEqual(
      dueReminders({ ...base, nextReviewOn: TODAY, followUpOn: '2026-11-01', lastContactOn: '2026-10-30' }, TODAY, {
        noContactAlertWeeks: 3,
      }),
      [
        { kind: 'review', dueOn: TODAY },
        { kind: 'follow-up', dueOn: '2026-11-01' },
        { kind: 'no-contact', dueOn: '2026-11-20' },
      ],
    )
  })

  it('counts no contact from opening when nobody has been reached yet', () => {
    assert.deepEqual(dueReminders({ ...base, lastContactOn: null }, TODAY, { noContactAlertWeeks: 3 }), [
      { kind: 'no-contact', dueOn: '2026-10-22' },
    ])
  })

  it('stays quiet while paused or closed', () => {
    const overdue = { ...base, nextReviewOn: '2026-11-01', lastContactOn: null }
    assert.deepEqual(dueReminders({ ...overdue, pausedOn: '2026-11-02' }, TODAY, { noContactAlertWeeks: 3 }), [])
    assert.deepEqual(dueReminders({ ...overdue, closedOn: '2026-11-02' }, TODAY, { noContactAlertWeeks: 3 }), [])
    assert.deepEqual(dueReminders(overdue, TODAY, { noContactAlertWeeks: 3 }, true), [])
  })

  it('writes a digest of counts and a link, with no names', () => {
    const digest = reminderDigest(
      { displayName: 'Megan Reid' },
      countReminders([{ kind: 'review' }, { kind: 'review' }, { kind: 'no-contact' }]),
      3,
      'https://waymark.test',
    )
    assert.equal(digest.subject, 'Your caseload: 3 things need doing')
    assert.match(digest.text, /2 reviews are due/)
    assert.match(digest.text, /1 person has not been contacted for 3 weeks or more/)
    assert.doesNotMatch(digest.text, /follow-up/)
    assert.match(digest.text, /https:\/\/waymark\.test\/caseload/)
  })
})

describe('the escalation forms', () => {
  const valid = {
    submissionKey: '0123456789abcdef0123',
    kind: 'safeguarding',
    toWhom: 'Adult protection team',
    reason: 'Bruising and a worried neighbour',
    urgent: 'yes',
    day: '20',
    month: '11',
    year: '2026',
  }

  it('parses a complete escalation', () => {
    assert.deepEqual(parseEscalateForm(valid, TODAY), {
      ok: true,
      value: {
        submissionKey: valid.submissionKey,
        kind: 'safeguarding',
        toWhom: 'Adult protection team',
        reason: 'Bruising and a worried neighbour',
        urgent: true,
        raisedOn: TODAY,
      },
    })
  })

  it('names every missing answer', () => {
    const parsed = parseEscalateForm(
      { ...valid, kind: '', toWhom: '', reason: '', urgent: '', day: '', month: '', year: '' },
      TODAY,
    )
    assert.deepEqual(!parsed.ok && Object.keys(parsed.errors), ['kind', 'toWhom', 'reason', 'urgent', 'day'])
  })

  it('needs what happened for a declined or other outcome, and a date after the referral', () => {
    const outcome = { version: '1', outcome: 'declined', outcomeText: '', day: '20', month: '11', year: '2026' }
    assert.deepEqual(!parseOutcomeForm(outcome, TODAY, '2026-11-01').ok && 'refused', 'refused')
    const early = parseOutcomeForm({ ...outcome, outcome: 'accepted', day: '1', month: '10' }, TODAY, '2026-11-01')
    assert.equal(!early.ok && early.errors['day'], 'The date you heard must be on or after the date of the referral')
    assert.deepEqual(parseOutcomeForm({ ...outcome, outcome: 'accepted' }, TODAY, '2026-11-01'), {
      ok: true,
      value: { outcome: 'accepted', outcomeText: '', outcomeOn: TODAY, version: 1 },
    })
  })
})

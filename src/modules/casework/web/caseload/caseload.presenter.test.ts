// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { caseloadEntry, episode } from '../../../../../test/factories/casework-models.ts'
import { presentCaseloadRow } from './caseload.presenter.ts'

const TODAY = '2026-03-10'
const ALERTS = { noContactAlertWeeks: 4 }

describe('a caseload row', () => {
  it('shows a case not yet opened as waiting for first contact by the referral’s target date', () => {
    const row = presentCaseloadRow(caseloadEntry('Ada', { contactTargetDate: '2026-03-10' }), TODAY, ALERTS)
    assert.equal(row.href, '/caseload/Ada')
    assert.equal(row.opened, false)
    assert.equal(row.pathway, 'Not yet opened')
    assert.equal(row.complexity, 'Not assessed')
    assert.equal(row.contacts, '0')
    assert.equal(row.dueWhat, 'First contact')
    assert.equal(row.dueOn, '2026-03-10')
    assert.deepEqual(row.dueTag, { text: 'Due today', classes: 'nhsuk-tag--orange' })
    assert.deepEqual(row.flags, [])
  })

  it('shows an opened case’s next contact, its level and how much of the allowance is used', () => {
    const e = episode({
      firstContactOn: '2026-03-02',
      lastContactOn: '2026-03-02',
      nextContactOn: '2026-03-09',
      complexity: 2,
      contactsUsed: 12,
      contactAllowance: 12,
    })
    const row = presentCaseloadRow(caseloadEntry('Ben', { episode: e }), TODAY, ALERTS)
    assert.equal(row.opened, true)
    assert.equal(row.complexity, 'Level 2')
    assert.equal(row.contacts, '12 of 12')
    assert.equal(row.overAllowance, true)
    assert.equal(row.dueWhat, 'Next contact')
    assert.deepEqual(row.dueTag, { text: 'Overdue', classes: 'nhsuk-tag--red' })
  })

  it('puts risks first, then urgency, then the reminders the daily email would send', () => {
    const e = episode({ firstContactOn: '2026-01-05', lastContactOn: '2026-01-05', followUpOn: '2026-03-01' })
    const row = presentCaseloadRow(
      caseloadEntry('Cal', { episode: e, safeguarding: true, loneWorking: true, otherRisk: true, urgent: true }),
      TODAY,
      ALERTS,
    )
    assert.deepEqual(
      row.flags.map((f) => f.text),
      ['Safeguarding', 'Lone working risk', 'Other risk', 'Urgent', 'No contact for 4 weeks', 'Follow-up due'],
    )
  })

  it('marks a paused case paused, with no reminders', () => {
    const e = episode({ firstContactOn: '2026-01-05', lastContactOn: '2026-01-05', pausedOn: '2026-03-01' })
    const row = presentCaseloadRow(caseloadEntry('Dee', { episode: e, status: 'on-hold' }), TODAY, ALERTS)
    assert.equal(row.paused, true)
    assert.deepEqual(row.dueTag, { text: 'Paused', classes: 'nhsuk-tag--grey' })
    assert.deepEqual(row.flags, [])
  })
})

// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildTeamRows, capacityPercent, DEFAULT_SETTINGS, financialYearStart } from './team.ts'
import { parseCapacityForm, parseSettingsForm } from './web/team-settings/team-settings.form.ts'
import { parseReallocateForm } from './web/reallocate/reallocate.form.ts'
import { capacityTag } from './web/team/team.presenter.ts'

const TODAY = '2026-11-20'

describe('the team view rules', () => {
  it('counts the financial year from 1 April', () => {
    assert.equal(financialYearStart('2026-11-20'), '2026-04-01')
    assert.equal(financialYearStart('2027-03-31'), '2026-04-01')
    assert.equal(financialYearStart('2027-04-01'), '2027-04-01')
  })

  it('works out capacity and flags it near and over', () => {
    assert.equal(capacityPercent(110, 220), 50)
    assert.equal(capacityPercent(5, 0), 500)
    assert.equal(capacityTag(89), null)
    assert.equal(capacityTag(90)?.text, 'Near capacity')
    assert.equal(capacityTag(103)?.text, 'Over capacity')
  })

  it('builds one row per worker: open episodes, people not yet opened, and first contacts past target', () => {
    const members = [
      { userId: 'u1', displayName: 'Megan', annualCapacity: null },
      { userId: 'u2', displayName: 'Tom', annualCapacity: 30 },
      { userId: 'u3', displayName: 'New starter', annualCapacity: null },
    ]
    const counts = [
      {
        userId: 'u1',
        open: 4,
        level1: 1,
        level2: 0,
        level3: 1,
        notAssessed: 2,
        overdueReviews: 1,
        noRecentContact: 1,
      },
      {
        userId: 'u2',
        open: 1,
        level1: 0,
        level2: 1,
        level3: 0,
        notAssessed: 0,
        overdueReviews: 0,
        noRecentContact: 0,
      },
      {
        userId: 'someone-gone',
        open: 9,
        level1: 9,
        level2: 0,
        level3: 0,
        notAssessed: 0,
        overdueReviews: 9,
        noRecentContact: 9,
      },
    ]
    const waitingOrPaused = [
      { ownerUserId: 'u1', contactTargetDate: '2026-11-19', onHold: false, opened: false }, // overdue, not opened
      { ownerUserId: 'u1', contactTargetDate: TODAY, onHold: false, opened: true }, // due today: not overdue
      { ownerUserId: 'u1', contactTargetDate: '2026-10-01', onHold: true, opened: true }, // paused: not overdue
      { ownerUserId: 'u2', contactTargetDate: '2026-10-01', onHold: true, opened: false }, // paused before opening
    ]
    const supported = new Map([
      ['u1', 44],
      ['u2', 31],
    ])
    const [megan, tom, starter] = buildTeamRows(members, counts, waitingOrPaused, supported, DEFAULT_SETTINGS, TODAY)
    assert.deepEqual(megan, {
      userId: 'u1',
      displayName: 'Megan',
      active: 4,
      paused: 1,
      supportedThisYear: 44,
      capacity: 220,
      capacityIsDefault: true,
      capacityPercent: 20,
      complexity: { 1: 1, 2: 0, 3: 1, none: 3 },
      overdueReviews: 1,
      overdueFirstContacts: 1,
      noRecentContact: 1,
    })
    assert.equal(tom!.capacityPercent, 103)
    assert.equal(tom!.capacityIsDefault, false)
    assert.equal(tom!.complexity[2], 1)
    assert.deepEqual([tom!.active, tom!.paused, tom!.complexity.none], [1, 1, 1])
    assert.equal(starter!.active, 0)
    assert.equal(starter!.supportedThisYear, 0)
  })
})

describe('the team forms', () => {
  const valid = {
    updatedAt: '',
    defaultContactAllowance: '10',
    longTermContactAllowance: '14',
    defaultAnnualCapacity: '240',
    followUpAfterWeeks: '12',
    noContactAlertWeeks: '3',
  }

  it('parses the settings, refusing numbers out of range with the question named', () => {
    assert.deepEqual(parseSettingsForm(valid), {
      ok: true,
      value: {
        settings: {
          defaultContactAllowance: 10,
          longTermContactAllowance: 14,
          defaultAnnualCapacity: 240,
          followUpAfterWeeks: 12,
          noContactAlertWeeks: 3,
        },
        expectedUpdatedAt: null,
      },
    })
    const bad = parseSettingsForm({
      ...valid,
      defaultContactAllowance: '0',
      longTermContactAllowance: '61',
      defaultAnnualCapacity: 'lots',
      noContactAlertWeeks: '',
    })
    assert.equal(bad.ok, false)
    if (bad.ok) return
    assert.equal(
      bad.errors['defaultContactAllowance'],
      'The number of contacts allowed on the short-term pathway must be between 1 and 60',
    )
    assert.equal(
      bad.errors['longTermContactAllowance'],
      'The number of contacts allowed on the long-term pathway must be between 1 and 60',
    )
    assert.match(bad.errors['defaultAnnualCapacity']!, /must be a whole number/)
    assert.equal(bad.errors['noContactAlertWeeks'], 'Enter the weeks without contact before an alert')
    const saved = parseSettingsForm({ ...valid, updatedAt: '2026-11-20T10:00:00.123Z' })
    assert.equal(saved.ok && saved.value.expectedUpdatedAt?.toISOString(), '2026-11-20T10:00:00.123Z')
  })

  it('treats an empty capacity as the service default', () => {
    assert.deepEqual(parseCapacityForm({ annualCapacity: '' }), { ok: true, value: { annualCapacity: null }, raw: '' })
    assert.deepEqual(parseCapacityForm({ annualCapacity: '130' }), {
      ok: true,
      value: { annualCapacity: 130 },
      raw: '130',
    })
    assert.equal(parseCapacityForm({ annualCapacity: '5000' }).ok, false)
  })

  it('reallocates only to another link worker of the service, with a reason', () => {
    assert.deepEqual(parseReallocateForm({ version: '3', toUserId: 'u2', reason: 'Balancing' }, ['u2']), {
      ok: true,
      value: { toUserId: 'u2', reason: 'Balancing', version: 3 },
    })
    const bad = parseReallocateForm({ version: '3', toUserId: 'intruder', reason: '' }, ['u2'])
    assert.deepEqual(!bad.ok && bad.errors, {
      toUserId: 'Select a link worker from the list',
      reason: 'Enter why you are reallocating',
    })
  })
})

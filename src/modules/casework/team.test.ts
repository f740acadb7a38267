// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { CaseloadEntry, Episode } from './casework.ts'
import {
  buildTeamRows,
  capacityPercent,
  DEFAULT_SETTINGS,
  financialYearStart,
  type OwnedCaseloadEntry,
} from './team.ts'
import { parseCapacityForm, parseSettingsForm } from './web/team-settings/team-settings.form.ts'
import { parseReallocateForm } from './web/reallocate/reallocate.form.ts'
import { capacityTag } from './web/team/team.presenter.ts'

const TODAY = '2026-11-20'

function episode(overrides: Partial<Episode> = {}): Episode {
  return {
    id: 'e',
    referralId: 'r',
    personId: 'p',
    linkWorkerUserId: 'u1',
    pathway: 'short-term',
    complexity: null,
    complexityReason: '',
    contactAllowance: 12,
    contactsUsed: 0,
    openedOn: '2026-11-01',
    firstContactOn: '2026-11-02',
    lastContactOn: '2026-11-15',
    nextContactOn: null,
    nextReviewOn: '2026-12-13',
    pausedOn: null,
    pauseReason: null,
    pauseReasonText: '',
    pausedDays: 0,
    loneWorkingRisk: false,
    safeguardingRisk: false,
    followUpOn: null,
    closedOn: null,
    planAgreedOn: null,
    version: 1,
    ...overrides,
  }
}

function entry(owner: string, overrides: Partial<CaseloadEntry> = {}): OwnedCaseloadEntry {
  return {
    ownerUserId: owner,
    referralId: Math.random().toString(36),
    reference: 'WM-AAAA-BBBB',
    personName: 'A Person',
    status: 'in-progress',
    allocatedAt: new Date('2026-11-01T10:00:00Z'),
    contactTargetDate: '2026-11-10',
    loneWorking: false,
    safeguarding: false,
    urgent: false,
    episode: episode(),
    ...overrides,
  }
}

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

  it('builds one row per worker from their caseload, paused work not counting as overdue', () => {
    const members = [
      { userId: 'u1', displayName: 'Megan', annualCapacity: null },
      { userId: 'u2', displayName: 'Tom', annualCapacity: 30 },
    ]
    const caseload = [
      entry('u1', { episode: episode({ complexity: 1 }) }),
      entry('u1', { episode: episode({ complexity: 3, nextReviewOn: '2026-11-19' }) }), // review overdue
      entry('u1', { episode: null, contactTargetDate: '2026-11-19' }), // first contact overdue, not opened
      entry('u1', { episode: episode({ lastContactOn: '2026-10-29' }) }), // 22 days: no contact for 3 weeks
      entry('u1', { status: 'on-hold', episode: episode({ nextReviewOn: '2026-10-01', pausedOn: '2026-09-30' }) }),
      entry('u2', { episode: episode({ complexity: 2 }) }),
      entry('someone-gone', {}),
    ]
    const supported = new Map([
      ['u1', 44],
      ['u2', 31],
    ])
    const [megan, tom] = buildTeamRows(members, caseload, supported, DEFAULT_SETTINGS, TODAY)
    assert.deepEqual(
      { ...megan, complexity: { ...megan!.complexity } },
      {
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
      },
    )
    assert.equal(tom!.capacityPercent, 103)
    assert.equal(tom!.capacityIsDefault, false)
    assert.equal(tom!.complexity[2], 1)
  })
})

describe('the team forms', () => {
  const valid = {
    updatedAt: '',
    defaultContactAllowance: '10',
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
      defaultAnnualCapacity: 'lots',
      noContactAlertWeeks: '',
    })
    assert.equal(bad.ok, false)
    if (bad.ok) return
    assert.equal(bad.errors['defaultContactAllowance'], 'The number of contacts allowed must be between 1 and 60')
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

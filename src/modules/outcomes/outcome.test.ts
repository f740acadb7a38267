// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { measuresDue } from './outcome.ts'

const settings = { baselineInstruments: ['ons4'], followUpInstruments: ['ons4'], followUpWeeks: 12 }

describe('when questionnaires are due', () => {
  it('asks nothing before the first contact', () => {
    assert.equal(measuresDue(null, [], settings, '2027-03-01'), null)
  })
  it('is due from the first contact until a baseline is recorded, and overdue two weeks later', () => {
    assert.deepEqual(measuresDue('2027-03-01', [], settings, '2027-03-01'), {
      timepoint: 'baseline',
      dueOn: '2027-03-01',
      overdue: false,
    })
    assert.equal(measuresDue('2027-03-01', [], settings, '2027-03-15')!.overdue, false)
    assert.equal(measuresDue('2027-03-01', [], settings, '2027-03-16')!.overdue, true)
  })
  it('asks a follow-up the set number of weeks after the latest, whatever its timepoint', () => {
    const baseline = [{ timepoint: 'baseline' as const, completedOn: '2027-03-01' }]
    assert.equal(measuresDue('2027-03-01', baseline, settings, '2027-05-23'), null)
    assert.deepEqual(measuresDue('2027-03-01', baseline, settings, '2027-05-24'), {
      timepoint: 'follow-up',
      dueOn: '2027-05-24',
      overdue: false,
    })
    const both = [...baseline, { timepoint: 'follow-up' as const, completedOn: '2027-05-24' }]
    assert.equal(measuresDue('2027-03-01', both, settings, '2027-06-01'), null)
    assert.equal(measuresDue('2027-03-01', both, { ...settings, followUpWeeks: 1 }, '2027-06-01')!.dueOn, '2027-05-31')
  })
})

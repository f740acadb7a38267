// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { TeamRow } from '../../team.ts'
import { capacityTag, NEAR_CAPACITY_PERCENT, presentTeamRow } from './team.presenter.ts'

const ROW: TeamRow = {
  userId: 'u1',
  displayName: 'Sam Worker',
  active: 27,
  paused: 2,
  supportedThisYear: 80,
  capacity: 30,
  capacityIsDefault: true,
  capacityPercent: 90,
  complexity: { 1: 10, 2: 8, 3: 4, none: 5 },
  overdueReviews: 3,
  overdueFirstContacts: 1,
  noRecentContact: 2,
}

describe('a team row', () => {
  it('tags a worker near capacity from 90% and over capacity from 100%', () => {
    assert.equal(capacityTag(NEAR_CAPACITY_PERCENT - 1), null)
    assert.equal(capacityTag(NEAR_CAPACITY_PERCENT)!.text, 'Near capacity')
    assert.equal(capacityTag(99)!.classes, 'nhsuk-tag--orange')
    assert.deepEqual(capacityTag(100), { text: 'Over capacity', classes: 'nhsuk-tag--red' })
  })

  it('links to the worker, sums what is overdue and spells out the complexity mix', () => {
    const row = presentTeamRow(ROW)
    assert.equal(row.href, '/team/u1')
    assert.equal(row.overdueTotal, 4)
    assert.equal(row.complexityText, 'L1 10, L2 8, L3 4, not assessed 5')
    assert.equal(row.notAssessed, 5)
    assert.equal(row.capacityTag!.text, 'Near capacity')
  })
})

// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { actionFold, serviceFold } from './plan-edit.presenter.ts'

const action = { what: 'Go to the walk', who: 'Megan', day: '6', month: '12', year: '2026', goal: '1', done: false }
const service = { query: '', directoryId: '', name: 'Knit and natter', details: 'Tuesdays at 2pm', goal: '' }

describe('plan editor rows', () => {
  it('folds a filled action under what it says, and opens it when it has an error', () => {
    assert.deepEqual(actionFold(action, 1, {}), {
      folded: true,
      summary: 'Action 1: Go to the walk – Megan, by 6 December 2026',
    })
    assert.equal(actionFold({ ...action, done: true }, 2, {}).summary.endsWith('(done)'), true)
    assert.equal(actionFold(action, 1, { action1Day: 'Enter a real date' }).folded, false)
    assert.equal(actionFold(action, 1, { action12Day: 'Enter a real date' }).folded, true, 'action 12 is not action 1')
    assert.equal(actionFold({ ...action, what: '' }, 1, {}).folded, false, 'a blank row stays open')
    assert.equal(actionFold({ ...action, day: '31', month: '2' }, 1, {}).summary, 'Action 1: Go to the walk – Megan')
  })

  it('folds a chosen service, but not the one just searched for', () => {
    assert.deepEqual(serviceFold(service, 1, {}, undefined, false), {
      folded: true,
      summary: 'Service to try 1: Knit and natter – Tuesdays at 2pm',
    })
    assert.equal(serviceFold(service, 1, {}, 'Walking for health', false).summary.includes('Walking for health'), true)
    assert.equal(serviceFold(service, 1, {}, undefined, true).folded, false)
    assert.equal(serviceFold({ ...service, name: '' }, 1, {}, undefined, false).folded, false)
  })
})

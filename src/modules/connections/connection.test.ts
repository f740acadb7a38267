// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  connectedToLine,
  connectedToLines,
  CONNECTION_STATUSES,
  isFinished,
  PROVIDER_ANSWERS,
  providerMayAnswer,
  WORKER_UPDATES,
  workerMayRecord,
} from './connection.ts'

describe('who may move a connection', () => {
  it('lets the group answer a connection sent to it, and move someone on from its waiting list', () => {
    for (const answer of PROVIDER_ANSWERS) assert.equal(providerMayAnswer('sent', answer), true, answer)
    assert.equal(providerMayAnswer('waiting-list', 'accepted'), true)
    assert.equal(providerMayAnswer('waiting-list', 'declined'), true)
    assert.equal(providerMayAnswer('waiting-list', 'waiting-list'), false)
  })

  it('never lets the group answer twice, or answer a self-contact', () => {
    for (const status of ['proposed', 'accepted', 'declined', 'started', 'attended', 'stopped'] as const)
      for (const answer of PROVIDER_ANSWERS)
        assert.equal(providerMayAnswer(status, answer), false, `${status} ${answer}`)
  })

  it('lets the link worker record nothing more once a connection is over', () => {
    for (const update of WORKER_UPDATES) {
      assert.equal(workerMayRecord('declined', update), false, update)
      assert.equal(workerMayRecord('stopped', update), false, update)
    }
    assert.deepEqual(CONNECTION_STATUSES.filter(isFinished), ['declined', 'stopped'])
  })

  it('moves only forward: a stop only for someone who was going, never back to waiting once started', () => {
    assert.equal(workerMayRecord('sent', 'stopped'), false)
    assert.equal(workerMayRecord('started', 'stopped'), true)
    assert.equal(workerMayRecord('started', 'started'), false)
    assert.equal(workerMayRecord('started', 'waiting-list'), false)
    assert.equal(workerMayRecord('attended', 'accepted'), false)
    assert.equal(workerMayRecord('proposed', 'started'), true)
    for (const status of CONNECTION_STATUSES)
      for (const update of WORKER_UPDATES)
        if (workerMayRecord(status, update)) assert.notEqual(update, status, `${status} → ${update} changes nothing`)
  })
})

describe('"connected to" on the message back', () => {
  it('says how each connection went, in words a GP reads', () => {
    assert.equal(
      connectedToLine({ serviceName: 'Strum Along', status: 'attended', statusReason: null }),
      'Strum Along: going regularly',
    )
    assert.equal(
      connectedToLine({ serviceName: 'Walk and talk', status: 'stopped', statusReason: 'goal-met' }),
      'Walk and talk: went, and got what they needed from it',
    )
    assert.equal(
      connectedToLine({ serviceName: 'Walk and talk', status: 'stopped', statusReason: 'cost' }),
      'Walk and talk: went, then stopped',
    )
    assert.equal(
      connectedToLine({ serviceName: 'Coffee morning', status: 'proposed', statusReason: null }),
      'Coffee morning: given the details to get in touch themselves',
    )
  })

  it('puts the groups they started first, and falls back to the plan only when nothing was connected', () => {
    const lines = connectedToLines(
      [
        { serviceName: 'Choir', status: 'declined', statusReason: 'full' },
        { serviceName: 'Strum Along', status: 'started', statusReason: null },
      ],
      ['Plan only service'],
    )
    assert.deepEqual(lines, ['Strum Along: started going', 'Choir: did not go ahead'])
    assert.deepEqual(connectedToLines([], ['Strum Along', 'Choir']), ['Strum Along', 'Choir'])
  })
})

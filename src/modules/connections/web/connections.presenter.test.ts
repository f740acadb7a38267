// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { connectionRecord } from '../../../../test/factories/connection-models.ts'
import {
  presentConnection,
  presentConnectionRows,
  presentShared,
  reasonText,
  statusTag,
} from './connections.presenter.ts'

const connection = connectionRecord

describe('connections presenter', () => {
  it('gives each status its words and tag colour', () => {
    assert.deepEqual(statusTag(connection()), { text: 'Sent, waiting for the group', classes: 'nhsuk-tag--blue' })
    assert.equal(statusTag(connection({ status: 'declined' })).classes, 'nhsuk-tag--red')
  })

  it('explains a decline or a stop, and nothing for a reason that does not belong to the status', () => {
    assert.equal(reasonText(connection({ status: 'declined', statusReason: 'full' })), 'The group is full')
    assert.equal(reasonText(connection({ status: 'stopped', statusReason: 'cost' })), 'The cost')
    assert.equal(reasonText(connection({ status: 'stopped', statusReason: 'full' })), '')
    assert.equal(reasonText(connection({ status: 'accepted', statusReason: null })), '')
  })

  it('links each row to its connection and dates it by the last change', () => {
    const [row] = presentConnectionRows('ref-9', [connection()])
    assert.equal(row!.href, '/caseload/ref-9/connections/con-1')
    assert.equal(row!.since, '3 November 2026')
    assert.equal(row!.goal, 'Get out of the house on Thursdays')
  })

  it('shows only what was shared, in a fixed order, and nothing unknown', () => {
    const rows = presentShared({ whatMatters: 'My garden', name: 'Ann Bell', secret: 'x', phone: '' })
    assert.deepEqual(
      rows.map((r) => r.key.text),
      ['Name', 'What matters to them'],
    )
  })

  it('says where a shared connection went, and that a self-contact went nowhere', () => {
    const sent = presentConnection(connection())
    assert.equal(sent.find((r) => r.key.text === 'Sent to')?.value.text, 'hello@strum.example')
    const self = presentConnection(connection({ sharing: 'self-contact', providerEmail: null }))
    assert.equal(
      self.find((r) => r.key.text === 'Sent to'),
      undefined,
    )
    assert.equal(
      self.find((r) => r.key.text === 'Shared with the group')?.value.text,
      'Nothing: they will contact the group themselves',
    )
  })
})

// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Escalation } from '../../escalation.ts'
import type { SupportRecord } from '../../support-record.service.ts'
import { presentSupportRecord } from './support-record.presenter.ts'

const OPEN = {
  access: 'change' as const,
  referral: {
    id: 'ref-1',
    status: 'in-progress' as const,
    lastUpdated: new Date('2026-03-02T10:00:00Z'),
    statusReason: null,
  },
}

function escalation(overrides: Partial<Escalation> = {}): Escalation {
  return {
    id: 'esc-1',
    episodeId: 'ep-1',
    kind: 'mental-health',
    toWhom: 'Community mental health team',
    reason: 'Low mood getting worse',
    urgent: false,
    raisedOn: '2026-03-01',
    raisedByName: 'Sam Worker',
    outcome: null,
    outcomeText: '',
    outcomeOn: null,
    outcomeRecordedByName: null,
    version: 1,
    ...overrides,
  }
}

const EMPTY: SupportRecord = { escalations: [], allocations: [], closure: undefined }

describe('the support record on the episode page', () => {
  it('lets the allocated worker record an outcome on an open case, labelled and marked pending', () => {
    const model = presentSupportRecord(OPEN, { ...EMPTY, escalations: [escalation()] })
    assert.equal(model.readOnly, false)
    assert.equal(model.ended, null)
    const [row] = model.escalations
    assert.equal(row!.kindLabel, 'Specialist mental health')
    assert.equal(row!.outcomeLabel, 'Not recorded yet')
    assert.equal(row!.pending, true)
    assert.equal(row!.outcomeHref, '/caseload/ref-1/escalations/esc-1/outcome')
  })

  it('offers no change to a reader, and none once support has ended', () => {
    const read = presentSupportRecord({ ...OPEN, access: 'read' }, { ...EMPTY, escalations: [escalation()] })
    assert.equal(read.readOnly, true)
    assert.equal(read.escalations[0]!.outcomeHref, null)
    const closed = presentSupportRecord(
      { ...OPEN, referral: { ...OPEN.referral, status: 'completed' } },
      { ...EMPTY, escalations: [escalation({ outcome: 'accepted' })] },
    )
    assert.equal(closed.readOnly, true)
    assert.equal(closed.escalations[0]!.outcomeLabel, 'Accepted')
    assert.equal(closed.escalations[0]!.pending, false)
  })

  it('says how support ended from the closure, or from the referral when it ended without one', () => {
    const closed = { ...OPEN, referral: { ...OPEN.referral, status: 'completed' as const } }
    const withClosure = presentSupportRecord(closed, {
      ...EMPTY,
      closure: { closedOn: '2026-04-01', reason: 'goals-met', summary: 'Walking twice a week' },
    })
    assert.deepEqual(withClosure.ended, {
      on: '2026-04-01',
      reason: 'Goals met',
      summary: 'Walking twice a week',
      messageBackHref: '/referrals/ref-1/message-back',
    })
    const withdrawn = presentSupportRecord(
      { ...OPEN, referral: { ...OPEN.referral, status: 'cancelled', statusReason: 'Moved away' } },
      EMPTY,
    )
    assert.equal(withdrawn.ended!.on, '2026-03-02')
    assert.equal(withdrawn.ended!.summary, 'Moved away')
    assert.notEqual(withdrawn.ended!.reason, '')
  })

  it('words the first allocation and each reallocation', () => {
    const base = { id: 'a', toUserId: 'u2', reason: '', allocatedByName: 'Sup', allocatedAt: new Date() }
    const model = presentSupportRecord(OPEN, {
      ...EMPTY,
      allocations: [
        { ...base, fromUserId: null, fromName: null, toName: 'Sam Worker' },
        { ...base, id: 'b', fromUserId: 'u1', fromName: 'Sam Worker', toName: 'Alex Worker' },
      ],
    })
    assert.deepEqual(
      model.allocations.map((a) => a.text),
      ['Allocated to Sam Worker when support began', 'From Sam Worker to Alex Worker'],
    )
  })
})

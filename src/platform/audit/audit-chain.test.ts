// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  expectedAuditHash,
  GENESIS_HASH,
  hashAuditContent,
  hashAuditEntry,
  linkAuditHash,
  type ChainedAuditFields,
} from './audit-chain.ts'

const entry: ChainedAuditFields = {
  chainId: '3f6b8a4e-0000-4000-8000-000000000001',
  sequence: 1,
  occurredAt: new Date('2026-11-22T09:00:00.123Z'),
  actorUserId: null,
  actorOrganisationId: null,
  actorRole: 'supervisor',
  action: 'view',
  recordType: 'referral',
  recordId: 'abc',
  outcome: 'success',
  ipAddress: '127.0.0.1',
  correlationId: 'req-1',
  details: { b: 1, a: 'x' },
  previousHash: GENESIS_HASH,
}

describe('audit entry hash', () => {
  it('is the value every entry written before lanes carries (version 1 must never change)', () => {
    assert.equal(hashAuditEntry(entry), '805cb41af60a78517b86096fc5c6cbd035ed8ebb78a50c2b34d17cdf9263f0b9')
  })

  it('is stable and independent of the order of detail keys', () => {
    assert.equal(hashAuditEntry(entry), hashAuditEntry({ ...entry, details: { a: 'x', b: 1 } }))
    assert.match(hashAuditEntry(entry), /^[0-9a-f]{64}$/)
  })

  it('changes when any field or the previous hash changes', () => {
    const original = hashAuditEntry(entry)
    assert.notEqual(hashAuditEntry({ ...entry, action: 'update' }), original)
    assert.notEqual(hashAuditEntry({ ...entry, recordId: 'abd' }), original)
    assert.notEqual(hashAuditEntry({ ...entry, occurredAt: new Date('2026-11-22T09:00:00.124Z') }), original)
    assert.notEqual(hashAuditEntry({ ...entry, previousHash: 'f'.repeat(64) }), original)
    assert.notEqual(hashAuditEntry({ ...entry, details: { a: 'x', b: 2 } }), original)
  })
})

describe('audit entry hash, version 2 (lanes)', () => {
  it('covers the content in the app and the place in the lane in the link', () => {
    const content = hashAuditContent(entry)
    assert.equal(content, hashAuditContent({ ...entry, details: { a: 'x', b: 1 } }))
    assert.notEqual(hashAuditContent({ ...entry, outcome: 'denied' }), content)
    assert.notEqual(hashAuditContent({ ...entry, ipAddress: '10.0.0.1' }), content)
    const link = linkAuditHash(GENESIS_HASH, 0, 1, content)
    assert.notEqual(linkAuditHash(GENESIS_HASH, 1, 1, content), link, 'moving an entry to another lane breaks it')
    assert.notEqual(linkAuditHash(GENESIS_HASH, 0, 2, content), link, 'renumbering an entry breaks it')
    assert.notEqual(linkAuditHash('f'.repeat(64), 0, 1, content), link)
  })

  it('checks each entry by the version it was written with', () => {
    assert.equal(expectedAuditHash({ ...entry, lane: 0, hashVersion: 1 }), hashAuditEntry(entry))
    assert.equal(
      expectedAuditHash({ ...entry, lane: 3, hashVersion: 2 }),
      linkAuditHash(GENESIS_HASH, 3, 1, hashAuditContent(entry)),
    )
  })
})

// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { presentApiKeyRows } from './api-keys.presenter.ts'

const KEY = {
  id: 'k1',
  organisationId: 'o1',
  name: 'GP system',
  keyPrefix: 'ab12cd',
  createdAt: new Date('2026-03-01T09:00:00Z'),
  lastUsedAt: null,
  revokedAt: null,
}

describe('the API keys list', () => {
  it('shows only the key’s prefix, never used, and offers to revoke a live key', () => {
    const [row] = presentApiKeyRows([KEY])
    assert.equal(row!.keyHint, 'wmk_ab12cd_…')
    assert.equal(row!.lastUsed, 'Never')
    assert.equal(row!.status, 'Active')
    assert.equal(row!.revocable, true)
  })

  it('shows when it was last used in UK time, and a revoked key as revoked with nothing to do', () => {
    const [row] = presentApiKeyRows([
      { ...KEY, lastUsedAt: new Date('2026-07-01T23:30:00Z'), revokedAt: new Date('2026-07-02T08:00:00Z') },
    ])
    assert.match(row!.lastUsed, /^2 July 2026/, 'half past eleven UTC is the next day in British Summer Time')
    assert.equal(row!.status, 'Revoked')
    assert.equal(row!.revocable, false)
  })
})

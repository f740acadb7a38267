// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { API_KEY_PATTERN, bearerKeyFrom, generateApiKey, hashApiKey } from './api-clients.ts'
import { parseCreateApiKey } from './web/api-keys/api-keys.form.ts'

describe('API keys', () => {
  it('generates distinct keys in the documented format, with a prefix and a hash', () => {
    const a = generateApiKey()
    const b = generateApiKey()
    assert.match(a.key, API_KEY_PATTERN)
    assert.notEqual(a.key, b.key)
    assert.ok(a.key.startsWith(`wmk_${a.prefix}_`))
    assert.equal(a.hash, hashApiKey(a.key))
    assert.match(a.hash, /^[0-9a-f]{64}$/)
  })

  it('reads a key only from a well-formed bearer header', () => {
    const { key } = generateApiKey()
    assert.equal(bearerKeyFrom(`Bearer ${key}`), key)
    assert.equal(bearerKeyFrom(`bearer   ${key}`), key)
    assert.equal(bearerKeyFrom(undefined), undefined)
    assert.equal(bearerKeyFrom(key), undefined)
    assert.equal(bearerKeyFrom(`Basic ${key}`), undefined)
    assert.equal(bearerKeyFrom(`Bearer ${key}x`), undefined)
    assert.equal(bearerKeyFrom(`Bearer ${'a'.repeat(300)}`), undefined)
  })

  it('parses the create form with specific messages', () => {
    assert.deepEqual(parseCreateApiKey({ name: '', submissionKey: 'x' }), {
      ok: false,
      values: { name: '', submissionKey: '' },
      errors: { name: 'Enter a name for the API key' },
    })
    const ok = parseCreateApiKey({ name: ' EMIS ', submissionKey: '6f1c2a4e-8d0b-4c3e-9f7a-1b2c3d4e5f60' })
    assert.deepEqual(ok, { ok: true, value: { name: 'EMIS', submissionKey: '6f1c2a4e-8d0b-4c3e-9f7a-1b2c3d4e5f60' } })
  })
})

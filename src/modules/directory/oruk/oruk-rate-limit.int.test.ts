// SPDX-License-Identifier: AGPL-3.0-or-later
// The public ORUK feed's rate limit is a setting (WAYMARK_ORUK_RATE_LIMIT, issue 15): an aggregator can be given
// room to page a whole directory, and past the limit a client is told to wait (429, still readable cross-origin).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { useTestContext } from '../../../../test/helpers/test-app.ts'
import { uniqueAddress } from '../../../../test/helpers/web-session.ts'

const context = useTestContext({ WAYMARK_ORUK_RATE_LIMIT: '3' })

describe('ORUK feed rate limit', () => {
  it('answers the configured number of requests a minute, then 429 with when to retry', async () => {
    const remoteAddress = uniqueAddress()
    const statuses: number[] = []
    for (let i = 0; i < 3; i++)
      statuses.push((await context.app.inject({ url: '/oruk/taxonomies', remoteAddress })).statusCode)
    assert.ok(
      statuses.every((s) => s !== 429),
      statuses.join(', '),
    )
    const limited = await context.app.inject({ url: '/oruk/taxonomies', remoteAddress })
    assert.equal(limited.statusCode, 429)
    assert.ok(Number(limited.headers['retry-after']) > 0)
    assert.equal(limited.headers['access-control-allow-origin'], '*')
    assert.equal(context.config.orukRateLimit, 3)
  })
})

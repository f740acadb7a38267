// SPDX-License-Identifier: AGPL-3.0-or-later
// /metrics for an operator (issue 13): off without a token, refused to a wrong one, and carrying request latency by
// route pattern (never the path: no person's id reaches the metrics), the database pool and the process.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createTestContext, useTestContext } from '../../../test/helpers/test-app.ts'

const TOKEN = 'metrics-token-metrics-token-0123456789'
const context = useTestContext({ WAYMARK_METRICS_TOKEN: TOKEN })

describe('/metrics', () => {
  it('answers Prometheus with the bearer token only, by route pattern and never by path', async () => {
    const personId = '5a1d3c1e-0000-4000-8000-00000000abcd'
    // A person page's route (redirected to sign in: still timed, under its pattern) and an unmatched path.
    assert.equal((await context.app.inject({ url: `/people/${personId}` })).statusCode, 303)
    assert.equal((await context.app.inject({ url: '/no-such-page/margaret-thomson' })).statusCode, 404)

    assert.equal((await context.app.inject({ url: '/metrics' })).statusCode, 401)
    const wrong = await context.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}x` } })
    assert.equal(wrong.statusCode, 401)
    assert.equal(wrong.headers['www-authenticate'], 'Bearer')

    const metrics = await context.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })
    assert.equal(metrics.statusCode, 200)
    assert.match(String(metrics.headers['content-type']), /^text\/plain; version=0\.0\.4/)
    const body = metrics.body
    assert.match(
      body,
      /waymark_http_request_duration_seconds_count\{route="\/people\/:personId",method="GET",status="303"\} 1/,
    )
    assert.match(body, /waymark_http_request_duration_seconds_count\{route="unmatched",method="GET",status="404"\} 1/)
    assert.doesNotMatch(body, new RegExp(personId))
    assert.doesNotMatch(body, /margaret/)
    assert.match(body, /waymark_db_pool_connections\{state="total"\} \d+/)
    assert.match(body, /waymark_db_pool_connections\{state="waiting"\} 0/)
    assert.match(body, /waymark_process_resident_memory_bytes \d+/)
    assert.match(body, /waymark_nodejs_eventloop_lag_seconds/)
  })

  it('is not there at all without a token configured', async () => {
    const plain = await createTestContext()
    try {
      const response = await plain.app.inject({ url: '/metrics', headers: { authorization: 'Bearer anything' } })
      assert.equal(response.statusCode, 404)
    } finally {
      await plain.close()
    }
  })
})

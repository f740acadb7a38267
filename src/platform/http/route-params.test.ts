// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import Fastify from 'fastify'
import { checkRouteParams, UndeclaredRouteParamError } from './route-params.ts'

describe('route parameters', () => {
  it('stop start-up when a route names a parameter with no declared shape', async () => {
    const app = Fastify()
    checkRouteParams(app)
    app.get('/things/:thingId', async () => 'never')
    await assert.rejects(
      async () => app.ready(),
      (error: unknown) => {
        assert.ok(error instanceof UndeclaredRouteParamError)
        assert.match(error.message, /\/things\/:thingId :thingId/)
        return true
      },
    )
  })

  it('let a declared parameter through when it fits, and refuse it before the handler when it does not', async () => {
    const app = Fastify()
    checkRouteParams(app)
    let handled = 0
    app.get('/caseload/:referralId', async () => {
      handled++
      return 'ok'
    })
    await app.ready()
    const good = await app.inject('/caseload/3f6b8a4e-0000-4000-8000-000000000001')
    assert.equal(good.statusCode, 200)
    const bad = await app.inject('/caseload/1%27%20or%201%3D1')
    assert.equal(bad.statusCode, 404)
    assert.equal(handled, 1, 'the handler never saw the malformed id')
    await app.close()
  })
})

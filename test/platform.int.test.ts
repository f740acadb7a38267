// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, it } from 'node:test'
import pg from 'pg'
import { DataFolderLockedError, startEmbeddedDatabase } from '../src/platform/db/embedded.ts'
import { createTestContext, useTestContext } from './helpers/test-app.ts'
import { uniqueAddress, WebSession } from './helpers/web-session.ts'

const context = useTestContext()

describe('health and readiness', () => {
  it('answers /healthz and /readyz in JSON', async () => {
    const health = await context.app.inject({ method: 'GET', url: '/healthz' })
    assert.deepEqual(health.json(), { status: 'ok' })
    const ready = await context.app.inject({ method: 'GET', url: '/readyz' })
    assert.equal(ready.statusCode, 200)
    assert.equal(ready.json<{ status: string }>().status, 'ready')
  })
})

describe('security headers and error pages', () => {
  it('sends a CSP with a script nonce and no inline styles, and never caches pages', async () => {
    const response = await context.app.inject({ method: 'GET', url: '/sign-in' })
    const csp = String(response.headers['content-security-policy'])
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1]
    assert.ok(nonce, csp)
    assert.ok(response.body.includes(`nonce="${nonce}"`), 'the one inline script carries the nonce')
    assert.match(csp, /style-src 'self'/)
    assert.doesNotMatch(csp, /unsafe-inline/)
    assert.match(csp, /frame-ancestors 'none'/)
    assert.equal(response.headers['cache-control'], 'no-store')
    assert.equal(response.headers['x-content-type-options'], 'nosniff')
    assert.ok(response.headers['x-correlation-id'])
  })

  it('renders NHS-style 404 pages for people and OperationOutcome for machines', async () => {
    const page = await context.app.inject({ method: 'GET', url: '/nowhere' })
    assert.equal(page.statusCode, 404)
    assert.match(page.body, /Page not found/)
    const api = await context.app.inject({ method: 'GET', url: '/api/nowhere' })
    assert.equal(api.statusCode, 404)
    assert.equal(api.json<{ resourceType: string }>().resourceType, 'OperationOutcome')
  })

  it('serves the design system assets', async () => {
    const css = await context.app.inject({ method: 'GET', url: '/assets/nhsuk-frontend.min.css' })
    assert.equal(css.statusCode, 200)
    const js = await context.app.inject({ method: 'GET', url: '/assets/nhsuk-frontend.min.js' })
    assert.equal(js.statusCode, 200)
    const icon = await context.app.inject({ method: 'GET', url: '/assets/images/favicon.ico' })
    assert.equal(icon.statusCode, 200)
    const traversal = await context.app.inject({ method: 'GET', url: '/assets/../../package.json' })
    assert.notEqual(traversal.statusCode, 200)
  })

  it('throttles repeated sign-in attempts from one address', async () => {
    const throttled = await createTestContext({ WAYMARK_FORM_RATE_LIMIT: '3' })
    try {
      const session = new WebSession(throttled.app, { remoteAddress: uniqueAddress() })
      const statuses: number[] = []
      for (let i = 0; i < 5; i++)
        statuses.push(
          (
            await session.post(
              '/sign-in',
              { email: 'x@y.example', password: 'whatever-password' },
              { csrfFrom: '/sign-in' },
            )
          ).statusCode,
        )
      assert.deepEqual(statuses.slice(0, 3), [401, 401, 401])
      assert.equal(statuses[4], 429)
    } finally {
      await throttled.close()
    }
  })
})

describe('the embedded database', () => {
  it('refuses a second process on the same data folder and keeps data across restarts', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'waymark-lock-'))
    try {
      const first = await startEmbeddedDatabase(dir)
      const client = new pg.Client({ connectionString: first.url })
      await client.connect()
      await client.query('create table kept (value text)')
      await client.query("insert into kept values ('still here')")
      await client.end()
      await assert.rejects(startEmbeddedDatabase(dir), DataFolderLockedError)
      await first.stop()
      const second = await startEmbeddedDatabase(dir)
      const again = new pg.Client({ connectionString: second.url })
      await again.connect()
      const { rows } = await again.query<{ value: string }>('select value from kept')
      await again.end()
      await second.stop()
      assert.deepEqual(rows, [{ value: 'still here' }])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('keeps each connection’s query apart when many run at once, beside open transactions', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'waymark-concurrency-'))
    const embedded = await startEmbeddedDatabase(dir)
    const pool = new pg.Pool({ connectionString: embedded.url, max: 10 })
    try {
      // Another connection opening and committing transactions throughout, as the app's writes do.
      const writer = (async () => {
        for (let i = 0; i < 30; i += 1) {
          const client = await pool.connect()
          try {
            await client.query('begin')
            await client.query('select $1::int', [i])
            await new Promise((resolve) => setTimeout(resolve, 2))
            await client.query('commit')
          } finally {
            client.release()
          }
        }
      })()
      // Before the fix, about 1 in 250 of these answered with another query's row or failed.
      const answers = await Promise.all(
        Array.from({ length: 1500 }, async (_, i) => {
          const { rows } = await pool.query<{ n: number; t: string }>('select $1::int as n, $2::text as t', [
            i,
            `x${i}`,
          ])
          return rows[0]!.n === i && rows[0]!.t === `x${i}`
        }),
      )
      await writer
      assert.equal(answers.filter((right) => !right).length, 0)
    } finally {
      await pool.end()
      await embedded.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

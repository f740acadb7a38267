// SPDX-License-Identifier: AGPL-3.0-or-later
// The newcomer's `npm start`, for real: a child process on a fresh data folder with no configuration.
import assert from 'node:assert/strict'
import type { ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, it } from 'node:test'
import { exitOf, spawnWaymark } from './helpers/spawn-server.ts'

function startServer(dataDir: string): { child: ChildProcess; output: () => string; address: Promise<string> } {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    WAYMARK_DATA_DIR: dataDir,
    PORT: '0',
    WAYMARK_JOBS: 'false',
    NODE_ENV: 'development',
  }
  // The test runner points DATABASE_URL at its own database; a newcomer has none.
  delete env['DATABASE_URL']
  return spawnWaymark(env)
}

describe('npm start on a fresh machine', () => {
  it(
    'creates, migrates and seeds the embedded database, prints sign-in details, refuses a second process, and stops cleanly',
    { timeout: 120_000 },
    async () => {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'waymark-start-'))
      try {
        const first = startServer(dataDir)
        const address = await first.address
        assert.match(first.output(), /Demo sign-in \(password for every account: waymark-demo-password\)/)
        assert.match(first.output(), /sam\.okafor@waymark\.example/)
        const ready = await fetch(`${address}/readyz`)
        assert.equal(ready.status, 200)
        const signIn = await fetch(`${address}/sign-in`)
        assert.match(await signIn.text(), /Sign in to Waymark/)
        assert.ok(existsSync(path.join(dataDir, 'waymark.lock')))

        const second = startServer(dataDir)
        const secondExit = await exitOf(second.child)
        assert.equal(secondExit, 1)
        assert.match(second.output(), /already in use by another Waymark process/)

        first.child.kill('SIGTERM')
        assert.equal(await exitOf(first.child), 0)
        assert.ok(!existsSync(path.join(dataDir, 'waymark.lock')), 'the lock is released on shutdown')

        const again = startServer(dataDir)
        await again.address
        assert.doesNotMatch(again.output(), /demo area seeded/, 'an existing folder is not seeded twice')
        again.child.kill('SIGTERM')
        assert.equal(await exitOf(again.child), 0)
      } finally {
        rmSync(dataDir, { recursive: true, force: true })
      }
    },
  )

  it('stops with a message naming a bad setting', { timeout: 60_000 }, async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, WAYMARK_DATA_DIR: os.tmpdir(), PORT: 'eighty' }
    delete env['DATABASE_URL']
    const server = spawnWaymark(env)
    assert.equal(await exitOf(server.child), 1)
    assert.match(server.output(), /PORT/)
  })

  it(
    'runs several app processes on one port over the database in DATABASE_URL, the jobs in the primary, and stops them all',
    { timeout: 90_000 },
    async () => {
      const token = 'cluster-metrics-token-cluster-metrics-0123'
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        WAYMARK_PROCESSES: '2',
        PORT: '0',
        WAYMARK_JOBS: 'true',
        WAYMARK_METRICS_TOKEN: token,
        WAYMARK_SEED_DEMO: 'false',
        WAYMARK_LOG_LEVEL: 'silent',
        WAYMARK_SESSION_SECRET: 'cluster-test-secret-cluster-test-secret-0123',
      }
      assert.ok(env['DATABASE_URL'], 'the test runner gives integration tests a database')
      const server = spawnWaymark(env)
      const address = await server.address
      assert.match(server.output(), /2 app processes share the port/)
      const answers = await Promise.all(Array.from({ length: 8 }, () => fetch(`${address}/readyz`)))
      assert.deepEqual(
        answers.map((a) => a.status),
        Array(8).fill(200),
      )
      // Whichever process a scrape reaches answers for all of them, and for the primary's job queues: the modules'
      // scheduled work is registered there (before, no process registered it when there were several).
      const metrics = await fetch(`${address}/metrics`, { headers: { authorization: `Bearer ${token}` } })
      assert.equal(metrics.status, 200)
      const text = await metrics.text()
      assert.match(text, /waymark_http_request_duration_seconds_count\{route="\/readyz",method="GET",status="200"\} 8/)
      assert.match(text, /waymark_job_queue_depth\{queue="referrals-referrer-updates"\} \d+/)
      assert.match(text, /waymark_job_queue_depth\{queue="casework-daily-reminders"\} \d+/)
      server.child.kill('SIGTERM')
      assert.equal(await exitOf(server.child), 0)
    },
  )

  it('refuses several processes on the embedded database', { timeout: 60_000 }, async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, WAYMARK_DATA_DIR: os.tmpdir(), WAYMARK_PROCESSES: '2' }
    delete env['DATABASE_URL']
    const server = spawnWaymark(env)
    assert.equal(await exitOf(server.child), 1)
    assert.match(server.output(), /WAYMARK_PROCESSES: more than one process needs DATABASE_URL/)
  })
})

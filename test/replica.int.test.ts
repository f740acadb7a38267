// SPDX-License-Identifier: AGPL-3.0-or-later
// Reports on a read replica (issue #15). On the PostgreSQL pass the test builds a primary and a streaming replica
// of its own on this machine (initdb, then pg_basebackup to a second cluster on another port), generates the tiny
// scale on the primary and signs a commissioner in to an app given DATABASE_REPLICA_URL: the dashboard's counts come
// from the replica — with replay paused, new referrals on the primary are not counted and the page says how far
// behind its copy is — and match the primary's once it has caught up. The report view's audit entry still goes to
// the primary. On the embedded pass, the embedded database says it is no replica and the page says "live records".
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { appendFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../src/app.ts'
import { loadConfig } from '../src/config.ts'
import { changeReferral, exampleSubmission, submitReferral } from '../src/modules/referrals/index.ts'
import {
  connectDatabase,
  countShippedMigrations,
  migrateDatabase,
  readFreshness,
  type DatabaseConnection,
} from '../src/platform/db/database.ts'
import { scopeForSystemTask } from '../src/platform/db/org-scope.ts'
import { createMemoryEmailSender } from '../src/platform/email/email.ts'
import { DEMO_PASSWORD } from '../src/seed/demo-accounts.ts'
import { generateScale } from '../src/seed/generate/generate.ts'
import { generatedAccount } from '../src/seed/generate/organisations.ts'
import { SCALES } from '../src/seed/generate/scales.ts'
import { useTestContext } from './helpers/test-app.ts'
import { WebSession } from './helpers/web-session.ts'

const ON_POSTGRES = process.env['WAYMARK_TEST_DATABASE'] === 'postgresql'

/** PostgreSQL's server programs (initdb, pg_ctl, pg_basebackup): pg_config's, else Debian's newest. */
function postgresBin(): string {
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim()
  } catch {
    const root = '/usr/lib/postgresql'
    const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : []
    if (!versions[0]) throw new Error('PostgreSQL server programs not found (apt-get install -y postgresql)')
    return path.join(root, versions[0], 'bin')
  }
}

/** Runs a PostgreSQL program as the postgres user when we are root (the server refuses to run as root). */
function pgRun(bin: string, program: string, args: string[]): void {
  const command = path.join(bin, program)
  if (process.getuid?.() === 0) execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'pipe' })
  else execFileSync(command, args, { stdio: 'pipe' })
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

async function appFor(env: Record<string, string>): Promise<{ app: FastifyInstance; connection: DatabaseConnection }> {
  const config = loadConfig({
    NODE_ENV: 'test',
    WAYMARK_SESSION_SECRET: 'replica-secret-replica-secret-replica-000',
    WAYMARK_LOG_LEVEL: 'silent',
    WAYMARK_SEED_DEMO: 'false',
    WAYMARK_FORM_RATE_LIMIT: '100000',
    WAYMARK_DATA_DIR: os.tmpdir(),
    ...env,
  })
  const connection = connectDatabase(config.databaseUrl!, 4)
  const { app } = await buildApp({
    config,
    db: connection.db,
    email: createMemoryEmailSender(),
    logger: false,
    expectedMigrations: countShippedMigrations(),
  })
  return { app, connection }
}

/** The dashboard's "Referrals received" figure and its sentence about where the counts came from. */
async function dashboard(app: FastifyInstance): Promise<{ received: string; source: string }> {
  const commissioner = new WebSession(app)
  await commissioner.signIn(generatedAccount('commissioner', 0), DEMO_PASSWORD)
  const page = await commissioner.get('/reports?period=12m')
  assert.equal(page.statusCode, 200)
  const received = /Referrals received<\/dt>\s*<dd[^>]*>\s*([^<\s]+)/.exec(page.body)?.[1]
  const source = /(Counted [^<]*?\.)(?: This period|<\/p>)/.exec(page.body)?.[1]
  assert.ok(received && source, 'the dashboard shows a total and says where it was counted')
  return { received, source }
}

describe('reports on a read replica', () => {
  if (!ON_POSTGRES) {
    const context = useTestContext()
    it('says the embedded database is no replica, so counts are from live records', async () => {
      assert.deepEqual(await readFreshness(context.db), { replica: false, lagSeconds: null })
    })
    return
  }

  const bin = postgresBin()
  let dir = ''
  let primaryUrl = ''
  let replicaUrl = ''
  let primary: DatabaseConnection
  let replica: DatabaseConnection

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'waymark-replica-'))
    if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'postgres', dir])
    const [primaryPort, replicaPort] = [await freePort(), await freePort()]
    const primaryDir = path.join(dir, 'primary')
    const replicaDir = path.join(dir, 'replica')
    pgRun(bin, 'initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '--no-sync'])
    const settings = (port: number) =>
      `\nport = ${port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '${dir}'\nwal_level = replica\nmax_wal_senders = 4\nfsync = off\n`
    appendFileSync(path.join(primaryDir, 'postgresql.conf'), settings(primaryPort))
    pgRun(bin, 'pg_ctl', ['-D', primaryDir, '-l', path.join(dir, 'primary.log'), '-w', 'start'])
    pgRun(bin, 'pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primaryPort),
      '-U',
      'postgres',
      '-D',
      replicaDir,
      '-R',
      '-X',
      'stream',
    ])
    appendFileSync(path.join(replicaDir, 'postgresql.conf'), settings(replicaPort))
    pgRun(bin, 'pg_ctl', ['-D', replicaDir, '-l', path.join(dir, 'replica.log'), '-w', 'start'])
    primaryUrl = `postgres://postgres@127.0.0.1:${primaryPort}/postgres`
    replicaUrl = `postgres://postgres@127.0.0.1:${replicaPort}/postgres`
    primary = connectDatabase(primaryUrl, 4)
    replica = connectDatabase(replicaUrl, 2)
    await migrateDatabase(primary.pool)
    await generateScale(primary.db, SCALES.tiny)
    await caughtUp()
  })

  after(async () => {
    await primary?.close()
    await replica?.close()
    for (const cluster of ['replica', 'primary'])
      if (existsSync(path.join(dir, cluster, 'postmaster.pid')))
        pgRun(bin, 'pg_ctl', ['-D', path.join(dir, cluster), '-m', 'immediate', 'stop'])
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  /** Waits until the replica has applied everything the primary has written so far. */
  async function caughtUp(): Promise<void> {
    const target = (await primary.db.execute<{ lsn: string }>(sql`select pg_current_wal_lsn()::text as lsn`)).rows[0]!
      .lsn
    for (let i = 0; i < 200; i += 1) {
      const done = await replica.db.execute<{ done: boolean }>(
        sql`select pg_last_wal_replay_lsn() >= ${target}::pg_lsn as done`,
      )
      if (done.rows[0]?.done) return
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    throw new Error('the replica did not catch up within 10 seconds')
  }

  /** Five new referrals accepted today by the first generated service, written on the primary. */
  async function referMore(): Promise<void> {
    const service = (
      await primary.db.execute<{ id: string; area_id: string }>(
        sql`select id, area_id from organisations where name = 'Generated social prescribing service 1'`,
      )
    ).rows[0]!
    const worker = (
      await primary.db.execute<{ id: string }>(sql`select id from users where email = ${generatedAccount('worker', 0)}`)
    ).rows[0]!
    const audit = { userId: worker.id, organisationId: service.id, role: 'test', ipAddress: null, correlationId: null }
    for (let i = 0; i < 5; i += 1) {
      const base = exampleSubmission(service.id)
      const { referralId } = await submitReferral(
        primary.db,
        { ...base, person: { ...base.person, nhsNumber: null, familyName: `Replica${i}` } },
        audit,
      )
      const scope = scopeForSystemTask(
        primary.db,
        { id: service.id, areaId: service.area_id },
        'the replica test refers more people',
      )
      await changeReferral(
        scope,
        referralId,
        { kind: 'accept', ownerUserId: worker.id },
        { audit, userId: worker.id, name: 'Worker' },
      )
    }
  }

  it(
    'counts from the replica, says how fresh it is, and matches the primary once caught up',
    { timeout: 120_000 },
    async () => {
      const onReplica = await appFor({ DATABASE_URL: primaryUrl, DATABASE_REPLICA_URL: replicaUrl })
      const onPrimary = await appFor({ DATABASE_URL: primaryUrl })
      try {
        const before = await dashboard(onReplica.app)
        assert.match(before.source, /from the reporting copy of the records, which was up to date\.$/)
        assert.equal(before.received, (await dashboard(onPrimary.app)).received)

        await replica.db.execute(sql`select pg_wal_replay_pause()`)
        await referMore()
        await new Promise((resolve) => setTimeout(resolve, 1100))
        const paused = await dashboard(onReplica.app)
        const live = await dashboard(onPrimary.app)
        assert.equal(paused.received, before.received, 'the paused replica does not count the new referrals')
        assert.notEqual(live.received, before.received, 'the primary counts them')
        assert.match(paused.source, /which was \d+ seconds behind the live records/)
        assert.match(live.source, /^Counted from live records/)

        await replica.db.execute(sql`select pg_wal_replay_resume()`)
        await caughtUp()
        assert.equal((await dashboard(onReplica.app)).received, live.received)

        // Every view was audited on the primary (the replica is read-only: a write there would have failed the page).
        const views = await primary.db.execute<{ count: number }>(
          sql`select count(*)::int as count from audit_events where record_type = 'report' and action = 'view'`,
        )
        assert.ok((views.rows[0]?.count ?? 0) >= 5)
      } finally {
        await onReplica.app.close()
        await onReplica.connection.close()
        await onPrimary.app.close()
        await onPrimary.connection.close()
      }
    },
  )
})

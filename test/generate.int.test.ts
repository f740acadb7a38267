// SPDX-License-Identifier: AGPL-3.0-or-later
// The synthetic data generator (issue #15) at its smallest scale, in a database of its own on each pass: it writes
// every kind of row in realistic proportions, the generated people's pages work for the generated link worker,
// supervisor and commissioner, the audit chains still verify, and it refuses to run twice into one database.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import pg from 'pg'
import { buildApp } from '../src/app.ts'
import { loadConfig } from '../src/config.ts'
import { verifyAuditChains } from '../src/platform/audit/audit.service.ts'
import {
  connectDatabase,
  countShippedMigrations,
  migrateDatabase,
  type Database,
  type DatabaseConnection,
} from '../src/platform/db/database.ts'
import { startEmbeddedDatabase } from '../src/platform/db/embedded.ts'
import { createMemoryEmailSender } from '../src/platform/email/email.ts'
import { DEMO_PASSWORD } from '../src/seed/demo-accounts.ts'
import { generateScale, GenerateError, type GenerateReport } from '../src/seed/generate/generate.ts'
import { generatedAccount } from '../src/seed/generate/organisations.ts'
import { SCALES } from '../src/seed/generate/scales.ts'
import { WebSession } from './helpers/web-session.ts'

/** A database of this test's own, of the kind this pass runs on. */
async function scratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (process.env['WAYMARK_TEST_DATABASE'] === 'postgresql') {
    const admin = new pg.Client({ connectionString: process.env['DATABASE_URL'] })
    await admin.connect()
    const name = `waymark_generate_${process.pid}`
    await admin.query(`drop database if exists ${name} with (force)`)
    await admin.query(`create database ${name}`)
    const url = new URL(process.env['DATABASE_URL']!)
    url.pathname = `/${name}`
    return {
      url: url.toString(),
      async drop() {
        await admin.query(`drop database if exists ${name} with (force)`)
        await admin.end()
      },
    }
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'waymark-generate-'))
  const embedded = await startEmbeddedDatabase(dir, 8)
  return {
    url: embedded.url,
    async drop() {
      await embedded.stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

async function one<T>(db: Database, query: ReturnType<typeof sql>): Promise<T> {
  return (await db.execute(query)).rows[0] as T
}

describe('the synthetic data generator at the tiny scale', () => {
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>
  let connection: DatabaseConnection
  let app: FastifyInstance
  let report: GenerateReport

  before(async () => {
    scratch = await scratchDatabase()
    connection = connectDatabase(scratch.url, 4)
    await migrateDatabase(connection.pool)
    report = await generateScale(connection.db, SCALES.tiny)
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: scratch.url,
      WAYMARK_SESSION_SECRET: 'generate-secret-generate-secret-generate-0',
      WAYMARK_LOG_LEVEL: 'silent',
      WAYMARK_SEED_DEMO: 'false',
      WAYMARK_FORM_RATE_LIMIT: '100000',
      WAYMARK_DATA_DIR: os.tmpdir(),
    })
    app = (
      await buildApp({
        config,
        db: connection.db,
        email: createMemoryEmailSender(),
        logger: false,
        expectedMigrations: countShippedMigrations(),
      })
    ).app
  })
  after(async () => {
    await app?.close()
    await connection?.close()
    await scratch?.drop()
  })

  it('writes every kind of row the loop produces, as many as the scale names', async () => {
    const scale = SCALES.tiny
    assert.equal(report.rows['referrals'], scale.referrals)
    assert.equal(report.rows['people'], scale.referrals)
    assert.equal(report.rows['directory_services'], scale.directoryServices)
    assert.equal(report.rows['postcodes'], scale.postcodes)
    assert.equal(report.rows['users'], scale.linkWorkers + scale.services + scale.areas)
    for (const table of [
      'casework_episodes',
      'casework_allocations',
      'casework_contacts',
      'plans',
      'connections',
      'connection_attendances',
      'outcome_measures',
      'outcome_service_use',
      'unmet_needs',
      'consents',
    ])
      assert.ok((report.rows[table] ?? 0) > 0, `${table}: ${report.rows[table]}`)
    const stored = await one<{ count: number }>(
      connection.db,
      sql`select count(*)::int as count from referrals where submission_key like 'gen-referral-%'`,
    )
    assert.equal(stored.count, scale.referrals)
  })

  it('spreads the cases in realistic proportions', async () => {
    const mix = await one<{ declined: number; self: number; episodes: number; contacts: number; change: number }>(
      connection.db,
      sql`select
        avg((status in ('rejected', 'cancelled', 'failed'))::int)::float as declined,
        avg((source = 'self-referral')::int)::float as self,
        (select count(*) from casework_episodes e where e.organisation_id = any(array_agg(distinct r.organisation_id)))::float
          / count(*) as episodes,
        (select avg(contacts_used) from casework_episodes where closed_on is not null
          and organisation_id = any(array_agg(distinct r.organisation_id)))::float as contacts,
        (select avg((f.scores->>'happiness')::int - (b.scores->>'happiness')::int)
          from outcome_measures b join outcome_measures f on f.organisation_id = b.organisation_id
            and f.episode_id = b.episode_id and f.instrument_key = b.instrument_key and f.timepoint = 'follow-up'
          where b.instrument_key = 'ons4' and b.timepoint = 'baseline' and b.submission_key like 'gen-%')::float as change
      from referrals r where r.submission_key like 'gen-referral-%'`,
    )
    assert.ok(mix.declined > 0.12 && mix.declined < 0.3, `declined, cancelled or not reached: ${mix.declined}`)
    assert.ok(mix.self > 0.1 && mix.self < 0.3, `self-referrals: ${mix.self}`)
    assert.ok(mix.episodes > 0.55 && mix.episodes < 0.85, `episodes per referral: ${mix.episodes}`)
    assert.ok(mix.contacts > 2.5 && mix.contacts < 5, `contacts per closed episode: ${mix.contacts}`)
    assert.ok(mix.change > 0.5 && mix.change < 2.5, `mean ONS4 happiness change: ${mix.change}`)
    const dates = await one<{ future: number; backwards: number }>(
      connection.db,
      sql`select
        (select count(*)::int from casework_contacts where contact_on > current_date) as future,
        (select count(*)::int from casework_episodes where closed_on < opened_on or last_contact_on < first_contact_on) as backwards`,
    )
    assert.deepEqual(dates, { future: 0, backwards: 0 })
  })

  it('gives the generated link worker, supervisor and commissioner working pages over the generated people', async () => {
    const worker = new WebSession(app)
    await worker.signIn(generatedAccount('worker', 0), DEMO_PASSWORD)
    const caseload = await worker.get('/caseload')
    assert.equal(caseload.statusCode, 200)
    const owned = await one<{ id: string; family: string }>(
      connection.db,
      sql`select r.id, p.family_name as family from referrals r
        join people p on p.organisation_id = r.organisation_id and p.id = r.person_id
        join casework_episodes e on e.organisation_id = r.organisation_id and e.referral_id = r.id
        join connections c on c.organisation_id = e.organisation_id and c.episode_id = e.id
        join users u on u.id = e.link_worker_user_id
        where u.email = ${generatedAccount('worker', 0)} and r.status = 'in-progress' limit 1`,
    )
    assert.ok(owned, 'worker 0 has an open case with a connection')
    assert.match(caseload.body, new RegExp(owned.family))
    for (const page of ['', '/plan', '/connections', '/outcomes'])
      assert.equal((await worker.get(`/caseload/${owned.id}${page}`)).statusCode, 200, `/caseload/:id${page}`)
    assert.equal((await worker.get(`/referrals/${owned.id}`)).statusCode, 200)
    assert.equal((await worker.get('/directory?q=walk')).statusCode, 200)

    const supervisor = new WebSession(app)
    await supervisor.signIn(generatedAccount('supervisor', 0), DEMO_PASSWORD)
    for (const page of ['/team', '/referrals', '/reports'])
      assert.equal((await supervisor.get(page)).statusCode, 200, page)

    const commissioner = new WebSession(app)
    await commissioner.signIn(generatedAccount('commissioner', 0), DEMO_PASSWORD)
    const reports = await commissioner.get('/reports?period=12m')
    assert.equal(reports.statusCode, 200)
    assert.match(reports.body, /Generated social prescribing service 1/)
    // Demand against places: the generated groups that gave places a month show the share their referrals use.
    assert.match(reports.body, /Demand on community groups against the places they offer/)
    assert.match(reports.body, /<span class="app-cell">\d+%( \(over\))?<\/span>/)
    assert.equal((await commissioner.get(`/referrals/${owned.id}`)).statusCode, 403)
  })

  it('leaves every audit chain verifiable', async () => {
    for (const chain of await verifyAuditChains(connection.db))
      assert.equal(chain.brokenAtSequence, null, `chain ${chain.chainId}`)
  })

  it('refuses to generate twice into one database', async () => {
    await assert.rejects(generateScale(connection.db, SCALES.tiny), GenerateError)
  })
})

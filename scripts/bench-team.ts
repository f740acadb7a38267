// SPDX-License-Identifier: AGPL-3.0-or-later
// The supervisor's team view at the size of a large service: 20 link workers, 1,000 people on caseloads
// (created through the referral and casework services, so every row is real: three in five contacted, one
// opened but not contacted, one not opened) and 4,000 finished episodes
// from this and last financial year (inserted in bulk). Times GET /team through the app, signed in.
//
//   node --import tsx scripts/bench-team.ts [--database postgres|embedded|both] [--open 1000] [--closed 4000]
//     [--runs 50]
//
// PostgreSQL: WAYMARK_BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres); a scratch
// database `waymark_bench_team` is dropped and re-created there. Embedded: a PGlite folder in /tmp.
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { buildBenchApp } from './bench/bench-app.ts'
import { connectDatabase, migrateDatabase, type Database } from '../src/platform/db/database.ts'
import { startEmbeddedDatabase } from '../src/platform/db/embedded.ts'
import { scopeForSystemTask } from '../src/platform/db/org-scope.ts'
import { createOrganisation, createUserWithMembership } from '../src/modules/identity/index.ts'
import { changeReferral, exampleSubmission, submitReferral } from '../src/modules/referrals/index.ts'
import { addDays, londonToday, openCase, recordContact } from '../src/modules/casework/index.ts'
import { WebSession } from '../test/helpers/web-session.ts'

const PASSWORD = 'bench-password-bench-password'
const WORKERS = 20

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

async function runBench(label: string, url: string, db: Database, open: number, closed: number, runs: number) {
  const organisation = await createOrganisation(db, {
    areaName: 'Bench area',
    name: 'Bench social prescribing service',
    type: 'social-prescribing-service',
  })
  const { userId: supervisorId } = await createUserWithMembership(db, {
    email: 'lead@bench.example',
    displayName: 'Team Lead',
    password: PASSWORD,
    organisationId: organisation.id,
    roles: ['supervisor'],
  })
  const workers: string[] = []
  for (let i = 0; i < WORKERS; i++) {
    const { userId } = await createUserWithMembership(db, {
      email: `worker${i}@bench.example`,
      displayName: `Worker ${String(i).padStart(2, '0')}`,
      password: PASSWORD,
      organisationId: organisation.id,
      roles: ['link-worker'],
    })
    workers.push(userId)
  }
  const scope = scopeForSystemTask(db, organisation, 'seeding the team benchmark')
  const audit = {
    userId: supervisorId,
    organisationId: organisation.id,
    role: 'bench',
    ipAddress: null,
    correlationId: null,
  }
  const started = Date.now()
  for (let i = 0; i < open; i++) {
    const base = exampleSubmission(organisation.id)
    const { referralId } = await submitReferral(
      db,
      { ...base, person: { ...base.person, nhsNumber: null, givenName: `Person${i}`, familyName: 'Bench' } },
      { ...audit, userId: null },
    )
    const owner = workers[i % WORKERS]!
    await changeReferral(
      scope,
      referralId,
      { kind: 'accept', ownerUserId: owner },
      { audit, userId: supervisorId, name: 'Lead' },
    )
    // Most people have been contacted; some cases are opened but not contacted yet, some not even opened.
    if (i % 5 === 0) continue
    const worker = { audit: { ...audit, userId: owner }, userId: owner, name: 'Worker' }
    await openCase(scope, referralId, worker)
    if (i % 5 === 1) continue
    await recordContact(
      scope,
      referralId,
      {
        submissionKey: `bench-${i}`,
        type: 'phone',
        contactOn: addDays(londonToday(), -(i % 40)),
        durationMinutes: 20,
        whoWasThere: '',
        notes: '',
        riskCheck: null,
        nextContactOn: null,
      },
      worker,
    )
  }
  const today = londonToday()
  const rows = Array.from({ length: closed }, (_, i) => {
    const openedOn = addDays(today, -10 - (i % 600))
    return sql`(${organisation.id}, ${randomUUID()}, ${randomUUID()}, ${workers[i % WORKERS]!}, 'short-term', ${(i % 3) + 1},
      8, ${openedOn}, ${addDays(openedOn, 42)}, ${addDays(openedOn, 60)}, 'goals-met', now(), now())`
  })
  for (let i = 0; i < rows.length; i += 500) {
    await db.execute(sql`insert into casework_episodes (organisation_id, referral_id, person_id, link_worker_user_id,
      pathway, complexity, contact_allowance, opened_on, next_review_on, closed_on, close_reason, created_at, updated_at)
      values ${sql.join(rows.slice(i, i + 500), sql`, `)}`)
  }
  console.log(`${label}: seeded ${open} open and ${closed} closed in ${Math.round((Date.now() - started) / 1000)} s`)

  const app = await buildBenchApp(url, db)
  try {
    const session = new WebSession(app)
    await session.signIn('lead@bench.example', PASSWORD)
    const warm = await session.get('/team')
    if (warm.statusCode !== 200) throw new Error(`GET /team answered ${warm.statusCode}`)
    const times: number[] = []
    for (let i = 0; i < runs; i++) {
      const t = performance.now()
      const response = await session.get('/team')
      times.push(performance.now() - t)
      if (response.statusCode !== 200) throw new Error(`GET /team answered ${response.statusCode}`)
    }
    times.sort((a, b) => a - b)
    console.log(
      `${label}: GET /team (${WORKERS} workers, ${open} open, ${open - open / 5 + closed} episodes), ${runs} requests: ` +
        `p50 ${percentile(times, 50).toFixed(1)} ms  p95 ${percentile(times, 95).toFixed(1)} ms  max ${times.at(-1)!.toFixed(1)} ms`,
    )
  } finally {
    await app.close()
  }
}

async function onPostgres(open: number, closed: number, runs: number): Promise<void> {
  const adminUrl = process.env['WAYMARK_BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query('drop database if exists waymark_bench_team')
  await admin.query('create database waymark_bench_team')
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = '/waymark_bench_team'
  const connection = connectDatabase(url.toString(), 4)
  try {
    await migrateDatabase(connection.pool)
    await runBench('postgresql', url.toString(), connection.db, open, closed, runs)
  } finally {
    await connection.close()
  }
}

async function onEmbedded(open: number, closed: number, runs: number): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'waymark-bench-team-'))
  const embedded = await startEmbeddedDatabase(dir, 4)
  const connection = connectDatabase(embedded.url, 4)
  try {
    await migrateDatabase(connection.pool)
    await runBench('pglite', embedded.url, connection.db, open, closed, runs)
  } finally {
    await connection.close()
    await embedded.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Runs the team view benchmark; `npm run bench` can call this. */
export async function benchTeam(
  options: { database?: string; open?: number; closed?: number; runs?: number } = {},
): Promise<void> {
  const database = options.database ?? 'both'
  const open = options.open ?? 1000
  const closed = options.closed ?? 4000
  const runs = options.runs ?? 50
  if (database === 'postgres' || database === 'both') await onPostgres(open, closed, runs)
  if (database === 'embedded' || database === 'both') await onEmbedded(open, closed, runs)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      database: { type: 'string' },
      open: { type: 'string' },
      closed: { type: 'string' },
      runs: { type: 'string' },
    },
  })
  await benchTeam({
    database: values.database,
    open: values.open ? Number(values.open) : undefined,
    closed: values.closed ? Number(values.closed) : undefined,
    runs: values.runs ? Number(values.runs) : undefined,
  })
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// Reports at an integrated care board's size and beyond: a commissioner's area with `--services` social
// prescribing services sharing `--referrals` referrals received over the last year (an ICB: 20,000 a year; England:
// 1.3 million). One referral per service is made through the real services; the rest are copies made in SQL with
// a realistic spread (source, outcome, decline reason, days to first contact). Then it times the commissioner's
// dashboard and a CSV, page to last byte through app.inject, against the bare /healthz route in the same process.
//
//   node --import tsx scripts/bench-reporting.ts [--services 10] [--referrals 20000] [--runs 10]
//
// PostgreSQL only (WAYMARK_BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres); a scratch
// database `waymark_bench_reporting` is dropped and re-created there.
import { parseArgs } from 'node:util'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { buildBenchApp } from './bench/bench-app.ts'
import { createOrganisation, createUserWithMembership } from '../src/modules/identity/index.ts'
import { changeReferral, exampleSubmission, submitReferral } from '../src/modules/referrals/index.ts'
import { connectDatabase, migrateDatabase, type Database } from '../src/platform/db/database.ts'
import { scopeForSystemTask } from '../src/platform/db/org-scope.ts'
import { WebSession } from '../test/helpers/web-session.ts'
import { timeGets } from './timing.ts'

const POSTGRES_URL = process.env['WAYMARK_BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const { values } = parseArgs({
  options: {
    services: { type: 'string', default: '10' },
    referrals: { type: 'string', default: '20000' },
    runs: { type: 'string', default: '10' },
  },
})
const SERVICES = Number(values.services)
const REFERRALS = Number(values.referrals)
const RUNS = Number(values.runs)
const PASSWORD = 'bench-password-bench-password'
const AREA = 'Bench integrated care board area'

/** The commissioner and the services with one real referral each; returns the commissioner's email. */
async function createArea(db: Database): Promise<string> {
  const icb = await createOrganisation(db, { areaName: AREA, name: 'Bench ICB', type: 'commissioner' })
  await createUserWithMembership(db, {
    email: 'commissioner@bench.example',
    displayName: 'Bench Commissioner',
    password: PASSWORD,
    organisationId: icb.id,
    roles: ['commissioner'],
  })
  const practice = await createOrganisation(db, { areaName: AREA, name: 'Bench practice', type: 'gp-practice' })
  for (let i = 0; i < SERVICES; i += 1) {
    const service = await createOrganisation(db, {
      areaName: AREA,
      name: `Bench service ${i}`,
      type: 'social-prescribing-service',
    })
    const { userId } = await createUserWithMembership(db, {
      email: `worker-${i}@bench.example`,
      displayName: `Worker ${i}`,
      password: PASSWORD,
      organisationId: service.id,
      roles: ['link-worker', 'supervisor'],
    })
    const audit = { userId, organisationId: service.id, role: 'bench', ipAddress: null, correlationId: null }
    const base = exampleSubmission(service.id)
    const { referralId } = await submitReferral(
      db,
      {
        ...base,
        referrer: { ...base.referrer, organisationId: practice.id },
        person: { ...base.person, nhsNumber: null },
      },
      audit,
    )
    const scope = scopeForSystemTask(db, service, 'the reporting bench builds its own services')
    await changeReferral(scope, referralId, { kind: 'accept', ownerUserId: userId }, { audit, userId, name: 'Bench' })
  }
  return 'commissioner@bench.example'
}

/**
 * Copies each service's referral (and its person) until the area has REFERRALS, received over the last 365 days:
 * one in ten declined (reasons spread), one in twenty still waiting, one in three self-referred, the rest
 * contacted 0–14 days after receipt.
 */
async function cloneReferrals(db: Database): Promise<void> {
  const perService = Math.ceil(REFERRALS / SERVICES) - 1
  await db.execute(sql`
    create temporary table bench_copies on commit preserve rows as
    select r.id as src_referral, r.person_id as src_person, n, gen_random_uuid() as new_referral,
           gen_random_uuid() as new_person
    from referrals r, generate_series(1, ${perService}) as n`)
  await db.execute(sql`
    insert into people
    select (jsonb_populate_record(null::people, to_jsonb(p) || jsonb_build_object(
      'id', c.new_person, 'family_name', p.family_name || '-' || c.n))).*
    from bench_copies c join people p on p.id = c.src_person`)
  await db.execute(sql`
    insert into referrals
    select (jsonb_populate_record(null::referrals, to_jsonb(r) || jsonb_build_object(
      'id', c.new_referral, 'person_id', c.new_person, 'reference', r.reference || '-' || c.n,
      'submission_key', gen_random_uuid()::text,
      'received_at', now() - make_interval(mins => (c.n * 7919) % 525600),
      'source', (array['web-form','self-referral','api'])[1 + c.n % 3],
      'referrer_organisation_id', case when c.n % 3 = 1 then null else r.referrer_organisation_id end,
      'status', case when c.n % 10 = 0 then 'rejected' when c.n % 20 = 1 then 'requested' else 'in-progress' end,
      'decline_reason', case when c.n % 10 = 0
        then (array['specialist-mental-health','outside-area','needs-met-elsewhere','other'])[1 + c.n % 4] end,
      'status_reason', case when c.n % 10 = 0 then 'Bench decline' end,
      'needs', (array['{loneliness}','{debt,housing}','{low-mood,inactivity}','{bereavement}','{caring}'])[1 + c.n % 5]::text[]
    ))).*
    from bench_copies c join referrals r on r.id = c.src_referral`)
  await db.execute(sql`
    update referrals set first_contact_at = received_at + make_interval(days => abs(hashtext(id::text)) % 15),
      contact_target_date = (received_at at time zone 'Europe/London')::date + 14
    where status = 'in-progress'`)
  await db.execute(sql`analyze`)
}

async function bench(url: string): Promise<void> {
  const connection = connectDatabase(url, 10)
  await migrateDatabase(connection.pool)
  const started = performance.now()
  const email = await createArea(connection.db)
  await cloneReferrals(connection.db)
  process.stdout.write(
    `  ${SERVICES} services, ${REFERRALS.toLocaleString('en-GB')} referrals in the last year, made in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  )
  const app = await buildBenchApp(url, connection.db)
  try {
    const commissioner = new WebSession(app)
    await commissioner.signIn(email, PASSWORD)
    const bare = await timeGets(commissioner, '/healthz', RUNS)
    const pages: [string, string][] = [
      ['/reports (the last 12 months, every service)', '/reports?period=12m'],
      ['/reports (this financial year, every service)', '/reports'],
      ['/reports/table.csv (by referrer, the last 12 months)', '/reports/table.csv?period=12m&table=by-referrer'],
    ]
    process.stdout.write(`  ${'/healthz (bare baseline)'.padEnd(56)} p50 ${bare.p50.toFixed(1)} ms\n`)
    for (const [name, path] of pages) {
      const { p50, p95 } = await timeGets(commissioner, path, RUNS)
      process.stdout.write(
        `  ${name.padEnd(56)} p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (${(p50 / bare.p50).toFixed(0)}× bare)\n`,
      )
    }
  } finally {
    await app.close()
    await connection.close()
  }
}

const admin = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 })
try {
  await admin.connect()
} catch {
  process.stdout.write(`  PostgreSQL: skipped, nothing answered at ${POSTGRES_URL}\n`)
  process.exit(0)
}
await admin.query('drop database if exists waymark_bench_reporting with (force)')
await admin.query('create database waymark_bench_reporting')
const target = new URL(POSTGRES_URL)
target.pathname = '/waymark_bench_reporting'
try {
  await bench(target.toString())
} finally {
  await admin.query('drop database if exists waymark_bench_reporting with (force)')
  await admin.end()
}

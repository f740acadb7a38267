// SPDX-License-Identifier: AGPL-3.0-or-later
// The whole service at a named scale (issue #15), on PostgreSQL: generates the scale (`waymark generate`), starts
// the app in a process of its own with a bare Fastify JSON route and a bare nunjucks page beside it, and measures
// (1) the two limits, (2) a signed-in page, an authenticated JSON read and a directory search alone, the page at 1
// and at `--connections` connections, and (3) a working day's mix of link workers' pages and forms, supervisors'
// and the commissioner's pages, referrals through the FHIR API and the public directory feed. One table, each
// figure also as a share of its limit; the app's memory and the database's size; JSON for comparing two commits.
//
//   npm run bench -- --only scale [--scale icb] [--referrals N] [--seconds 10] [--connections 20] [--reuse]
//     [--json result.json] [--compare old.json]
//
// --reuse keeps the scratch database `waymark_bench_<scale>` between runs (England takes a while to generate).
import { readFileSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import { parseArgs } from 'node:util'
import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { createApiKeyForOrganisation } from '../src/modules/api-clients/index.ts'
import { containedReferral } from '../src/modules/referrals/fhir/fhir.fixtures.ts'
import { connectDatabase, migrateDatabase } from '../src/platform/db/database.ts'
import { generateScale } from '../src/seed/generate/generate.ts'
import { generatedAccount, generatedAreaExists } from '../src/seed/generate/organisations.ts'
import { isScaleName, SCALES } from '../src/seed/generate/scales.ts'
import { runLoad, send, type LoadResult, type Operation } from './bench/load.ts'
import { signIn, startServer } from './bench/scale-process.ts'

const POSTGRES_URL = process.env['WAYMARK_BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'icb' },
    // Fewer referrals than the scale names, with its areas, services, workers, directory and postcodes.
    referrals: { type: 'string' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
    reuse: { type: 'boolean', default: false },
    json: { type: 'string' },
    compare: { type: 'string' },
  },
})
if (!isScaleName(values.scale)) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`)
const SCALE = values.referrals ? { ...SCALES[values.scale], referrals: Number(values.referrals) } : SCALES[values.scale]
const SECONDS = Number(values.seconds)
const CONNECTIONS = Number(values.connections)
const WORKERS = Math.min(CONNECTIONS, SCALE.linkWorkers)

interface Fixtures {
  workers: { email: string; referralIds: string[]; personIds: string[] }[]
  apiKey: string
  practiceReferralIds: string[]
  serviceIds: string[]
}

async function prepareDatabase(url: string): Promise<Fixtures> {
  const connection = connectDatabase(url, 4)
  try {
    await migrateDatabase(connection.pool)
    if (!(await generatedAreaExists(connection.db))) {
      const report = await generateScale(connection.db, SCALE, (message) =>
        process.stdout.write(`  generating ${message}\n`),
      )
      process.stdout.write(`  generated the ${SCALE.name} scale in ${report.seconds.toFixed(0)} s\n`)
    }
    const workers: Fixtures['workers'] = []
    for (let i = 0; i < WORKERS; i += 1) {
      const cases = await connection.db.execute<{ referral: string; person: string }>(sql`
        select e.referral_id as referral, e.person_id as person from casework_episodes e
        join users u on u.id = e.link_worker_user_id
        where u.email = ${generatedAccount('worker', i)} and e.closed_on is null limit 20`)
      workers.push({
        email: generatedAccount('worker', i),
        referralIds: cases.rows.map((r) => r.referral),
        personIds: cases.rows.map((r) => r.person),
      })
    }
    const practice = await connection.db.execute<{ id: string }>(
      sql`select id from organisations where name = 'Generated medical practice 1'`,
    )
    const { key } = await createApiKeyForOrganisation(connection.db, {
      organisation: practice.rows[0]!.id,
      name: `Bench ${randomUUID().slice(0, 8)}`,
    })
    const sent = await connection.db.execute<{ id: string }>(
      sql`select id from referrals where referrer_organisation_id = ${practice.rows[0]!.id} limit 50`,
    )
    const services = await connection.db.execute<{ id: string }>(sql`
      select s.id from organisations s join organisations p on p.area_id = s.area_id
      where p.id = ${practice.rows[0]!.id} and s.type = 'social-prescribing-service'`)
    return {
      workers,
      apiKey: key,
      practiceReferralIds: sent.rows.map((r) => r.id),
      serviceIds: services.rows.map((r) => r.id),
    }
  } finally {
    await connection.close()
  }
}

function pick<T>(items: readonly T[], n: number): T {
  return items[n % items.length]!
}

async function measure(url: string, fixtures: Fixtures): Promise<Record<string, unknown>> {
  const server = await startServer(url)
  try {
    const workers = await Promise.all(fixtures.workers.map((w) => signIn(server.app, w.email)))
    const supervisor = await signIn(server.app, generatedAccount('supervisor', 0))
    const commissioner = await signIn(server.app, generatedAccount('commissioner', 0))
    const today = new Date()
    const as = (session: { cookie: string }) => ({ cookie: session.cookie })
    const worker = (loop: number) => ({
      session: workers[loop % workers.length]!,
      data: fixtures.workers[loop % workers.length]!,
    })
    const form = (session: { cookie: string; csrf: string }, fields: Record<string, string>) => ({
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...fields, _csrf: session.csrf }).toString(),
    })
    const api = { authorization: `Bearer ${fixtures.apiKey}` }
    const get = (path: string, headers: Record<string, string>) => ({ method: 'GET' as const, path, headers })

    const caseload: Operation = {
      name: 'GET /caseload (link worker)',
      weight: 18,
      next: (l) => get('/caseload', as(worker(l).session)),
    }
    const fhirRead: Operation = {
      name: 'GET /fhir/ServiceRequest/:id (API key)',
      weight: 4,
      next: (_l, s) => get(`/fhir/ServiceRequest/${pick(fixtures.practiceReferralIds, s)}`, api),
    }
    const search: Operation = {
      name: 'GET /directory?q=… (search)',
      weight: 12,
      next: (l, s) =>
        get(
          `/directory?q=${pick(['walk', 'choir', 'debt advice', 'garden', 'cafe', 'swimming'], s)}`,
          as(worker(l).session),
        ),
    }
    const mix: Operation[] = [
      caseload,
      {
        name: 'GET /caseload/:id (episode)',
        weight: 14,
        next: (l, s) => get(`/caseload/${pick(worker(l).data.referralIds, s)}`, as(worker(l).session)),
      },
      {
        name: 'GET /referrals/:id',
        weight: 6,
        next: (l, s) => get(`/referrals/${pick(worker(l).data.referralIds, s)}`, as(worker(l).session)),
      },
      {
        name: 'GET /people/:id (person)',
        weight: 4,
        next: (l, s) => get(`/people/${pick(worker(l).data.personIds, s)}`, as(worker(l).session)),
      },
      {
        name: 'GET /caseload/:id/plan',
        weight: 4,
        next: (l, s) => get(`/caseload/${pick(worker(l).data.referralIds, s)}/plan`, as(worker(l).session)),
      },
      {
        name: 'POST /caseload/:id/contacts (record)',
        weight: 6,
        ok: [303],
        next: (l, s) => ({
          method: 'POST',
          path: `/caseload/${pick(worker(l).data.referralIds, s)}/contacts`,
          ...form(worker(l).session, {
            submissionKey: randomUUID(),
            type: 'phone',
            day: String(today.getDate()),
            month: String(today.getMonth() + 1),
            year: String(today.getFullYear()),
            duration: '20',
            notes: 'Called to see how the first session went.',
          }),
        }),
      },
      {
        name: 'POST /fhir/ServiceRequest (referral)',
        weight: 2,
        ok: [201],
        next: (_l, s) => ({
          method: 'POST',
          path: '/fhir/ServiceRequest',
          headers: { ...api, 'content-type': 'application/fhir+json', 'idempotency-key': randomUUID() },
          body: JSON.stringify(
            containedReferral({
              serviceId: pick(fixtures.serviceIds, s),
              givenName: `Bench${s}`,
              familyName: 'Referral',
            }),
          ),
        }),
      },
      fhirRead,
      search,
      {
        name: 'GET /caseload/:id/connections/suggestions',
        weight: 5,
        next: (l, s) =>
          get(`/caseload/${pick(worker(l).data.referralIds, s)}/connections/suggestions`, as(worker(l).session)),
      },
      { name: 'GET /team (supervisor)', weight: 4, next: () => get('/team', as(supervisor)) },
      { name: 'GET /referrals (supervisor inbox)', weight: 6, next: () => get('/referrals', as(supervisor)) },
      {
        name: 'GET /reports (commissioner, 12 months)',
        weight: 1,
        next: () => get('/reports?period=12m', as(commissioner)),
      },
      {
        name: 'GET /oruk/services (public feed)',
        weight: 6,
        next: (_l, s) => get(`/oruk/services?page=${1 + (s % 20)}`, {}),
      },
    ]
    const run = (base: string, ops: Operation[], connections = CONNECTIONS, seconds = Math.max(3, SECONDS / 2)) =>
      runLoad(base, ops, { connections, seconds })
    process.stdout.write('  warming up\n')
    await run(server.app, mix, CONNECTIONS, 3)
    const limits = {
      bareJson: await run(server.bare, [{ name: 'GET bare JSON', weight: 1, next: () => get('/bare.json', {}) }]),
      barePage: await run(server.bare, [
        { name: 'GET bare nunjucks page', weight: 1, next: () => get('/bare-page', {}) },
      ]),
    }
    const alone = {
      caseload: await run(server.app, [caseload]),
      caseloadOne: await run(server.app, [caseload], 1),
      fhirRead: await run(server.app, [fhirRead]),
      search: await run(server.app, [search]),
    }
    process.stdout.write('  the working day\n')
    const mixed = await run(server.app, mix, CONNECTIONS, SECONDS)
    const rss = JSON.parse((await send(new http.Agent(), server.bare, { method: 'GET', path: '/rss' })).body) as {
      rss: number
    }
    const size = new pg.Client({ connectionString: url })
    await size.connect()
    const bytes = Number(
      (await size.query<{ bytes: string }>('select pg_database_size(current_database()) as bytes')).rows[0]!.bytes,
    )
    await size.end()
    return {
      scale: SCALE.name,
      cores: os.cpus().length,
      connections: CONNECTIONS,
      limits,
      alone,
      mixed,
      rssBytes: rss.rss,
      databaseBytes: bytes,
    }
  } finally {
    server.stop()
  }
}

interface Figures {
  perSecond: number
  p50: number
  p95: number
  p99: number
}

function row(name: string, figures: Figures, extra = ''): string {
  const { perSecond, p50, p95, p99 } = figures
  return `  ${name.padEnd(50)} ${String(Math.round(perSecond)).padStart(7)} ${p50.toFixed(1).padStart(8)} ${p95.toFixed(1).padStart(8)} ${p99.toFixed(1).padStart(8)}  ${extra}\n`
}

function print(result: Record<string, unknown>): void {
  const limits = result['limits'] as Record<'bareJson' | 'barePage', LoadResult>
  const alone = result['alone'] as Record<'caseload' | 'caseloadOne' | 'fhirRead' | 'search', LoadResult>
  const mixed = result['mixed'] as LoadResult
  const share = (a: LoadResult, limit: LoadResult) =>
    `${Math.round((a.total.perSecond / limit.total.perSecond) * 100)}% of the limit`
  const rising = `${(alone.caseload.total.perSecond / alone.caseloadOne.total.perSecond).toFixed(2)}× from 1 to ${CONNECTIONS} connections`
  const lines: [string, Figures, string][] = [
    ['bare Fastify JSON route (the limit)', limits.bareJson.total, ''],
    ['bare nunjucks page, same layout (the limit)', limits.barePage.total, ''],
    ['authenticated JSON read alone (FHIR)', alone.fhirRead.total, share(alone.fhirRead, limits.bareJson)],
    ['signed-in page alone (caseload)', alone.caseload.total, share(alone.caseload, limits.barePage)],
    ['the same page, 1 connection', alone.caseloadOne.total, rising],
    ['directory search alone', alone.search.total, ''],
    ...mixed.operations.map((op): [string, Figures, string] => [
      `    ${op.name}`,
      op,
      op.failures ? `${op.failures} failed: ${op.firstFailure ?? ''}` : '',
    ]),
    ['  all operations', mixed.total, mixed.total.failures ? `${mixed.total.failures} failed` : 'no failures'],
  ]
  const out = (line: string) => process.stdout.write(line)
  out(
    `\nThe ${String(result['scale'])} scale (${SCALE.referrals.toLocaleString('en-GB')} referrals) on PostgreSQL, ${String(result['cores'])} cores, ${CONNECTIONS} connections\n`,
  )
  out(
    `  ${'operation'.padEnd(50)} ${'req/s'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)}\n`,
  )
  for (const [index, [name, figures, extra]] of lines.entries()) {
    if (index === 6) out('  the working day (mixed):\n')
    out(row(name, figures, extra))
  }
  out(
    `  app RSS ${Math.round(Number(result['rssBytes']) / 1048576)} MB; database ${Math.round(Number(result['databaseBytes']) / 1048576)} MB\n`,
  )
}

function compare(result: Record<string, unknown>, file: string): void {
  const old = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
  const pairs = (r: Record<string, unknown>) => {
    const m = r['mixed'] as LoadResult
    const a = r['alone'] as Record<string, LoadResult>
    return new Map<string, number>([
      ['mixed req/s', m.total.perSecond],
      ['mixed p95 ms', m.total.p95],
      ...Object.entries(a).map(([k, v]) => [`${k} req/s`, v.total.perSecond] as [string, number]),
      ...m.operations.map((op) => [`${op.name} p95 ms`, op.p95] as [string, number]),
    ])
  }
  const before = pairs(old)
  process.stdout.write(`\nCompared with ${file}:\n`)
  for (const [key, value] of pairs(result)) {
    const was = before.get(key)
    if (was === undefined) continue
    process.stdout.write(
      `  ${key.padEnd(60)} ${String(was).padStart(9)} → ${String(value).padStart(9)}  (${was ? ((value / was) * 100 - 100).toFixed(0) : '–'}%)\n`,
    )
  }
}

const admin = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 })
try {
  await admin.connect()
} catch {
  process.stdout.write(`  PostgreSQL: skipped, nothing answered at ${POSTGRES_URL}\n`)
  process.exit(0)
}
const name = `waymark_bench_${SCALE.name}${values.referrals ? `_${SCALE.referrals}` : ''}`
const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1
if (!values.reuse || !exists) {
  await admin.query(`drop database if exists ${name} with (force)`)
  await admin.query(`create database ${name}`)
}
const target = new URL(POSTGRES_URL)
target.pathname = `/${name}`
try {
  const fixtures = await prepareDatabase(target.toString())
  const result = await measure(target.toString(), fixtures)
  print(result)
  if (values.json) writeFileSync(values.json, `${JSON.stringify(result, null, 2)}\n`)
  if (values.compare) compare(result, values.compare)
} finally {
  if (!values.reuse) await admin.query(`drop database if exists ${name} with (force)`)
  await admin.end()
}

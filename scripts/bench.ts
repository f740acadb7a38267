// SPDX-License-Identifier: AGPL-3.0-or-later
// `npm run bench`: measures the foundation's hot paths on the embedded database and on PostgreSQL, then runs
// every other bench script (scripts/bench-*.ts). Load stays on loopback and each run is bounded in time.
//
//   npm run bench                      everything
//   npm run bench -- --only foundation
//   npm run bench -- --only foundation --connections 1   (the same pages, one request at a time)
//   npm run bench -- --only scale --scale icb [--reuse] [--json out.json] [--compare old.json]
//                                      (the whole service at a named scale: scripts/bench-scale.ts)
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import pg from 'pg'
import { buildBenchApp } from './bench/bench-app.ts'
import { recordAuditEvent, verifyAuditChain } from '../src/platform/audit/audit.service.ts'
import { connectDatabase, migrateDatabase } from '../src/platform/db/database.ts'
import { startEmbeddedDatabase } from '../src/platform/db/embedded.ts'
import { seedDemoArea } from '../src/seed/demo.ts'
import { DEMO_PASSWORD } from '../src/seed/demo-accounts.ts'
import { WebSession } from '../test/helpers/web-session.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const POSTGRES_URL = process.env['WAYMARK_BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '20' },
    // Passed to bench-scale.ts.
    scale: { type: 'string' },
    referrals: { type: 'string' },
    reuse: { type: 'boolean' },
    json: { type: 'string' },
    compare: { type: 'string' },
  },
})
const SCALE_ARGS = [
  ...(values.scale ? ['--scale', values.scale] : []),
  ...(values.referrals ? ['--referrals', values.referrals] : []),
  ...(values.reuse ? ['--reuse'] : []),
  ...(values.json ? ['--json', values.json] : []),
  ...(values.compare ? ['--compare', values.compare] : []),
]
const SECONDS = Number(values.seconds)
const CONNECTIONS = Number(values.connections)

interface Row {
  database: string
  measure: string
  value: string
}
const rows: Row[] = []

async function load(url: string, cookie?: string): Promise<autocannon.Result> {
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: cookie ? { cookie } : {},
  })
}

async function benchFoundation(database: string, url: string): Promise<void> {
  const connection = connectDatabase(url, 10)
  await migrateDatabase(connection.pool)
  const demo = await seedDemoArea(connection.db)
  const app = await buildBenchApp(url, connection.db)
  const address = await app.listen({ host: '127.0.0.1', port: 0 })
  try {
    const session = new WebSession(app)
    await session.signIn('sam.okafor@waymark.example', DEMO_PASSWORD)
    const cookie = [...session.cookies].map(([k, v]) => `${k}=${v}`).join('; ')

    const signInPage = await load(`${address}/sign-in`)
    rows.push({
      database,
      measure: `GET /sign-in (public page), ${CONNECTIONS} connections`,
      value: `${Math.round(signInPage.requests.average)} req/s, p50 ${signInPage.latency.p50} ms, p99 ${signInPage.latency.p99} ms`,
    })
    const home = await load(`${address}/`, cookie)
    rows.push({
      database,
      measure: 'GET / signed in (session lookup + page)',
      value: `${Math.round(home.requests.average)} req/s, p50 ${home.latency.p50} ms, p99 ${home.latency.p99} ms`,
    })
    for (const [path, label] of [
      ['/caseload', 'GET /caseload signed in (link worker, audited read)'],
      ['/directory?q=walk', 'GET /directory?q=walk signed in (search, audited)'],
    ] as const) {
      const page = await load(`${address}${path}`, cookie)
      rows.push({
        database,
        measure: label,
        value: `${Math.round(page.requests.average)} req/s, p50 ${page.latency.p50} ms, p99 ${page.latency.p99} ms${page.non2xx ? `, ${page.non2xx} not 2xx` : ''}`,
      })
    }
    const health = await load(`${address}/readyz`)
    rows.push({
      database,
      measure: 'GET /readyz (database round trip)',
      value: `${Math.round(health.requests.average)} req/s, p50 ${health.latency.p50} ms`,
    })

    const organisationId = demo.organisations.get('sps')!.id
    const actor = { userId: null, organisationId, role: 'bench', ipAddress: '127.0.0.1', correlationId: 'bench' }
    const count = 2000
    let started = performance.now()
    for (let i = 0; i < count; i += 20) {
      await Promise.all(
        Array.from({ length: 20 }, (_, j) =>
          recordAuditEvent(connection.db, actor, { action: 'view', recordType: 'bench', recordId: String(i + j) }),
        ),
      )
    }
    const appendMs = performance.now() - started
    rows.push({
      database,
      measure: `audit append, ${count} events, 20 concurrent, one chain`,
      value: `${Math.round((count / appendMs) * 1000)} events/s`,
    })
    started = performance.now()
    const verification = await verifyAuditChain(connection.db, organisationId)
    const verifyMs = performance.now() - started
    rows.push({
      database,
      measure: `audit verify (${verification.entries} entries)`,
      value: `${Math.round((verification.entries / verifyMs) * 1000)} entries/s, ${verification.brokenAtSequence === null ? 'intact' : 'BROKEN'}`,
    })
  } finally {
    await app.close()
    await connection.close()
  }
}

async function withEmbedded(fn: (url: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'waymark-bench-'))
  const embedded = await startEmbeddedDatabase(dir, 32)
  try {
    await fn(embedded.url)
  } finally {
    await embedded.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

async function withPostgres(fn: (url: string) => Promise<void>): Promise<boolean> {
  const admin = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 })
  try {
    await admin.connect()
  } catch {
    return false
  }
  const name = `waymark_bench_${process.pid}`
  await admin.query(`create database ${name}`)
  const url = new URL(POSTGRES_URL)
  url.pathname = `/${name}`
  try {
    await fn(url.toString())
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`)
    await admin.end()
  }
  return true
}

function runScript(file: string, args: string[] = []): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], { cwd: ROOT, stdio: 'inherit' })
    child.on('close', (code) => resolve(code ?? 1))
  })
}

async function main(): Promise<void> {
  if (!values.only || values.only === 'foundation') {
    process.stdout.write(`Foundation bench (${SECONDS} s per load test, ${os.cpus().length} cores)\n`)
    await withEmbedded((url) => benchFoundation('embedded (PGlite)', url))
    if (!(await withPostgres((url) => benchFoundation('PostgreSQL', url))))
      rows.push({ database: 'PostgreSQL', measure: 'all', value: `skipped: nothing answered at ${POSTGRES_URL}` })
    for (const row of rows)
      process.stdout.write(`  ${row.database.padEnd(18)} ${row.measure.padEnd(55)} ${row.value}\n`)
  }
  const others = readdirSync(path.join(ROOT, 'scripts')).filter(
    (f) => /^bench-.+\.ts$/.test(f) && (!values.only || f === `bench-${values.only}.ts`),
  )
  for (const file of others) {
    process.stdout.write(`\n${file}\n`)
    const code = await runScript(path.join(ROOT, 'scripts', file), file === 'bench-scale.ts' ? SCALE_ARGS : [])
    if (code !== 0) process.exitCode = code
  }
}

await main()

// SPDX-License-Identifier: AGPL-3.0-or-later
// Directory search at national scale: seeds 100,000 services (95,000 spread over Great Britain, 5,000 packed
// into Aberdeen, the hard case for "near a postcode"), then times typical link-worker searches through the
// same service function the search page uses (the ranked, filtered search plus the queries that fill a page).
//
//   node --import tsx scripts/bench-directory.ts [--database postgres|embedded|both] [--services 100000] [--runs 200]
//     [--areas 100]   (100 areas of 1,000 services, searched in the Aberdeen one; --areas 1 is the worst case:
//                      every service in one area, 100,000 ranked together)
//
// PostgreSQL: WAYMARK_BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres); a scratch
// database `waymark_bench_directory` is dropped and re-created there. Embedded: a PGlite folder in /tmp.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { connectDatabase, migrateDatabase, type Database } from '../src/platform/db/database.ts'
import { startEmbeddedDatabase } from '../src/platform/db/embedded.ts'
import {
  DEMO_POSTCODES_CSV,
  ensureReferenceTaxonomies,
  importPostcodesFromCsv,
  lookUpPostcode,
  searchDirectory,
} from '../src/modules/directory/index.ts'
import {
  needTermId,
  wayTermId,
  accessibilityTermId,
  NEED_CODES,
  WAY_CODES,
} from '../src/modules/directory/taxonomies.ts'
import type { SearchCriteria } from '../src/modules/directory/search.repository.ts'
import { suggestFor } from '../src/modules/connections/suggestions.service.ts'
import { interestWords } from '../src/modules/connections/suggestions.ts'
import { SERVICE_KINDS } from '../src/seed/generate/directory.ts'

// The generator's twenty kinds of community group (src/seed/generate/directory.ts).
const WORDS = SERVICE_KINDS
const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']

/** One parameter holding a PostgreSQL array literal (drizzle would spread a JS array into a row). */
function pgArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`
}

async function seed(db: Database, areaIds: string[], count: number): Promise<number> {
  const areas = pgArray(areaIds)
  const n = areaIds.length
  // Within an area, vary everything by the service's number in that area, not its global number.
  const h = sql.raw(`(g / ${n})`)
  if (2000 % n !== 0) throw new Error('--areas must divide 2000 (organisations are shared out evenly)')
  const started = performance.now()
  const names = WORDS.map((w) => w[0])
  const descriptions = WORDS.map((w) => w[1])
  await db.execute(sql`select setseed(0.42)`)
  await db.execute(sql`insert into directory_organizations (area_id, id, name, description)
    select (${areas}::uuid[])[1 + g % ${n}], md5('org' || g)::uuid, 'Organisation ' || g, 'Runs community services'
    from generate_series(0, 1999) g`)
  // Services: one of twenty kinds, a place name, a realistic mix of cost, welcome, capacity and freshness.
  await db.execute(sql`insert into directory_services (area_id, id, organization_id, name, description, status,
      welcome, capacity, how_to_join, minimum_age, assured_date)
    select (${areas}::uuid[])[1 + g % ${n}], md5('svc' || g)::uuid, md5('org' || (g % 2000))::uuid,
      'Place ' || (g % 5000) || ' ' || (${pgArray(names)}::text[])[1 + ${h} % 20],
      (${pgArray(descriptions)}::text[])[1 + ${h} % 20] || '. Meets weekly in the community.',
      case when ${h} % 40 = 0 then 'temporarily closed' else 'active' end,
      case when ${h} % 7 = 0 then 'invitation-only' else 'open' end,
      (array['capacity','capacity','capacity','waitlist','no-capacity'])[1 + ${h} % 5],
      (array['signpost','signpost','direct-referral','accompany-first-visit'])[1 + ${h} % 4],
      case when ${h} % 5 = 0 then 60 when ${h} % 3 = 0 then 18 else null end,
      current_date - (${h} % 200)
    from generate_series(1, ${count}) g`)
  // Locations: the first area's services (g % areas = 0) sit within about 10 km of Aberdeen city centre and
  // every other area's are spread over Great Britain. With one area, 5% are in Aberdeen (ten times the real
  // density of community services there), the rest over Great Britain.
  const cluster = Math.max(n, 20)
  await db.execute(sql`insert into directory_locations (area_id, id, location_type, name, latitude, longitude)
    select (${areas}::uuid[])[1 + g % ${n}], md5('loc' || g)::uuid, 'physical', 'Venue ' || g,
      case when g % ${cluster} = 0 then 57.145 + (random() - 0.5) * 0.18 else 50.2 + random() * 8.3 end,
      case when g % ${cluster} = 0 then -2.10 + (random() - 0.5) * 0.30 else -5.3 + random() * 7.0 end
    from generate_series(1, ${count}) g`)
  await db.execute(sql`insert into directory_service_at_locations (area_id, id, service_id, location_id)
    select (${areas}::uuid[])[1 + g % ${n}], md5('sal' || g)::uuid, md5('svc' || g)::uuid, md5('loc' || g)::uuid
    from generate_series(1, ${count}) g`)
  await db.execute(sql`insert into directory_addresses (area_id, id, location_id, address1, city, postal_code)
    select (${areas}::uuid[])[1 + g % ${n}], md5('adr' || g)::uuid, md5('loc' || g)::uuid, g || ' High Street', 'Town', 'AB10 1AB'
    from generate_series(1, ${count}) g`)
  // One or two weekly sessions each, daytime or evening.
  await db.execute(sql`insert into directory_schedules (area_id, id, service_id, freq, interval, byday, opens_at, closes_at)
    select (${areas}::uuid[])[1 + g % ${n}], md5('sch' || g || '-' || k)::uuid, md5('svc' || g)::uuid, 'WEEKLY', 1,
      (${pgArray(DAYS)}::text[])[1 + (${h} + k * 3) % 7],
      make_time(9 + ((${h} * 7 + k * 5) % 11), 0, 0), make_time(10 + ((${h} * 7 + k * 5) % 11), 30, 0)
    from generate_series(1, ${count}) g, generate_series(1, 2) k where k = 1 or ${h} % 3 = 0`)
  await db.execute(sql`insert into directory_cost_options (area_id, id, service_id, option, amount)
    select (${areas}::uuid[])[1 + g % ${n}], md5('cost' || g)::uuid, md5('svc' || g)::uuid, 'per session', 1 + (g % 8)
    from generate_series(1, ${count}) g where ${h} % 5 in (1, 2)`)
  const needIds = NEED_CODES.map(needTermId)
  const wayIds = WAY_CODES.map(wayTermId)
  await db.execute(sql`insert into directory_attributes (area_id, id, link_id, taxonomy_term_id, link_type)
    select (${areas}::uuid[])[1 + g % ${n}], gen_random_uuid(), md5('svc' || g)::uuid, (${pgArray(needIds)}::uuid[])[1 + (${h} + k * 5) % ${needIds.length}], 'need'
    from generate_series(1, ${count}) g, generate_series(0, 1) k
    union all
    select (${areas}::uuid[])[1 + g % ${n}], gen_random_uuid(), md5('svc' || g)::uuid, (${pgArray(wayIds)}::uuid[])[1 + ${h} % ${wayIds.length}], 'way-to-wellbeing'
    from generate_series(1, ${count}) g
    union all
    select (${areas}::uuid[])[1 + g % ${n}], gen_random_uuid(), md5('loc' || g)::uuid, ${accessibilityTermId('step-free')}::uuid, 'accessibility'
    from generate_series(1, ${count}) g where ${h} % 2 = 0`)
  await db.execute(sql`vacuum analyze`)
  return performance.now() - started
}

const BASE: SearchCriteria = {
  text: null,
  needCode: null,
  wayCode: null,
  centre: null,
  radiusMetres: null,
  days: [],
  timeOfDay: null,
  age: null,
  cost: null,
  accessibility: [],
  newcomers: false,
  hasCapacity: false,
  limit: 20,
  offset: 0,
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

async function runBench(label: string, db: Database, count: number, runs: number, areaCount: number): Promise<void> {
  await ensureReferenceTaxonomies(db)
  const imported = await importPostcodesFromCsv(db, DEMO_POSTCODES_CSV)
  console.log(`${label}: imported ${imported.imported} postcodes at ${imported.rowsPerSecond} rows/s`)
  const areaIds = (
    await db.execute<{ id: string }>(
      sql`insert into areas (name) select 'Benchmark area ' || g from generate_series(1, ${areaCount}) g returning id`,
    )
  ).rows.map((r) => r.id)
  const seconds = (await seed(db, areaIds, count)) / 1000
  console.log(
    `${label}: seeded ${count} services in ${areaCount} areas (${count / areaCount} each) in ${seconds.toFixed(1)} s`,
  )
  const area = { id: areaIds[0]! }
  const found = await lookUpPostcode(db, 'AB10 1AA')
  if (!found.ok) throw new Error('AB10 1AA missing')
  const centre = { latitude: found.postcode.latitude, longitude: found.postcode.longitude }
  const scope = { areaId: area.id, db }
  const cases: [string, SearchCriteria][] = [
    [
      '"walk", 2 km, Tuesday evening, free, newcomers',
      {
        ...BASE,
        text: 'walking group',
        centre,
        radiusMetres: 2000,
        days: ['TU'],
        timeOfDay: 'evening',
        cost: 'free',
        newcomers: true,
      },
    ],
    [
      'need loneliness, 5 km, has space',
      { ...BASE, needCode: 'loneliness', centre, radiusMetres: 5000, hasCapacity: true },
    ],
    [
      '"singing", 10 km, age 72, step-free',
      { ...BASE, text: 'singing', centre, radiusMetres: 10_000, age: 72, accessibility: ['step-free'] },
    ],
    ['"debt advice", whole area, ranked', { ...BASE, text: 'debt advice' }],
    ['"knitting" with a typo ("knittting"), 10 km', { ...BASE, text: 'knittting', centre, radiusMetres: 10_000 }],
    ['need bereavement, 25 km, page 3', { ...BASE, needCode: 'bereavement', centre, radiusMetres: 25_000, offset: 40 }],
  ]
  const all: number[] = []
  for (const [name, criteria] of cases) {
    for (let i = 0; i < 10; i++) await searchDirectory(scope, criteria, 90)
    const times: number[] = []
    let total = 0
    for (let i = 0; i < runs; i++) {
      const started = performance.now()
      const result = await searchDirectory(scope, criteria, 90)
      times.push(performance.now() - started)
      total = result.total
    }
    times.sort((a, b) => a - b)
    all.push(...times)
    console.log(
      `${label}: ${name.padEnd(48)} ${String(total).padStart(6)} matches  p50 ${percentile(times, 50).toFixed(1)} ms  p95 ${percentile(times, 95).toFixed(1)} ms`,
    )
  }
  all.sort((a, b) => a - b)
  console.log(
    `${label}: ALL ${all.length} searches  p50 ${percentile(all, 50).toFixed(1)} ms  p95 ${percentile(all, 95).toFixed(1)} ms  p99 ${percentile(all, 99).toFixed(1)} ms`,
  )

  // Suggestions for one person (issue 11): three needs and their interests, near home, ranked and explained. Its
  // baseline is one search above (need loneliness, 5 km): suggestions answer three needs and the interests from
  // one nearest-first statement, then two detail queries.
  const person = {
    needs: ['loneliness', 'low-mood', 'physical-inactivity'],
    interests: interestWords('Singing, knitting and gardening'),
    barriers: ['transport'],
    age: 72,
  }
  const today = new Date().toISOString().slice(0, 10)
  for (let i = 0; i < 10; i++) await suggestFor(scope, person, centre, 90, today)
  const times: number[] = []
  let shown = 0
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    shown = (await suggestFor(scope, person, centre, 90, today)).length
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  console.log(
    `${label}: suggestions (3 needs + interests, 8 km, ${shown} shown)${' '.repeat(8)} p50 ${percentile(times, 50).toFixed(1)} ms  p95 ${percentile(times, 95).toFixed(1)} ms  p99 ${percentile(times, 99).toFixed(1)} ms`,
  )
}

async function onPostgres(count: number, runs: number, areas: number): Promise<void> {
  const adminUrl = process.env['WAYMARK_BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query('drop database if exists waymark_bench_directory')
  await admin.query('create database waymark_bench_directory')
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = '/waymark_bench_directory'
  const connection = connectDatabase(url.toString(), 4)
  try {
    await migrateDatabase(connection.pool)
    await runBench('postgresql', connection.db, count, runs, areas)
  } finally {
    await connection.close()
  }
}

async function onEmbedded(count: number, runs: number, areas: number): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'waymark-bench-directory-'))
  const embedded = await startEmbeddedDatabase(dir, 4)
  const connection = connectDatabase(embedded.url, 4)
  try {
    await migrateDatabase(connection.pool)
    await runBench('pglite', connection.db, count, runs, areas)
  } finally {
    await connection.close()
    await embedded.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Runs the directory benchmark; `npm run bench` can call this. */
export async function benchDirectory(
  options: { database?: string; services?: number; runs?: number; areas?: number } = {},
): Promise<void> {
  const areas = options.areas ?? 100
  const database = options.database ?? 'both'
  const count = options.services ?? 100_000
  const runs = options.runs ?? 200
  if (database === 'postgres' || database === 'both') await onPostgres(count, runs, areas)
  if (database === 'embedded' || database === 'both') await onEmbedded(count, runs, areas)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      database: { type: 'string' },
      services: { type: 'string' },
      runs: { type: 'string' },
      areas: { type: 'string' },
    },
  })
  await benchDirectory({
    database: values.database,
    services: values.services ? Number(values.services) : undefined,
    runs: values.runs ? Number(values.runs) : undefined,
    areas: values.areas ? Number(values.areas) : undefined,
  })
}

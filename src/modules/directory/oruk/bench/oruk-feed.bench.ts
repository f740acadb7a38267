// SPDX-License-Identifier: AGPL-3.0-or-later
// Measures the open ORUK feed on a national-scale directory: 100,000 services, each at its own location spread
// over England, with schedules and taxonomy terms. Run on PostgreSQL or the embedded database:
//   node --import tsx src/modules/directory/oruk/bench/oruk-feed.bench.ts postgres [services]
//   node --import tsx src/modules/directory/oruk/bench/oruk-feed.bench.ts embedded [services]
// PostgreSQL: uses WAYMARK_BENCH_POSTGRES_URL's server (default postgres://postgres@127.0.0.1:5432) and its own
// database `waymark_bench_oruk`, seeded once. Embedded: a fresh data folder under the system temp folder.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { buildApp } from '../../../../app.ts'
import { loadConfig } from '../../../../config.ts'
import { connectDatabase, migrateDatabase, type Database, type Tx } from '../../../../platform/db/database.ts'
import { startEmbeddedDatabase } from '../../../../platform/db/embedded.ts'

const kind = process.argv[2] === 'embedded' ? 'embedded' : 'postgres'
const SERVICES = Number(process.argv[3] ?? 100_000)
const AREA_NAME = `ORUK benchmark ${SERVICES}`
const POSTCODE = 'YY1 1YY'
const CENTRE = { latitude: 52.48, longitude: -1.9 }

async function openDatabase(): Promise<{ url: string; close: () => Promise<void> }> {
  if (kind === 'embedded') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'waymark-oruk-bench-'))
    const embedded = await startEmbeddedDatabase(dir)
    return {
      url: embedded.url,
      close: async () => {
        await embedded.stop()
        rmSync(dir, { recursive: true, force: true })
      },
    }
  }
  const server = process.env['WAYMARK_BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432'
  const admin = new pg.Client({ connectionString: `${server}/postgres` })
  await admin.connect()
  const exists = await admin.query(`select 1 from pg_database where datname = 'waymark_bench_oruk'`)
  if (exists.rowCount === 0) await admin.query('create database waymark_bench_oruk')
  await admin.end()
  // A bad plan should fail the run, not hang it.
  return {
    url: `${server}/waymark_bench_oruk?options=-c%20statement_timeout%3D20000${process.env['BENCH_EXPLAIN'] ? '%20-c%20session_preload_libraries%3Dauto_explain%20-c%20auto_explain.log_min_duration%3D15%20-c%20auto_explain.log_analyze%3Don' : ''}`,
    close: async () => undefined,
  }
}

async function seed(db: Database): Promise<string> {
  const found = await db.execute<{ id: string }>(sql`select id from areas where name = ${AREA_NAME}`)
  if (found.rows[0]) return found.rows[0].id
  const started = performance.now()
  const areaId = await db.transaction(async (tx) => seedArea(tx))
  await db.execute(sql`analyze`)
  console.log(`seeded ${SERVICES} services in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  return areaId
}

async function seedArea(db: Tx): Promise<string> {
  const [area] = (await db.execute<{ id: string }>(sql`insert into areas (name) values (${AREA_NAME}) returning id`))
    .rows
  const areaId = area!.id
  const n = SERVICES
  await db.execute(sql`insert into postcodes (postcode, latitude, longitude) values (${POSTCODE}, ${CENTRE.latitude}, ${CENTRE.longitude})
    on conflict (postcode) do update set latitude = excluded.latitude, longitude = excluded.longitude`)
  await db.execute(sql`insert into directory_taxonomies (id, name, description, uri)
    values (md5('bench-taxonomy')::uuid, 'Benchmark activities', 'Benchmark', 'https://bench.example/taxonomy')
    on conflict do nothing`)
  await db.execute(sql`insert into directory_taxonomy_terms (id, taxonomy_id, code, name, description)
    select md5('bench-term' || t)::uuid, md5('bench-taxonomy')::uuid, 'term-' || t, 'Activity ' || t, 'Activity ' || t
    from generate_series(0, 19) t on conflict do nothing`)
  await db.execute(sql`insert into directory_organizations (area_id, id, name, description)
    select ${areaId}, md5(${areaId} || 'org' || i)::uuid, 'Organisation ' || i, 'A community organisation'
    from generate_series(0, 999) i`)
  await db.execute(sql`insert into directory_services (area_id, id, organization_id, name, description, status, minimum_age, maximum_age, assured_date)
    select ${areaId}, md5(${areaId} || 'svc' || i)::uuid, md5(${areaId} || 'org' || (i % 1000))::uuid,
      (array['Walking','Knitting','Choir','Gardening','Art','Cooking','Football','Yoga','Men''s shed','Book'])[i % 10 + 1]
        || ' ' || (array['group','club','circle','café','class'])[(i / 10) % 5 + 1] || ' ' || i,
      'A friendly ' || (array['weekly','monthly','drop-in','evening','morning'])[i % 5 + 1] || ' session for '
        || (array['newcomers','older people','carers','young people','everyone'])[(i / 5) % 5 + 1]
        || ' near ' || (array['the park','the library','the community centre','the church hall','the leisure centre'])[(i / 25) % 5 + 1],
      'active', (array[0, 16, 18, 50, 65])[i % 5 + 1], (array[null, 99, 120, 25, 110])[(i / 3) % 5 + 1]::int,
      current_date - (i % 200)
    from generate_series(0, ${n - 1}) i`)
  // Locations spread over England (50.5–55.5 N, 3.5 W–0.5 E), one per service.
  await db.execute(sql`insert into directory_locations (area_id, id, name, latitude, longitude)
    select ${areaId}, md5(${areaId} || 'loc' || i)::uuid, 'Venue ' || i,
      50.5 + ((i::bigint * 7919) % 100000) / 20000.0, -3.5 + ((i::bigint * 104729) % 100000) / 25000.0
    from generate_series(0, ${n - 1}) i`)
  await db.execute(sql`insert into directory_service_at_locations (area_id, id, service_id, location_id)
    select ${areaId}, md5(${areaId} || 'sal' || i)::uuid, md5(${areaId} || 'svc' || i)::uuid, md5(${areaId} || 'loc' || i)::uuid
    from generate_series(0, ${n - 1}) i`)
  await db.execute(sql`insert into directory_addresses (area_id, id, location_id, address1, city, postal_code)
    select ${areaId}, md5(${areaId} || 'adr' || i)::uuid, md5(${areaId} || 'loc' || i)::uuid, i || ' High Street', 'Town', 'YY1 1YY'
    from generate_series(0, ${n - 1}) i`)
  await db.execute(sql`insert into directory_schedules (area_id, id, service_id, freq, byday, opens_at, closes_at)
    select ${areaId}, md5(${areaId} || 'sch' || i)::uuid, md5(${areaId} || 'svc' || i)::uuid, 'WEEKLY',
      (array['MO','TU','WE','TH','FR','SA','SU'])[i % 7 + 1], make_time(9 + (i % 11), 0, 0), make_time(11 + (i % 11), 0, 0)
    from generate_series(0, ${n - 1}) i`)
  await db.execute(sql`insert into directory_attributes (area_id, id, link_id, taxonomy_term_id, link_type)
    select ${areaId}, md5(${areaId} || 'att' || i)::uuid, md5(${areaId} || 'svc' || i)::uuid, md5('bench-term' || (i % 20))::uuid, 'activity'
    from generate_series(0, ${n - 1}) i`)
  return areaId
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

async function main(): Promise<void> {
  const database = await openDatabase()
  const connection = connectDatabase(database.url, 4)
  await migrateDatabase(connection.pool)
  const areaId = await seed(connection.db)
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    WAYMARK_DATA_DIR: path.join(os.tmpdir(), 'waymark-bench-unused'),
    WAYMARK_SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    WAYMARK_SEED_DEMO: 'false',
    WAYMARK_LOG_LEVEL: 'silent',
  })
  const { app } = await buildApp({ config, db: connection.db, logger: false })
  const base = `/oruk/areas/${areaId}`
  const pc = encodeURIComponent(POSTCODE)
  const someService = (
    await connection.db.execute<{ id: string }>(sql`select md5(${areaId} || 'svc' || 4242)::uuid::text as id`)
  ).rows[0]!.id
  // The taxonomy term id is derived like the seed's.
  const termId = (await connection.db.execute<{ id: string }>(sql`select md5('bench-term' || 3)::uuid::text as id`))
    .rows[0]!.id
  const queries: [string, string][] = [
    ['search + postcode + proximity 2 km', `${base}/services?search=walking&postcode=${pc}&proximity=2000`],
    [
      'search + postcode + 10 km + day + time',
      `${base}/services?search=walking&postcode=${pc}&proximity=10000&day=TU&start_time=17:00`,
    ],
    ['search + postcode + proximity 5 km', `${base}/services?search=walking&postcode=${pc}&proximity=5000`],
    ['postcode + proximity 5 km', `${base}/services?postcode=${pc}&proximity=5000`],
    ['postcode + proximity 50 km', `${base}/services?postcode=${pc}&proximity=50000`],
    ['search only', `${base}/services?search=choir`],
    ['postcode only (service-area coverage)', `${base}/services?postcode=${pc}`],
    ['taxonomy term + minimum age', `${base}/services?taxonomy_term_id=${termId}&minimum_age=18`],
    ['no filter, page 1', `${base}/services`],
    ['no filter, page 1000 of 50', `${base}/services?page=1000&per_page=50`],
    ['fully nested service', `${base}/services/${someService}`],
    ['service_at_locations + 5 km', `${base}/service_at_locations?postcode=${pc}&proximity=5000`],
  ]
  const runs = Number(process.env['BENCH_RUNS'] ?? 100)
  console.log(`\n${kind}, ${SERVICES} services, ${runs} sequential requests each (after 10 warm-up)`)
  console.log('query | items | total | p50 ms | p95 ms | max ms')
  for (const [name, url] of queries) {
    // Each request from its own address, so the feed's per-address rate limit does not answer instead.
    let client = 0
    const get = () =>
      app.inject({
        method: 'GET',
        url,
        remoteAddress: `10.${(client >> 16) & 255}.${(client >> 8) & 255}.${client++ & 255}`,
      })
    const first = await get()
    if (first.statusCode !== 200) throw new Error(`${url} answered ${first.statusCode}: ${first.body.slice(0, 300)}`)
    const body = JSON.parse(first.body) as { total_items?: number; size?: number }
    for (let i = 0; i < 10; i++) await get()
    const times: number[] = []
    for (let i = 0; i < runs; i++) {
      const t = performance.now()
      await get()
      times.push(performance.now() - t)
    }
    times.sort((a, b) => a - b)
    console.log(
      `${name} | ${body.size ?? 1} | ${body.total_items ?? '-'} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} | ${times.at(-1)!.toFixed(1)}`,
    )
  }
  await app.close()
  await connection.close()
  await database.close()
}

await main()

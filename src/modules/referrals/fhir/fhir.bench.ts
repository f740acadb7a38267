// SPDX-License-Identifier: AGPL-3.0-or-later
// Measures the referral API: schema compile, validation, POST latency, and search latency over a service with
// many referrals. Run against a scratch PostgreSQL database (it is migrated, then filled):
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/r2_bench node --import tsx src/modules/referrals/fhir/fhir.bench.ts [referrals]
import { randomUUID } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { buildApp } from '../../../app.ts'
import { loadConfig } from '../../../config.ts'
import { connectDatabase, migrateDatabase } from '../../../platform/db/database.ts'
import { createMemoryEmailSender } from '../../../platform/email/email.ts'
import { createApiKeyForOrganisation } from '../../api-clients/index.ts'
import { createOrganisation } from '../../identity/index.ts'
import { parseReferralRequest } from './fhir-referral.ts'
import { fhirSchemaValidator } from './fhir-schema.ts'
import { containedReferral } from './fhir.fixtures.ts'

const databaseUrl = process.env['DATABASE_URL']
if (!databaseUrl) throw new Error('Set DATABASE_URL to a scratch PostgreSQL database')
const bulk = Number(process.argv[2] ?? 100_000)

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}
function report(label: string, values: number[]): void {
  console.log(
    `${label.padEnd(48)} n=${String(values.length).padStart(4)}  p50 ${percentile(values, 50).toFixed(2)} ms  p95 ${percentile(values, 95).toFixed(2)} ms`,
  )
}

const compileStarted = performance.now()
const schema = fhirSchemaValidator()
console.log(`FHIR schema read + compile (cold, this process): ${(performance.now() - compileStarted).toFixed(0)} ms`)

const serviceIdForParse = randomUUID()
const parseTimes: number[] = []
for (let i = 0; i < 2000; i++) {
  const body = containedReferral({ serviceId: serviceIdForParse })
  const started = performance.now()
  parseReferralRequest(body, 'ServiceRequest', schema, new Date())
  parseTimes.push(performance.now() - started)
}
report('validate + map one referral (schema + rules)', parseTimes)

const connection = connectDatabase(databaseUrl, 8)
await migrateDatabase(connection.pool)
const config = loadConfig({
  NODE_ENV: 'test',
  DATABASE_URL: databaseUrl,
  WAYMARK_DATA_DIR: path.join(os.tmpdir(), 'waymark-bench-unused'),
  WAYMARK_SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
  WAYMARK_SEED_DEMO: 'false',
  WAYMARK_LOG_LEVEL: 'silent',
  WAYMARK_API_RATE_LIMIT: '100000',
})
const { app } = await buildApp({ config, db: connection.db, email: createMemoryEmailSender(), logger: false })
const suffix = randomUUID().slice(0, 8)
const areaName = `Bench area ${suffix}`
const service = await createOrganisation(connection.db, {
  areaName,
  name: `Bench service ${suffix}`,
  type: 'social-prescribing-service',
})
const gp = await createOrganisation(connection.db, { areaName, name: `Bench GP ${suffix}`, type: 'gp-practice' })
const serviceKey = (await createApiKeyForOrganisation(connection.db, { organisation: service.id, name: 'bench' })).key
const gpKey = (await createApiKeyForOrganisation(connection.db, { organisation: gp.id, name: 'bench' })).key

const postTimes: number[] = []
for (let i = 0; i < 100; i++) {
  const started = performance.now()
  const response = await app.inject({
    method: 'POST',
    url: '/fhir/ServiceRequest',
    headers: {
      authorization: `Bearer ${gpKey}`,
      'content-type': 'application/fhir+json',
      'idempotency-key': randomUUID(),
    },
    payload: JSON.stringify(containedReferral({ serviceId: service.id })),
  })
  postTimes.push(performance.now() - started)
  if (response.statusCode !== 201) throw new Error(response.body)
}
report('POST /fhir/ServiceRequest (201, audited)', postTimes)

// Bulk: referrals for the same service, straight into the tables (the API would take too long to fill them).
const filled = performance.now()
await connection.db.execute(sql`
  insert into people (organisation_id, id, given_name, family_name, date_of_birth, nhs_number, postcode)
  select ${service.id}::uuid, md5('p' || g)::uuid, 'Given' || g, 'Family' || g, date '1950-01-01' + (g % 20000),
         lpad((g % 1000000000)::text, 10, '0'), 'LS1 4AP'
  from generate_series(1, ${bulk}) g`)
await connection.db.execute(sql`
  insert into referrals (organisation_id, id, reference, submission_key, person_id, source, intensity, referrer_organisation_id,
                         referrer_name, needs, urgency, status, business_status, status_reason, received_at, contact_target_date, updated_at)
  select ${service.id}::uuid, md5('r' || g)::uuid, 'WM-B' || g, 'bench-' || g, md5('p' || g)::uuid, 'api', 'link-worker', ${gp.id}::uuid,
         'Dr Bench', array['loneliness'], 'routine',
         (array['requested','accepted','in-progress','completed','rejected'])[1 + g % 5],
         (array['received','allocated','first-contact-made','closed','declined-by-service'])[1 + g % 5],
         case when g % 5 = 4 then 'Declined in bench' end,
         now() - (g || ' minutes')::interval, current_date + 10, now() - (g || ' minutes')::interval
  from generate_series(1, ${bulk}) g`)
await connection.db.execute(sql`analyze referrals; analyze people`)
console.log(`filled ${bulk} referrals in ${((performance.now() - filled) / 1000).toFixed(1)} s`)

async function time(label: string, url: string, key: string): Promise<void> {
  const times: number[] = []
  for (let i = 0; i < 30; i++) {
    const started = performance.now()
    const response = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } })
    times.push(performance.now() - started)
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.body}`)
  }
  report(label, times)
}
await time('GET /fhir/Task?status=requested&_count=20 (service)', '/fhir/Task?status=requested&_count=20', serviceKey)
await time('GET /fhir/Task?_count=20&_offset=5000 (service)', '/fhir/Task?_count=20&_offset=5000', serviceKey)
await time(
  'GET /fhir/Task?_lastUpdated=gt<1h ago> (service)',
  `/fhir/Task?_lastUpdated=gt${new Date(Date.now() - 3_600_000).toISOString()}`,
  serviceKey,
)
await time(
  'GET /fhir/ServiceRequest?patient=<nhs> (service)',
  `/fhir/ServiceRequest?patient=${encodeURIComponent('https://fhir.nhs.uk/Id/nhs-number|0000012345')}`,
  serviceKey,
)
await time('GET /fhir/Task?status=requested&_count=20 (referrer)', '/fhir/Task?status=requested&_count=20', gpKey)
await time(
  'GET /fhir/Task/{id} (service)',
  `/fhir/Task/${(await connection.db.execute<{ id: string }>(sql`select md5('r1')::uuid as id`)).rows[0]!.id}`,
  serviceKey,
)

await app.close()
await connection.close()

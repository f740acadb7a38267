// SPDX-License-Identifier: AGPL-3.0-or-later
// Outcomes at the size of a large service's five years: the demo area plus `--measures` completed questionnaires
// (default 100,000, inserted in bulk across the demo service's episodes). Times the FHIR reads through the app
// (app.inject, one request at a time) beside GET /fhir/metadata, a JSON route through the same stack that reads
// nothing, and one run of the daily reminder job, which now looks at every open episode for questionnaires due.
//
//   node --import tsx scripts/bench-outcomes.ts [--measures 100000] [--runs 50]
//
// PostgreSQL only: WAYMARK_BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres); a scratch
// database `waymark_bench_outcomes` is dropped and re-created there.
import { parseArgs } from 'node:util'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { buildBenchApp } from './bench/bench-app.ts'
import { connectDatabase, migrateDatabase } from '../src/platform/db/database.ts'
import { createMemoryEmailSender } from '../src/platform/email/email.ts'
import { createApiKeyForOrganisation } from '../src/modules/api-clients/index.ts'
import { sendCaseworkReminders } from '../src/modules/casework/index.ts'
import { seedDemoArea } from '../src/seed/demo.ts'
import { DEMO_ORGANISATIONS } from '../src/seed/demo-accounts.ts'

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

export async function benchOutcomes(options: { measures?: number; runs?: number } = {}): Promise<void> {
  const measures = options.measures ?? 100_000
  const runs = options.runs ?? 50
  const adminUrl = process.env['WAYMARK_BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query('drop database if exists waymark_bench_outcomes')
  await admin.query('create database waymark_bench_outcomes')
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = '/waymark_bench_outcomes'
  const connection = connectDatabase(url.toString(), 4)
  const { db } = connection
  try {
    await migrateDatabase(connection.pool)
    const demo = await seedDemoArea(db)
    const serviceKey = DEMO_ORGANISATIONS.find((o) => o.type === 'social-prescribing-service')!.key
    const service = demo.organisations.get(serviceKey)!
    const started = Date.now()
    // UCLA-3 at baseline and follow-ups, spread over every episode and five years; a few a person, as in life.
    await db.execute(sql`
      with numbered as (
        select e.*, row_number() over (order by e.id) - 1 as n, count(*) over () as total
        from casework_episodes e where e.organisation_id = ${service.id})
      insert into outcome_measures (organisation_id, episode_id, referral_id, person_id, instrument_key,
        instrument_version, timepoint, completed_on, collected_by, answers, scores, submission_key,
        recorded_by_name, created_at)
      select e.organisation_id, e.id, e.referral_id, e.person_id, 'ucla3', 1,
        case when g % 3 = 0 then 'baseline' else 'follow-up' end,
        current_date - (g % 1800), 'link-worker',
        jsonb_build_object('companionship', 1 + g % 3, 'leftOut', 1 + (g / 3) % 3, 'isolated', 1 + (g / 9) % 3),
        jsonb_build_object('total', 3 + g % 3 + (g / 3) % 3 + (g / 9) % 3),
        'bench-' || g, 'Bench', now() - make_interval(mins => g)
      from generate_series(0, ${measures - 1}) g
      join numbered e on e.n = g % e.total`)
    await db.execute(sql`analyze outcome_measures`)
    console.log(`postgresql: ${measures} measures inserted in ${Math.round((Date.now() - started) / 1000)} s`)

    const sample = await db.execute<{ id: string; referral_id: string; nhs_number: string }>(sql`
      select m.id, m.referral_id, p.nhs_number from outcome_measures m
      join people p on p.organisation_id = m.organisation_id and p.id = m.person_id
      where m.organisation_id = ${service.id} and p.nhs_number is not null
      order by m.created_at desc limit 1`)
    const { id: measureId, referral_id: referralId, nhs_number: nhsNumber } = sample.rows[0]!
    const { key } = await createApiKeyForOrganisation(db, { organisation: service.id, name: 'Bench' })

    const app = await buildBenchApp(url.toString(), db)
    try {
      const time = async (label: string, path: string): Promise<number> => {
        const get = () => app.inject({ method: 'GET', url: path, headers: { authorization: `Bearer ${key}` } })
        const warm = await get()
        if (warm.statusCode !== 200) throw new Error(`${path} answered ${warm.statusCode}: ${warm.body.slice(0, 200)}`)
        const times: number[] = []
        for (let i = 0; i < runs; i++) {
          const t = performance.now()
          await get()
          times.push(performance.now() - t)
        }
        times.sort((a, b) => a - b)
        const p50 = percentile(times, 50)
        console.log(
          `postgresql: ${label.padEnd(52)} p50 ${p50.toFixed(1).padStart(6)} ms  p95 ${percentile(times, 95).toFixed(1).padStart(6)} ms`,
        )
        return p50
      }
      const bare = await time('GET /fhir/metadata (baseline: no database)', '/fhir/metadata')
      const ratios: [string, number][] = []
      for (const [label, path] of [
        ['GET /fhir/QuestionnaireResponse/{id}', `/fhir/QuestionnaireResponse/${measureId}`],
        ['GET /fhir/QuestionnaireResponse?_count=20 (newest)', '/fhir/QuestionnaireResponse?_count=20'],
        [
          'GET /fhir/QuestionnaireResponse?based-on=…',
          `/fhir/QuestionnaireResponse?based-on=ServiceRequest/${referralId}`,
        ],
        ['GET /fhir/Observation?patient=<NHS number>', `/fhir/Observation?patient=${nhsNumber}`],
        ['GET /fhir/Questionnaire (7 instruments)', '/fhir/Questionnaire'],
      ] as const)
        ratios.push([label, (await time(label, path)) / bare])
      for (const [label, ratio] of ratios)
        console.log(`postgresql: ${label.padEnd(52)} ${ratio.toFixed(1)}× the baseline`)

      const t = performance.now()
      const sent = await sendCaseworkReminders(db, createMemoryEmailSender(), 'http://bench.example')
      const open = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from casework_episodes where closed_on is null`,
      )
      console.log(
        `postgresql: reminder job over ${open.rows[0]!.n} open episodes, questionnaires included: ` +
          `${Math.round(performance.now() - t)} ms, ${sent} emails`,
      )
    } finally {
      await app.close()
    }
  } finally {
    await connection.close()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { measures: { type: 'string' }, runs: { type: 'string' } } })
  await benchOutcomes({
    ...(values.measures ? { measures: Number(values.measures) } : {}),
    ...(values.runs ? { runs: Number(values.runs) } : {}),
  })
}

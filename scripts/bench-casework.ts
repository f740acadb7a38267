// SPDX-License-Identifier: AGPL-3.0-or-later
// Casework at the size of a busy service: 20 link workers with 250 open episodes each (5,000 people; a full-time
// worker supports 200–250 people a year, so this is every one of them open at once). Each worker's first case
// is made through the real services (referral, acceptance, episode, contact); the rest are copies made in SQL
// so the bench starts in seconds. One person in five has a flag, one in ten a second (closed) referral, and 200
// duplicates are merged into other records. Then it times the pages a link worker and a supervisor use all day.
//
//   node --import tsx scripts/bench-casework.ts [--database postgres|embedded|both] [--workers 20]
//     [--per-worker 250] [--runs 40]
//
// PostgreSQL: WAYMARK_BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres); a scratch
// database `waymark_bench_casework` is dropped and re-created there. Embedded: a PGlite folder in /tmp.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { buildBenchApp } from './bench/bench-app.ts'
import { createOrganisation, createUserWithMembership } from '../src/modules/identity/index.ts'
import { changeReferral, exampleSubmission, submitReferral } from '../src/modules/referrals/index.ts'
import { openCase, recordContact } from '../src/modules/casework/index.ts'
import { londonToday } from '../src/modules/casework/casework.ts'
import { connectDatabase, migrateDatabase, type Database } from '../src/platform/db/database.ts'
import { scopeForSystemTask } from '../src/platform/db/org-scope.ts'
import { startEmbeddedDatabase } from '../src/platform/db/embedded.ts'
import { WebSession } from '../test/helpers/web-session.ts'
import { timeGets } from './timing.ts'

const POSTGRES_URL = process.env['WAYMARK_BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const { values } = parseArgs({
  options: {
    database: { type: 'string', default: 'both' },
    workers: { type: 'string', default: '20' },
    'per-worker': { type: 'string', default: '250' },
    runs: { type: 'string', default: '40' },
  },
})
const WORKERS = Number(values.workers)
const PER_WORKER = Number(values['per-worker'])
const RUNS = Number(values.runs)
const PASSWORD = 'bench-password-bench-password'

interface Service {
  organisationId: string
  supervisorEmail: string
  workers: { userId: string; email: string; referralId: string; personId: string }[]
}

async function createService(db: Database): Promise<Service> {
  const organisation = await createOrganisation(db, {
    areaName: 'Bench area',
    name: 'Bench social prescribing service',
    type: 'social-prescribing-service',
  })
  const scope = scopeForSystemTask(db, organisation, 'the casework bench builds its own service')
  const supervisorEmail = 'supervisor@bench.example'
  const { userId: supervisorId } = await createUserWithMembership(db, {
    email: supervisorEmail,
    displayName: 'Bench Supervisor',
    password: PASSWORD,
    organisationId: organisation.id,
    roles: ['supervisor'],
  })
  const system = {
    userId: supervisorId,
    organisationId: organisation.id,
    role: 'bench',
    ipAddress: null,
    correlationId: null,
  }
  const actor = { audit: system, userId: supervisorId, name: 'Bench Supervisor' }
  const workers: Service['workers'] = []
  for (let i = 0; i < WORKERS; i += 1) {
    const email = `worker-${i}@bench.example`
    const { userId } = await createUserWithMembership(db, {
      email,
      displayName: `Worker ${i}`,
      password: PASSWORD,
      organisationId: organisation.id,
      roles: ['link-worker'],
    })
    const { referralId } = await submitReferral(
      db,
      exampleSubmission(organisation.id, {
        person: { ...exampleSubmission(organisation.id).person, nhsNumber: null, familyName: `Thomson-${i}` },
      }),
      system,
    )
    await changeReferral(scope, referralId, { kind: 'accept', ownerUserId: userId }, actor)
    const workerActor = { audit: { ...system, userId }, userId, name: `Worker ${i}` }
    const { episode } = await openCase(scope, referralId, workerActor)
    await recordContact(
      scope,
      referralId,
      {
        submissionKey: `bench-first-contact-${i}`,
        type: 'phone',
        contactOn: londonToday(),
        durationMinutes: 20,
        whoWasThere: '',
        notes: 'First call.',
        riskCheck: null,
        nextContactOn: null,
      },
      workerActor,
    )
    workers.push({ userId, email, referralId, personId: episode.personId })
  }
  return { organisationId: organisation.id, supervisorEmail, workers }
}

/**
 * Copies each worker's case (person, referral, episode) `PER_WORKER - 1` times in three statements, spreading
 * review dates so the caseload has overdue, due and later work. jsonb_populate_record copies every column, so
 * the copies stay valid as the tables grow.
 */
async function cloneCases(db: Database, service: Service): Promise<void> {
  await db.execute(sql`
    create temporary table bench_copies on commit preserve rows as
    select e.referral_id as src_referral, e.person_id as src_person, e.id as src_episode, n,
           gen_random_uuid() as new_referral, gen_random_uuid() as new_person, gen_random_uuid() as new_episode
    from casework_episodes e, generate_series(1, ${PER_WORKER - 1}) as n
    where e.organisation_id = ${service.organisationId}`)
  await db.execute(sql`
    insert into people
    select (jsonb_populate_record(null::people, to_jsonb(p) || jsonb_build_object(
      'id', c.new_person, 'given_name', 'Person ' || c.n, 'family_name', p.family_name || '-' || c.n))).*
    from bench_copies c join people p on p.id = c.src_person`)
  await db.execute(sql`
    insert into referrals
    select (jsonb_populate_record(null::referrals, to_jsonb(r) || jsonb_build_object(
      'id', c.new_referral, 'person_id', c.new_person, 'reference', r.reference || '-' || c.n,
      'submission_key', gen_random_uuid()::text,
      'received_at', r.received_at - make_interval(days => c.n % 90)))).*
    from bench_copies c join referrals r on r.id = c.src_referral`)
  await db.execute(sql`
    insert into casework_episodes
    select (jsonb_populate_record(null::casework_episodes, to_jsonb(e) || jsonb_build_object(
      'id', c.new_episode, 'referral_id', c.new_referral, 'person_id', c.new_person,
      'complexity', 1 + c.n % 3,
      'next_review_on', (current_date + (c.n % 60 - 10))::text,
      'last_contact_on', (current_date - (c.n % 40))::text))).*
    from bench_copies c join casework_episodes e on e.id = c.src_episode`)
  // Flags on one person in five; a second, closed referral for one in ten; 200 duplicates merged away.
  await db.execute(sql`
    insert into person_flags (organisation_id, person_id, kind, details, raised_by_name, raised_at)
    select p.organisation_id, p.id, (array['safeguarding','lone-working','other-risk'])[1 + (row_number() over ()) % 3],
           'Bench flag', 'Bench', now()
    from people p where p.organisation_id = ${service.organisationId} and abs(hashtext(p.id::text)) % 5 = 0`)
  await db.execute(sql`
    insert into referrals
    select (jsonb_populate_record(null::referrals, to_jsonb(r) || jsonb_build_object(
      'id', gen_random_uuid(), 'reference', r.reference || '-old', 'submission_key', gen_random_uuid()::text,
      'status', 'completed', 'business_status', 'closed', 'received_at', r.received_at - interval '400 days'))).*
    from referrals r where r.organisation_id = ${service.organisationId} and abs(hashtext(r.id::text)) % 10 = 0`)
  await db.execute(sql`
    with duplicates as (
      select p.id, (select k.id from people k where k.organisation_id = p.organisation_id and k.id <> p.id
                    and k.merged_into_person_id is null order by k.id limit 1) as kept
      from people p where p.organisation_id = ${service.organisationId} order by p.id desc limit 200)
    update people set merged_into_person_id = d.kept from duplicates d
    where people.id = d.id and people.organisation_id = ${service.organisationId}
      and d.kept not in (select id from duplicates)`)
  await db.execute(sql`analyze`)
}

async function time(session: WebSession, url: string): Promise<string> {
  const { p50, p95 } = await timeGets(session, url, RUNS)
  return `p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`
}

async function bench(label: string, url: string): Promise<void> {
  const connection = connectDatabase(url, 10)
  await migrateDatabase(connection.pool)
  const started = performance.now()
  const service = await createService(connection.db)
  await cloneCases(connection.db, service)
  process.stdout.write(
    `  ${label}: ${WORKERS} workers × ${PER_WORKER} open episodes in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  )
  const app = await buildBenchApp(url, connection.db)
  try {
    const worker = new WebSession(app)
    await worker.signIn(service.workers[0]!.email, PASSWORD)
    const supervisor = new WebSession(app)
    await supervisor.signIn(service.supervisorEmail, PASSWORD)
    const first = service.workers[0]!
    const pages: [WebSession, string, string][] = [
      [worker, `/caseload (${PER_WORKER} people with their flags, most urgent first)`, '/caseload'],
      [worker, '/caseload sorted by name, page 5', '/caseload?sort=name&page=5'],
      [worker, '/caseload/:id (episode page)', `/caseload/${first.referralId}`],
      [worker, '/people/:id (person record)', `/people/${first.personId}`],
      [supervisor, '/people/:id (person record, with possible duplicates)', `/people/${first.personId}`],
      [worker, '/people?name= (name matching 250 people, page 1)', '/people?name=Thomson-1'],
      [worker, '/people?name= (one word matching everyone, page 50)', '/people?name=thomson&page=50'],
      [worker, '/people?nhsNumber= (no match)', '/people?nhsNumber=9434765919'],
      [worker, '/people?dob= (date of birth, everyone)', '/people?dobDay=27&dobMonth=3&dobYear=1948'],
      [supervisor, `/team (${WORKERS} workers, ${WORKERS * PER_WORKER} episodes)`, '/team'],
      [supervisor, '/team/:userId (one worker’s caseload)', `/team/${first.userId}`],
    ]
    for (const [session, name, path] of pages) {
      process.stdout.write(`  ${label.padEnd(18)} ${name.padEnd(58)} ${await time(session, path)}\n`)
    }
  } finally {
    await app.close()
    await connection.close()
  }
}

async function onPostgres(): Promise<void> {
  const admin = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 })
  try {
    await admin.connect()
  } catch {
    process.stdout.write(`  PostgreSQL: skipped, nothing answered at ${POSTGRES_URL}\n`)
    return
  }
  await admin.query('drop database if exists waymark_bench_casework with (force)')
  await admin.query('create database waymark_bench_casework')
  const url = new URL(POSTGRES_URL)
  url.pathname = '/waymark_bench_casework'
  try {
    await bench('PostgreSQL', url.toString())
  } finally {
    await admin.query('drop database if exists waymark_bench_casework with (force)')
    await admin.end()
  }
}

async function onEmbedded(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'waymark-bench-casework-'))
  const embedded = await startEmbeddedDatabase(dir, 32)
  try {
    await bench('embedded (PGlite)', embedded.url)
  } finally {
    await embedded.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

if (values.database !== 'embedded') await onPostgres()
if (values.database !== 'postgres') await onEmbedded()

// SPDX-License-Identifier: AGPL-3.0-or-later
// What follows a generated plan: connections to the area's community groups with the sessions attended, and the
// questionnaires, health service use and unmet needs of each case. Reads `gen_case`, made by cases.ts in the same
// transaction.
import { sql } from 'drizzle-orm'
import type { Queryable } from '../../platform/db/database.ts'
import { generatedPostcode } from './directory.ts'
import type { Scale } from './scales.ts'
import { hashOf, idOf, pick } from './sql-helpers.ts'
import { insertFromTemplate } from './template.ts'

const CONNECTION_STATUSES = [
  'attended',
  'attended',
  'attended',
  'attended',
  'started',
  'stopped',
  'stopped',
  'accepted',
  'declined',
  'sent',
  'waiting-list',
  'proposed',
]
const UNMET_REASONS = ['none-exists', 'none-exists', 'too-far', 'wrong-time', 'cost', 'access', 'waiting-list', 'full']

export async function generateConnections(db: Queryable, scale: Scale): Promise<Record<string, number>> {
  const A = scale.areas
  const perArea = Math.max(1, Math.floor(scale.directoryServices / A))
  const Hj = (salt: string) => hashOf(`g.n || '-' || j`, salt)
  await db.execute(sql`drop table if exists gen_connection`)
  await db.execute(sql`
    create temporary table gen_connection as
    select g.n, j, g.s, g.w, g.worker_name, g.status as case_status, g.closed_on,
      least(g.first_contact_on + 14, g.last_contact_on) as made_on,
      ${idOf('dir-svc', `g.area + ${A} * ((hashtext((g.n || '-' || j)::text || ':service')::bigint + 2147483648) % ${perArea})`)} as service_id,
      ${pick(CONNECTION_STATUSES, Hj('status'))} as status,
      (1 + ${Hj('sessions')} % 10)::int as sessions
    from gen_case g cross join lateral generate_series(1, g.connections) j
    where g.has_plan`)
  const rows: Record<string, number> = {}
  const c = sql`gen_connection c join directory_services ds on ds.area_id = ${idOf('area', `c.s % ${A}`)} and ds.id = c.service_id`
  rows['connections'] = await insertFromTemplate(db, 'connections', c, {
    organisation_id: idOf('service', 'c.s'),
    id: idOf('connection', `c.n || '-' || c.j`),
    episode_id: idOf('episode', 'c.n'),
    referral_id: idOf('referral', 'c.n'),
    person_id: idOf('person', 'c.n'),
    directory_service_id: sql`c.service_id`,
    service_name: sql`ds.name`,
    goal_key: sql`null`,
    goal_text: sql`''`,
    sharing: sql`'contact'`,
    accompanied_by: sql`'nobody'`,
    first_session_note: sql`''`,
    status: sql`c.status`,
    status_reason: sql`null`,
    status_note: sql`''`,
    status_changed_at: sql`c.made_on + 7 + time '12:00'`,
    submission_key: sql`'gen-connection-' || c.n || '-' || c.j`,
    shared: sql`jsonb_build_object('name', 'Shared at the time', 'bestTimes', 'Mornings')`,
    provider_email: sql`null`,
    response_token_hash: sql`null`,
    response_expires_at: sql`null`,
    responded_at: sql`case when c.status not in ('proposed', 'sent') then c.made_on + 7 + time '12:00' end`,
    created_by_user_id: idOf('worker', 'c.w'),
    created_by_name: sql`c.worker_name`,
    created_at: sql`c.made_on + time '12:00'`,
    row_version: sql`1`,
    nudged_at: sql`null`,
    check_in_code: sql`null`,
    still_attending: sql`case when c.case_status = 'completed' and c.status in ('attended', 'started')
      then ${pick(['yes', 'yes', 'yes', 'no', 'unknown'], hashOf(`c.n || '-' || c.j`, 'still'))} end`,
  })
  rows['connection_attendances'] = await insertFromTemplate(
    db,
    'connection_attendances',
    sql`gen_connection c cross join lateral generate_series(1, c.sessions) i
      where c.status in ('attended', 'started', 'stopped') and c.made_on + 7 * (i + 1) <= coalesce(c.closed_on, current_date)`,
    {
      organisation_id: idOf('service', 'c.s'),
      id: idOf('attendance', `c.n || '-' || c.j || '-' || i`),
      connection_id: idOf('connection', `c.n || '-' || c.j`),
      attended_on: sql`c.made_on + 7 * (i + 1)`,
      recorded_by_name: sql`'Group organiser'`,
      recorded_at: sql`c.made_on + 7 * (i + 1) + time '18:00'`,
    },
  )
  await db.execute(sql`drop table gen_connection`)
  return rows
}

export async function generateOutcomes(db: Queryable): Promise<Record<string, number>> {
  const org = idOf('service', 'g.s')
  const Hg = (salt: string) => hashOf('g.n', salt)
  const rows: Record<string, number> = {}
  // ONS4 at baseline (happiness 2–6, anxiety 4–8) and, for some, at follow-up: a change of −1 to +4.
  const base = {
    happy: sql`(2 + ${Hg('happy')} % 5)`,
    satis: sql`(2 + ${Hg('satis')} % 5)`,
    worth: sql`(3 + ${Hg('worth')} % 5)`,
    anxious: sql`(4 + ${Hg('anxious')} % 5)`,
  }
  const change = sql`(${Hg('change')} % 6 - 1)`
  const scores = (follow: boolean) => {
    const up = (v: typeof base.happy) => (follow ? sql`least(10, greatest(0, ${v} + ${change}))` : v)
    const down = (v: typeof base.happy) => (follow ? sql`least(10, greatest(0, ${v} - ${change}))` : v)
    return { happy: up(base.happy), satis: up(base.satis), worth: up(base.worth), anxious: down(base.anxious) }
  }
  let measures = 0
  for (const follow of [false, true]) {
    const s = scores(follow)
    const where = follow ? sql`gen_case g where g.has_follow_up` : sql`gen_case g where g.has_baseline`
    const common = {
      organisation_id: org,
      episode_id: idOf('episode', 'g.n'),
      referral_id: idOf('referral', 'g.n'),
      person_id: idOf('person', 'g.n'),
      timepoint: sql`${follow ? 'follow-up' : 'baseline'}`,
      completed_on: follow ? sql`g.closed_on` : sql`g.first_contact_on`,
      recorded_by_user_id: idOf('worker', 'g.w'),
      recorded_by_name: sql`g.worker_name`,
      created_at: follow ? sql`g.closed_on + time '12:00'` : sql`g.first_contact_on + time '12:00'`,
      texts: sql`'{}'::jsonb`,
    }
    measures += await insertFromTemplate(
      db,
      'outcome_measures',
      where,
      {
        ...common,
        id: idOf(`ons4-${follow ? 'f' : 'b'}`, 'g.n'),
        answers: sql`jsonb_build_object('happy', ${s.happy}, 'satis', ${s.satis}, 'worth', ${s.worth}, 'anxious', ${s.anxious})`,
        scores: sql`jsonb_build_object('happiness', ${s.happy}, 'satisfaction', ${s.satis}, 'worthwhile', ${s.worth}, 'anxiety', ${s.anxious})`,
        submission_key: sql`'gen-ons4-' || g.n || ${follow ? '-f' : '-b'}`,
      },
      sql`instrument_key = 'ons4'`,
    )
    // The ONS loneliness question (1 often or always … 5 never): 1–3 at baseline, up to two steps better after.
    const lonely = follow
      ? sql`least(5, 1 + ${Hg('lonely')} % 3 + ${Hg('lonely-change')} % 3)`
      : sql`(1 + ${Hg('lonely')} % 3)`
    measures += await insertFromTemplate(
      db,
      'outcome_measures',
      where,
      {
        ...common,
        id: idOf(`lonely-${follow ? 'f' : 'b'}`, 'g.n'),
        answers: sql`jsonb_build_object('lonely', ${lonely})`,
        scores: sql`jsonb_build_object('lonely', ${lonely})`,
        submission_key: sql`'gen-lonely-' || g.n || ${follow ? '-f' : '-b'}`,
      },
      sql`instrument_key = 'ons-loneliness'`,
    )
  }
  rows['outcome_measures'] = measures
  // Health service use over six months before and after: GP appointments 3–10 before, up to four fewer after.
  const gpBefore = sql`(3 + ${Hg('gp')} % 8)`
  const aeBefore = sql`(${Hg('ae')} % 3)`
  let uses = 0
  for (const after of [false, true])
    uses += await insertFromTemplate(db, 'outcome_service_use', sql`gen_case g where g.has_service_use`, {
      organisation_id: org,
      id: idOf(`use-${after ? 'after' : 'before'}`, 'g.n'),
      episode_id: idOf('episode', 'g.n'),
      referral_id: idOf('referral', 'g.n'),
      person_id: idOf('person', 'g.n'),
      period: sql`${after ? 'after' : 'before'}`,
      months: sql`6`,
      gp_appointments: after ? sql`greatest(0, ${gpBefore} - ${Hg('gp-change')} % 5)::int` : sql`${gpBefore}::int`,
      ae_attendances: after ? sql`greatest(0, ${aeBefore} - ${Hg('ae-change')} % 2)::int` : sql`${aeBefore}::int`,
      emergency_calls: after ? sql`0` : sql`(${Hg('calls')} % 4 = 0)::int`,
      admissions: after ? sql`0` : sql`(${Hg('admissions')} % 8 = 0)::int`,
      source: sql`'entered'`,
      recorded_by_name: sql`g.worker_name`,
      updated_at: sql`g.closed_on + time '12:00'`,
    })
  rows['outcome_service_use'] = uses
  // Unmet needs: the demo seeds none to copy, so every column is written here.
  const unmet = await db.execute(sql`
    insert into unmet_needs (organisation_id, id, episode_id, referral_id, need, reason, details, postcode_district,
      submission_key, recorded_on, recorded_by_user_id, recorded_by_name, created_at)
    select ${org}, ${idOf('unmet', 'g.n')}, ${idOf('episode', 'g.n')}, ${idOf('referral', 'g.n')}, g.need1,
      ${pick(UNMET_REASONS, Hg('unmet-reason'))}, '', split_part(${generatedPostcode('g.postcode_no')}, ' ', 1),
      'gen-unmet-' || g.n, least(g.first_contact_on + 14, current_date), ${idOf('worker', 'g.w')}, g.worker_name,
      least(g.first_contact_on + 14, current_date) + time '12:00'
    from gen_case g where g.has_unmet_need`)
  rows['unmet_needs'] = unmet.rowCount ?? 0
  return rows
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// The generated cases: for each referral, its person, and — as far as it got — the episode, allocation, contacts,
// agreed plan, connections to community groups with attendance, questionnaires at baseline and follow-up, health
// service use before and after, and unmet needs. One transaction per chunk of referrals; a temporary table
// `gen_case` decides each case's story once, and every table's rows are read from it.
//
// The proportions follow the seeds and the national evaluations: about six in ten referrals from GP practices,
// one in five self-referrals; one in five declined by the service or the person, or not reached; six in ten
// short-term episodes with about four contacts; four in five plans agreed; one to three connections per plan; a
// wellbeing score at baseline for four in five and at follow-up for two in three of those who close, with a mean
// improvement of about 1.5 points on a 0–10 scale; fewer GP appointments after than before.
import { sql } from 'drizzle-orm'
import type { Queryable } from '../../platform/db/database.ts'
import { generatedPostcode } from './directory.ts'
import type { Scale } from './scales.ts'
import { FAMILY_NAMES, GIVEN_NAMES, hashOf, idOf, int, nameOf, pick } from './sql-helpers.ts'
import { generateConnections, generateOutcomes } from './follow-through.ts'
import { insertFromTemplate } from './template.ts'

const NEEDS_WEIGHTED = [
  'loneliness',
  'loneliness',
  'loneliness',
  'loneliness',
  'loneliness',
  'low-mood',
  'low-mood',
  'low-mood',
  'bereavement',
  'caring',
  'debt',
  'debt',
  'benefits',
  'housing',
  'housing',
  'employment',
  'inactivity',
  'inactivity',
  'weight',
  'long-term-condition',
  'long-term-condition',
  'digital-exclusion',
  'substance-use',
  'other',
]
const DECLINES = [
  'specialist-mental-health',
  'outside-area',
  'needs-met-elsewhere',
  'needs-met-elsewhere',
  'not-social-prescribing',
  'not-social-prescribing',
  'no-consent',
  'insufficient-information',
  'other',
]
const CLOSES = [
  'connected-independent',
  'connected-independent',
  'connected-independent',
  'goals-met',
  'goals-met',
  'goals-met',
  'declined-further-support',
  'lost-contact',
  'lost-contact',
  'moved-away',
  'other',
]
const CONTACT_TYPES = [
  'phone',
  'phone',
  'phone',
  'phone',
  'face-to-face-community',
  'face-to-face-community',
  'face-to-face-surgery',
  'home-visit',
  'video',
  'text-or-email',
]
const CONTACT_NOTES = [
  'Talked through what matters to them and what they would like to try first.',
  'Checked in after the first session; they enjoyed it and plan to go again.',
  'Helped fill in the benefits form; follow up on the decision.',
  'Went together to the group for the first time.',
  'Low this week after a bad night; agreed to speak again on Friday.',
  'Reviewed the plan: two goals on track, one to change.',
]

/** Writes the cases numbered `from`…`to` (inclusive); returns rows written per table. */
export async function generateCases(
  db: Queryable,
  scale: Scale,
  from: number,
  to: number,
): Promise<Record<string, number>> {
  const { areas: A, services: S, linkWorkers: W, practices: P } = scale
  const postcodes = Math.max(A, scale.postcodes)
  const perArea = (n: number) => Math.max(1, Math.floor(n / A))
  const span = scale.years * 365
  const H = (salt: string) => hashOf('n', salt)
  await db.execute(sql`drop table if exists gen_case`)
  await db.execute(sql`
    create temporary table gen_case as
    with base as (
      select n, ${H('s')} % ${int(S)} as s, (${H('age')} % ${int(span)})::int as age, ${H('outcome')} % 100 as r,
        ${H('source')} % 100 as src
      from generate_series(${int(from)}, ${int(to)}) n
    ), placed as (
      select *, s % ${int(A)} as area,
        s + ${int(S)} * (${H('w')} % (${int(Math.floor(W / S))} + case when s < ${int(W % S)} then 1 else 0 end)) as w,
        case
          when r < 8 then 'rejected' when r < 15 then 'cancelled' when r < 21 then 'failed'
          when age < 7 then 'requested' when age < 14 then 'accepted' when age < 200 then 'in-progress'
          else 'completed' end as status
      from base
    ), storied as (
      select *,
        (s % ${int(A)}) + ${int(A)} * (${H('practice')} % ${int(perArea(P))}) as practice,
        (s % ${int(A)}) + ${int(A)} * (${H('postcode')} % ${int(perArea(postcodes))}) as postcode_no,
        (current_date - age)::timestamptz + make_interval(mins => (480 + ${H('minute')} % 600)::int) as received_at,
        status in ('in-progress', 'completed') as has_episode,
        case when status = 'completed' then 1 + ${H('k1')} % 3 + ${H('k2')} % 4
          else least(1 + ${H('k1')} % 3 + ${H('k2')} % 4, 1 + greatest(age - 14, 0) / 21) end::int as k
      from placed
    )
    select *,
      received_at::date + (1 + ${H('opened')} % 5)::int as opened_on,
      received_at::date + (1 + ${H('opened')} % 5 + ${H('first')} % 4)::int as first_contact_on,
      received_at::date + (1 + ${H('opened')} % 5 + ${H('first')} % 4)::int + (k - 1) * 14 as last_contact_on,
      case when status = 'completed'
        then received_at::date + (8 + ${H('opened')} % 5 + ${H('first')} % 4 + ${H('close')} % 14)::int + (k - 1) * 14
      end as closed_on,
      has_episode and k >= 2 and ${H('plan')} % 100 < 80 as has_plan,
      case when has_episode and k >= 2 then (${H('connections')} % 4)::int else 0 end as connections,
      has_episode and ${H('baseline')} % 100 < 80 as has_baseline,
      status = 'completed' and ${H('baseline')} % 100 < 80 and ${H('follow')} % 100 < 65 as has_follow_up,
      status = 'completed' and ${H('use')} % 100 < 40 as has_service_use,
      has_episode and ${H('unmet')} % 100 < 7 as has_unmet_need,
      ${nameOf('w')} as worker_name,
      ${pick(NEEDS_WEIGHTED, H('need1'))} as need1,
      case when ${H('two')} % 10 < 4 then ${pick(NEEDS_WEIGHTED, H('need2'))} end as need2
    from storied`)
  const g = sql`gen_case g`
  const rows: Record<string, number> = {}
  const org = idOf('service', 'g.s')
  const person = idOf('person', 'g.n')
  const referral = idOf('referral', 'g.n')
  const episode = idOf('episode', 'g.n')
  const worker = idOf('worker', 'g.w')
  const Hg = (salt: string) => hashOf('g.n', salt)
  const ageYears = sql`(18 + ${Hg('dob')} % 40 + ${Hg('dob2')} % 40)::int`

  rows['people'] = await insertFromTemplate(db, 'people', g, {
    organisation_id: org,
    id: person,
    given_name: pick(GIVEN_NAMES, Hg('given')),
    family_name: pick(FAMILY_NAMES, Hg('family')),
    date_of_birth: sql`(current_date - make_interval(years => ${ageYears}, days => (${Hg('dob')} % 365)::int))::date`,
    nhs_number: sql`null`,
    address_line1: sql`(1 + g.n % 180) || ' ' || ${pick(['Church Road', 'Station Road', 'Victoria Street', 'Park Avenue', 'Mill Lane', 'The Crescent'], Hg('street'))}`,
    address_line2: sql`''`,
    town: sql`'Town ' || (g.area + 1)`,
    postcode: generatedPostcode('g.postcode_no'),
    phone: sql`'07700 9' || lpad((g.n % 100000)::text, 5, '0')`,
    email: sql`''`,
    preferred_contact_method: sql`'phone'`,
    contact_methods_to_avoid: sql`'{}'::text[]`,
    interpreter_needed: sql`${Hg('interpreter')} % 50 = 0`,
    access_needs: sql`''`,
    others_to_involve: sql`''`,
    created_at: sql`g.received_at`,
    updated_at: sql`g.received_at`,
    merged_into_person_id: sql`null`,
    version: sql`1`,
    contact_through: sql`null`,
    contact_through_details: sql`''`,
    gp_practice: sql`'Generated medical practice ' || (g.practice + 1)`,
    // About three in five referred are women; a quarter were not asked either question; ethnic groups roughly as
    // England's 2021 census (A White British most, then other White, Indian, Pakistani, African, Caribbean…).
    sex: sql`case when ${Hg('sex-asked')} % 4 = 0 then null else ${pick(['female', 'female', 'female', 'male', 'male', 'female', 'male', 'female', 'male', 'female', 'female', 'male', 'not-stated', 'female', 'male', 'female', 'male', 'female', 'male', 'other'], Hg('sex'))} end`,
    ethnicity: sql`case when ${Hg('ethnicity-asked')} % 4 = 0 then null else ${pick(['A', 'A', 'A', 'A', 'A', 'A', 'A', 'A', 'A', 'A', 'A', 'A', 'A', 'A', 'C', 'H', 'J', 'N', 'M', 'Z'], Hg('ethnicity'))} end`,
  })
  const referredBy = sql`case when g.src < 78 and g.src >= 58 then 'self-referral' when g.src >= 93 then 'api' else 'web-form' end`
  rows['referrals'] = await insertFromTemplate(
    db,
    'referrals',
    g,
    {
      organisation_id: org,
      id: referral,
      reference: sql`'G' || lpad(g.n::text, 7, '0')`,
      submission_key: sql`'gen-referral-' || g.n`,
      person_id: person,
      source: referredBy,
      intensity: sql`case when ${Hg('intensity')} % 20 = 0 then 'self' else 'link-worker' end`,
      referrer_user_id: sql`null`,
      referrer_organisation_id: sql`case when ${referredBy} = 'self-referral' then null else ${idOf('practice', 'g.practice')} end`,
      referrer_name: sql`case when ${referredBy} = 'self-referral' then 'Self-referral' else 'Dr ' || ${pick(FAMILY_NAMES, Hg('gp'))} end`,
      referrer_profession: sql`case when ${referredBy} = 'self-referral' then null else 'GP' end`,
      referrer_email: sql`null`,
      referrer_phone: sql`null`,
      needs: sql`array_remove(array[g.need1, case when g.need2 <> g.need1 then g.need2 end], null)`,
      reason_text: sql`'Referred for support with ' || replace(g.need1, '-', ' ') || '.'`,
      what_matters: sql`${pick(['Getting out of the house more', 'Sorting out the money worries', 'Meeting people who understand', 'Feeling fitter', 'Sleeping better'], Hg('matters'))}`,
      lone_working_risk: sql`false`,
      lone_working_details: sql`''`,
      safeguarding_raised_elsewhere: sql`false`,
      safeguarding_details: sql`''`,
      urgency: sql`case when ${Hg('urgent')} % 20 = 0 then 'urgent' else 'routine' end`,
      status: sql`g.status`,
      business_status: sql`case g.status when 'rejected' then 'declined-by-service' when 'cancelled' then 'declined-by-person'
      when 'failed' then 'could-not-contact' when 'requested' then 'received' when 'accepted' then 'allocated'
      when 'completed' then 'closed'
      else ${pick(['first-contact-made', 'first-contact-made', 'plan-agreed', 'connected'], Hg('business'))} end`,
      status_reason: sql`case g.status when 'rejected' then 'Not the right service for this need.'
      when 'cancelled' then 'Decided not to go ahead for now.' when 'failed' then 'Could not reach them after three tries.' end`,
      decline_reason: sql`case when g.status = 'rejected' then ${pick(DECLINES, Hg('decline'))} end`,
      redirected_to_organisation_id: sql`null`,
      owner_user_id: sql`case when g.status in ('requested', 'rejected') then null else ${worker} end`,
      duplicate_suspected: sql`false`,
      received_at: sql`g.received_at`,
      contact_target_date: sql`g.received_at::date + 14`,
      first_contact_at: sql`case when g.has_episode then g.first_contact_on + time '10:00' end`,
      connected_at: sql`case when g.connections > 0 then g.first_contact_on + 21 + time '10:00' end`,
      closed_at: sql`case when g.status = 'completed' then g.closed_on + time '16:00'
      when g.status in ('rejected', 'cancelled', 'failed') then g.received_at + make_interval(days => (3 + ${Hg('ended')} % 10)::int) end`,
      closure: sql`null`,
      version: sql`1`,
      created_at: sql`g.received_at`,
      updated_at: sql`g.received_at`,
      identity_to_confirm: sql`false`,
      identity_match_person_id: sql`null`,
      identity_resolution: sql`null`,
      identity_resolved_at: sql`null`,
      identity_resolved_by_name: sql`null`,
      person_updates: sql`null`,
    },
    sql`status = 'completed'`,
  )
  rows['consents'] = await insertFromTemplate(
    db,
    'consents',
    sql`gen_case g cross join (select distinct scope from consents) c`,
    {
      organisation_id: org,
      id: idOf('consent', `g.n || '-' || c.scope`),
      person_id: person,
      referral_id: referral,
      scope: sql`c.scope`,
      given: sql`true`,
      method: sql`'verbal'`,
      recorded_by_user_id: sql`null`,
      recorded_by_name: sql`'Referrer'`,
      recorded_at: sql`g.received_at`,
      submission_key: sql`null`,
    },
  )

  const episodes = sql`gen_case g where g.has_episode`
  rows['casework_episodes'] = await insertFromTemplate(db, 'casework_episodes', episodes, {
    organisation_id: org,
    id: episode,
    referral_id: referral,
    person_id: person,
    link_worker_user_id: worker,
    pathway: sql`case when ${Hg('pathway')} % 10 < 6 then 'short-term' else 'long-term' end`,
    complexity: sql`(1 + ${Hg('complexity')} % 3)::int`,
    complexity_reason: sql`''`,
    contact_allowance: sql`case when ${Hg('pathway')} % 10 < 6 then 6 else 12 end`,
    contacts_used: sql`g.k`,
    opened_on: sql`g.opened_on`,
    first_contact_on: sql`g.first_contact_on`,
    last_contact_on: sql`g.last_contact_on`,
    next_contact_on: sql`case when g.status = 'in-progress' then g.last_contact_on + 14 end`,
    next_review_on: sql`coalesce(g.closed_on, g.last_contact_on + 28)`,
    paused_on: sql`null`,
    pause_reason: sql`null`,
    pause_reason_text: sql`''`,
    paused_days: sql`0`,
    lone_working_risk: sql`false`,
    safeguarding_risk: sql`false`,
    created_at: sql`g.opened_on + time '09:00'`,
    updated_at: sql`g.last_contact_on + time '12:00'`,
    version: sql`1`,
    plan_agreed_on: sql`case when g.has_plan then least(g.first_contact_on + 14, g.last_contact_on) end`,
    follow_up_on: sql`null`,
    closed_on: sql`g.closed_on`,
    close_reason: sql`case when g.status = 'completed' then ${pick(CLOSES, Hg('closed'))} end`,
    closing_summary: sql`''`,
  })
  rows['casework_allocations'] = await insertFromTemplate(db, 'casework_allocations', episodes, {
    organisation_id: org,
    id: idOf('allocation', 'g.n'),
    episode_id: episode,
    from_user_id: sql`null`,
    to_user_id: worker,
    allocated_by_user_id: idOf('supervisor', 'g.s'),
    allocated_by_name: nameOf('g.s + 100000'),
    allocated_at: sql`g.opened_on + time '09:00'`,
  })
  rows['casework_contacts'] = await insertFromTemplate(
    db,
    'casework_contacts',
    sql`gen_case g cross join lateral generate_series(1, g.k) i where g.has_episode`,
    {
      organisation_id: org,
      id: idOf('contact', `g.n || '-' || i`),
      episode_id: episode,
      submission_key: sql`'gen-contact-' || g.n || '-' || i`,
      type: pick(CONTACT_TYPES, hashOf(`g.n || '-' || i`, 'type')),
      contact_on: sql`g.first_contact_on + (i - 1) * 14`,
      duration_minutes: sql`(15 + ${hashOf(`g.n || '-' || i`, 'minutes')} % 46)::int`,
      who_was_there: sql`''`,
      notes: pick(CONTACT_NOTES, hashOf(`g.n || '-' || i`, 'notes')),
      risk_check: sql`null`,
      recorded_by_user_id: worker,
      recorded_by_name: sql`g.worker_name`,
      recorded_at: sql`g.first_contact_on + (i - 1) * 14 + time '15:00'`,
      avoided_method_reason: sql`''`,
    },
  )
  rows['plans'] = await insertFromTemplate(
    db,
    'plans',
    sql`gen_case g where g.has_plan`,
    {
      organisation_id: org,
      id: idOf('plan', 'g.n'),
      episode_id: episode,
      person_id: person,
      version: sql`1`,
      submission_key: sql`'gen-plan-' || g.n`,
      status: sql`'agreed'`,
      review_on: sql`least(g.first_contact_on + 14, g.last_contact_on) + 42`,
      next_steps: sql`'Try the group on Tuesday; speak again in two weeks.'`,
      agreed_on: sql`least(g.first_contact_on + 14, g.last_contact_on)`,
      agreement_note: sql`''`,
      created_by_user_id: worker,
      created_by_name: sql`g.worker_name`,
      created_at: sql`g.first_contact_on + time '11:00'`,
      updated_at: sql`g.first_contact_on + time '11:00'`,
      row_version: sql`1`,
    },
    sql`status = 'agreed'`,
  )
  Object.assign(rows, await generateConnections(db, scale))
  Object.assign(rows, await generateOutcomes(db))
  await db.execute(sql`drop table gen_case`)
  return rows
}

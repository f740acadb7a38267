// SPDX-License-Identifier: AGPL-3.0-or-later
// The generated areas' postcodes and directories. Postcodes: synthetic, starting "Q" (no real postcode area does),
// spread over England with every deprivation decile. Directory: services of twenty kinds shared evenly over the
// areas, each at its own venue within the area's part of England, with one or two weekly sessions, a mix of cost,
// capacity, welcome and freshness, and the demo's taxonomy terms for needs, ways to wellbeing and access.
import { sql, type SQL } from 'drizzle-orm'
import type { Queryable } from '../../platform/db/database.ts'
import type { Scale } from './scales.ts'
import { hashOf, idOf, int, pick } from './sql-helpers.ts'
import { insertFromTemplate } from './template.ts'

/** Twenty kinds of community group or service: a name and a one-line description. */
export const SERVICE_KINDS: readonly (readonly [string, string])[] = [
  ['Health walk', 'A gentle walk for all abilities with a cup of tea after'],
  ['Running club beginners group', 'Couch to 5k running for complete beginners'],
  ['Community drama group', 'Acting and improvisation, no experience needed'],
  ['Luncheon club', 'A hot lunch and good company for older people'],
  ['Singing for lung health', 'Singing exercises for people with COPD'],
  ['Carers support group', 'Meet other unpaid carers and share tips'],
  ['Debt advice clinic', 'Free confidential debt and money advice'],
  ['Men’s shed', 'A workshop space to make, mend and chat'],
  ['Knit and natter', 'Knitting, crochet and conversation'],
  ['Digital skills drop-in', 'Help with phones, tablets and computers'],
  ['Community garden', 'Grow vegetables together and learn gardening'],
  ['Bereavement support group', 'Talk with others who have lost someone'],
  ['Chair-based exercise', 'Gentle seated exercise to music'],
  ['Recovery cafe', 'Peer support for recovery from alcohol and drugs'],
  ['Art group', 'Painting and drawing for all abilities'],
  ['Food pantry', 'Affordable groceries each week'],
  ['Job club', 'Help with CVs, applications and interviews'],
  ['Community choir', 'A friendly choir, no auditions'],
  ['Dementia cafe', 'A welcoming cafe for people living with dementia and carers'],
  ['Swimming for beginners', 'Adult swimming lessons in a quiet pool'],
]
const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']

/** The postcode for the `index`th generated postcode: "Q" + letter + district, then sector digit + two letters. */
export function generatedPostcode(index: string): SQL {
  const i = `(${index})`
  return sql.raw(
    `'Q' || chr((65 + (${i} / 676000) % 26)::int) || ((${i} / 6760) % 100) || ' ' || ((${i} / 676) % 10) || chr((65 + (${i} % 676) / 26)::int) || chr((65 + ${i} % 26)::int)`,
  )
}

/** Each area's postcodes lie in a band of latitude from Cornwall to Northumberland; `i % areas` is the area. */
function latitudeOf(i: string, areas: number): string {
  return `(50.3 + 4.8 * ((${i}) % ${areas})::float / ${areas} + ((${hashOfText(i, 'lat')}) % 10000) / 10000.0 * ${(4.8 / areas).toFixed(4)})`
}
function hashOfText(key: string, salt: string): string {
  return `(hashtext((${key})::text || ':${salt}')::bigint + 2147483648)`
}

export async function generatePostcodes(db: Queryable, scale: Scale): Promise<number> {
  return insertFromTemplate(db, 'postcodes', sql.raw(`generate_series(0, ${scale.postcodes - 1}) i`), {
    postcode: generatedPostcode('i'),
    latitude: sql.raw(latitudeOf('i', scale.areas)),
    longitude: sql.raw(`(-4.5 + 5.9 * (${hashOfText('i', 'lon')} % 10000) / 10000.0)`),
    imd_rank: sql.raw(`(1 + ${hashOfText('i', 'imd')} % 32844)::int`),
    imd_decile: sql.raw(`(1 + (${hashOfText('i', 'imd')} % 32844) / 3285)::smallint`),
    local_authority_code: sql.raw(`'E0' || lpad(((i % ${scale.areas}) + 6000001)::text, 7, '0')`),
    country_code: sql`'E92000001'`,
    terminated_on: sql`null`,
  })
}

export async function generateDirectory(db: Queryable, scale: Scale): Promise<Record<string, number>> {
  const A = scale.areas
  const count = scale.directoryServices
  // A multiple of the areas, so organisation `i % organisations` is in service i's area (i % areas).
  const organisations = A * Math.max(1, Math.ceil(count / 10 / A))
  // The template rows come from the demo's directory, found before any generated service exists.
  const demo = await db.execute<{ area: string }>(
    sql`select area_id as area from directory_services group by area_id order by count(*) desc limit 1`,
  )
  const demoArea = sql`area_id = ${demo.rows[0]?.area ?? null}::uuid`
  const g = sql.raw(`generate_series(0, ${count - 1}) i`)
  const h = (salt: string) => hashOf('i', salt)
  const area = idOf('area', `i % ${A}`)
  const rows: Record<string, number> = {}
  rows['directory_organizations'] = await insertFromTemplate(
    db,
    'directory_organizations',
    sql.raw(`generate_series(0, ${organisations - 1}) i`),
    {
      area_id: area,
      id: idOf('dir-org', 'i'),
      name: sql.raw(`'Community organisation ' || (i + 1)`),
      description: sql`'Runs groups and services in the community.'`,
      email: sql`null`,
      website: sql`null`,
      parent_organization_id: sql`null`,
      source_feed: sql`null`,
      source_id: sql`null`,
      provider_organisation_id: sql`null`,
      created_at: sql`now()`,
      updated_at: sql`now()`,
    },
    demoArea,
  )
  const kind = sql`(${h('kind')}) % ${int(SERVICE_KINDS.length)}`
  rows['directory_services'] = await insertFromTemplate(
    db,
    'directory_services',
    g,
    {
      area_id: area,
      id: idOf('dir-svc', 'i'),
      organization_id: idOf('dir-org', `i % ${organisations}`),
      name: sql`${pick(
        SERVICE_KINDS.map((k) => k[0]),
        kind,
      )} || ' ' || (i / ${int(A)} + 1)`,
      description: sql`${pick(
        SERVICE_KINDS.map((k) => k[1]),
        kind,
      )} || '. Meets in the community.'`,
      url: sql`null`,
      email: sql`null`,
      status: sql`case when ${h('status')} % 40 = 0 then 'inactive' else 'active' end`,
      minimum_age: sql`case when ${h('age')} % 5 = 0 then 60 when ${h('age')} % 3 = 0 then 18 end`,
      maximum_age: sql`null`,
      // Freshness: most checked in the last year, one in six not for longer.
      assured_date: sql`current_date - (${h('assured')} % 500)::int`,
      last_modified: sql`now() - make_interval(days => (${h('assured')} % 500)::int)`,
      welcome: pick(['open', 'open', 'open', 'open', 'open', 'open', 'invitation-only'], h('welcome')),
      capacity: pick(['capacity', 'capacity', 'capacity', 'waitlist', 'no-capacity'], h('capacity')),
      how_to_join: pick(['signpost', 'signpost', 'direct-referral', 'accompany-first-visit'], h('join')),
      fees_description: sql`null`,
      alert: sql`null`,
      public: sql`true`,
      version: sql`1`,
      source_feed: sql`null`,
      source_id: sql`null`,
      monthly_places: sql`case when ${h('places')} % 3 = 0 then (4 + ${h('places')} % 20)::smallint end`,
      created_at: sql`now()`,
      updated_at: sql`now()`,
    },
    demoArea,
  )
  rows['directory_locations'] = await insertFromTemplate(
    db,
    'directory_locations',
    g,
    {
      area_id: area,
      id: idOf('dir-loc', 'i'),
      organization_id: sql`null`,
      name: sql.raw(`'Community venue ' || (i + 1)`),
      description: sql`null`,
      latitude: sql.raw(latitudeOf('i', A)),
      longitude: sql.raw(`(-4.5 + 5.9 * (${hashOfText('i', 'lon')} % 10000) / 10000.0)`),
      external_identifier: sql`null`,
      source_feed: sql`null`,
      source_id: sql`null`,
      created_at: sql`now()`,
      updated_at: sql`now()`,
    },
    sql`${demoArea} and latitude is not null`,
  )
  rows['directory_addresses'] = await insertFromTemplate(
    db,
    'directory_addresses',
    g,
    {
      area_id: area,
      id: idOf('dir-adr', 'i'),
      location_id: idOf('dir-loc', 'i'),
      address1: sql.raw(`(1 + i % 200) || ' High Street'`),
      address2: sql`null`,
      city: sql.raw(`'Town ' || (i % ${A} + 1)`),
      postal_code: generatedPostcode(`i % ${Math.max(1, scale.postcodes)}`),
    },
    demoArea,
  )
  rows['directory_service_at_locations'] = await insertFromTemplate(
    db,
    'directory_service_at_locations',
    g,
    {
      area_id: area,
      id: idOf('dir-sal', 'i'),
      service_id: idOf('dir-svc', 'i'),
      location_id: idOf('dir-loc', 'i'),
      description: sql`null`,
      source_feed: sql`null`,
      source_id: sql`null`,
    },
    demoArea,
  )
  // One or two weekly sessions, daytime or evening.
  rows['directory_schedules'] = await insertFromTemplate(
    db,
    'directory_schedules',
    sql.raw(`generate_series(0, ${count - 1}) i cross join generate_series(1, 2) k`),
    {
      area_id: area,
      id: idOf('dir-sch', `i || '-' || k`),
      service_id: idOf('dir-svc', 'i'),
      location_id: sql`null`,
      service_at_location_id: sql`null`,
      freq: sql`'WEEKLY'`,
      interval: sql`1`,
      byday: sql`${pick(DAYS, sql`(${h('day')} + k * 3)`)}`,
      opens_at: sql`make_time((9 + (${h('time')} * 7 + k * 5) % 11)::int, 0, 0)`,
      closes_at: sql`make_time((10 + (${h('time')} * 7 + k * 5) % 11)::int, 30, 0)`,
      description: sql`null`,
      notes: sql`null`,
    },
    sql`${demoArea} and service_id is not null and freq = 'WEEKLY'`,
  ).then(async (written) => {
    const removed = await db.execute(
      sql`delete from directory_schedules where id in (select ${idOf('dir-sch', `i || '-2'`)} from generate_series(0, ${count - 1}) i where ${h('day')} % 3 <> 0)`,
    )
    return written - (removed.rowCount ?? 0)
  })
  const terms = async (linkType: string) =>
    (
      await db.execute<{ ids: string[] }>(
        sql`select coalesce(array_agg(distinct taxonomy_term_id), '{}') as ids from directory_attributes where link_type = ${linkType}`,
      )
    ).rows[0]!.ids
  const attribute = async (linkType: string, ids: string[], from: string, link: string, suffix: string) =>
    ids.length === 0
      ? 0
      : insertFromTemplate(
          db,
          'directory_attributes',
          sql.raw(from),
          {
            area_id: area,
            id: idOf(`dir-attr-${suffix}`, `i || '-' || k`),
            link_id: idOf(link, 'i'),
            taxonomy_term_id: sql`(${sql`${`{${ids.join(',')}}`}::uuid[]`})[1 + (${h(linkType)} + k * 5) % ${int(ids.length)}]`,
          },
          sql`link_type = ${linkType}`,
        )
  rows['directory_attributes'] =
    (await attribute(
      'need',
      await terms('need'),
      `generate_series(0, ${count - 1}) i cross join generate_series(0, 1) k`,
      'dir-svc',
      'need',
    )) +
    (await attribute(
      'way-to-wellbeing',
      await terms('way-to-wellbeing'),
      `generate_series(0, ${count - 1}) i cross join generate_series(0, 0) k`,
      'dir-svc',
      'way',
    )) +
    (await attribute(
      'accessibility',
      await terms('accessibility'),
      `generate_series(0, ${count - 1}) i cross join generate_series(0, 0) k where (hashtext(i::text || ':access')::bigint + 2147483648) % 2 = 0`,
      'dir-loc',
      'access',
    ))
  return rows
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// Finding services: the search (words, needs, place, time, cost) and the details a result page or a printed
// sheet shows for a set of services, one query per kind, never one per service.
import { sql, type SQL } from 'drizzle-orm'
import type { AreaScope } from '../../platform/db/org-scope.ts'
import { accessibilityTermId, needTermId, wayTermId } from './taxonomies.ts'
import { LOW_COST_LIMIT } from './directory.ts'
import { type Weekday } from './schedules.ts'

// ---------------------------------------------------------------------------------------------------------
// Search

export type TimeOfDay = 'morning' | 'afternoon' | 'evening'

export interface SearchCriteria {
  text: string | null
  needCode: string | null
  wayCode: string | null
  centre: { latitude: number; longitude: number } | null
  radiusMetres: number | null
  days: readonly Weekday[]
  timeOfDay: TimeOfDay | null
  age: number | null
  cost: 'free' | 'low' | null
  accessibility: readonly string[]
  newcomers: boolean
  hasCapacity: boolean
  /** Only listings not verified since this date (the "needs checking" queue). */
  assuredBefore?: string | null
  /** Also temporarily closed listings (never defunct ones): for the "needs checking" queue. */
  includeClosed?: boolean
  /** all: every word must match (the default); any: broadened when "all" finds nothing; fuzzy: typos. */
  textMode?: 'all' | 'any' | 'fuzzy'
  limit: number
  offset: number
}

export type SearchHit = {
  id: string
  name: string
  description: string
  status: string
  welcome: string
  capacity: string
  howToJoin: string
  assuredDate: string | null
  assurerName: string | null
  minimumAge: number | null
  maximumAge: number | null
  organizationName: string
  distanceMetres: number | null
  rank: number | null
  total: number
}

// Words that describe the kind of thing rather than what it is: "walking group" should find "Evening walk".
const GENERIC_WORDS = new Set([
  'group',
  'groups',
  'club',
  'clubs',
  'class',
  'classes',
  'session',
  'sessions',
  'service',
  'services',
  'activity',
  'activities',
])

export function searchableText(input: string): string | null {
  const words = input.trim().split(/\s+/).filter(Boolean)
  const specific = words.filter((w) => !GENERIC_WORDS.has(w.toLowerCase()))
  const text = (specific.length > 0 ? specific : words).join(' ')
  return text || null
}

const TIME_OF_DAY_SQL: Record<TimeOfDay, SQL> = {
  morning: sql`sc.opens_at < '12:00'::time`,
  afternoon: sql`sc.opens_at < '17:00'::time and coalesce(sc.closes_at, sc.opens_at) > '12:00'::time`,
  evening: sql`(sc.opens_at >= '17:00'::time or sc.closes_at >= '18:30'::time)`,
}

/**
 * One query for a page of results: filters, full-text rank (with trigram for typos), distance, and the
 * total. When a radius is given, nearby locations are found first through the ll_to_earth index.
 */
export async function searchServices(scope: AreaScope, criteria: SearchCriteria): Promise<SearchHit[]> {
  const conditions: SQL[] = [sql`s.area_id = ${scope.areaId}`]
  conditions.push(criteria.includeClosed ? sql`s.status in ('active', 'temporarily closed')` : sql`s.status = 'active'`)
  const text = criteria.text ? searchableText(criteria.text) : null
  const mode = criteria.textMode ?? 'all'
  // Full-text first (every word, then any word); trigram word similarity on the name only when both find
  // nothing, for typos. Keeping them apart lets each use its own index.
  const query = !text
    ? null
    : mode === 'any'
      ? sql`replace(websearch_to_tsquery('english', ${text})::text, ' & ', ' | ')::tsquery`
      : sql`websearch_to_tsquery('english', ${text})`
  if (text && query && mode !== 'fuzzy') conditions.push(sql`s.search_vector @@ ${query}`)
  if (text && mode === 'fuzzy') conditions.push(sql`${text} <% s.name`)
  const termCondition = (termId: string): SQL =>
    sql`exists (select 1 from directory_attributes a where a.area_id = s.area_id and a.link_id = s.id and a.taxonomy_term_id = ${termId})`
  if (criteria.needCode) conditions.push(termCondition(needTermId(criteria.needCode)))
  if (criteria.wayCode) conditions.push(termCondition(wayTermId(criteria.wayCode)))
  for (const code of criteria.accessibility) {
    conditions.push(
      sql`exists (select 1 from directory_service_at_locations x join directory_attributes a on a.area_id = x.area_id and a.link_id = x.location_id where x.area_id = s.area_id and x.service_id = s.id and a.taxonomy_term_id = ${accessibilityTermId(code)})`,
    )
  }
  if (criteria.days.length > 0 || criteria.timeOfDay) {
    const scheduleConditions: SQL[] = [
      sql`sc.area_id = s.area_id`,
      sql`sc.service_id = s.id`,
      sql`(sc.valid_to is null or sc.valid_to >= current_date)`,
    ]
    if (criteria.days.length > 0) {
      const pattern = `(^|,)[-+]?[0-9]*(${criteria.days.join('|')})(,|$)`
      scheduleConditions.push(sql`sc.byday ~ ${pattern}`)
    }
    if (criteria.timeOfDay) scheduleConditions.push(TIME_OF_DAY_SQL[criteria.timeOfDay])
    conditions.push(
      sql`exists (select 1 from directory_schedules sc where ${sql.join(scheduleConditions, sql` and `)})`,
    )
  }
  if (criteria.age !== null) {
    conditions.push(sql`(s.minimum_age is null or s.minimum_age <= ${criteria.age})`)
    conditions.push(sql`(s.maximum_age is null or s.maximum_age >= ${criteria.age})`)
  }
  const paid = sql`exists (select 1 from directory_cost_options c where c.area_id = s.area_id and c.service_id = s.id and c.amount > 0)`
  if (criteria.cost === 'free') conditions.push(sql`not ${paid}`)
  if (criteria.cost === 'low')
    conditions.push(
      sql`(not ${paid} or exists (select 1 from directory_cost_options c where c.area_id = s.area_id and c.service_id = s.id and c.amount > 0 and c.amount <= ${LOW_COST_LIMIT}))`,
    )
  if (criteria.newcomers) conditions.push(sql`s.welcome = 'open'`)
  if (criteria.hasCapacity) conditions.push(sql`s.capacity = 'capacity'`)
  if (criteria.assuredBefore)
    conditions.push(sql`(s.assured_date is null or s.assured_date < ${criteria.assuredBefore}::date)`)

  const centre = criteria.centre
    ? sql`ll_to_earth(${criteria.centre.latitude}::float8, ${criteria.centre.longitude}::float8)`
    : null
  const radius = criteria.radiusMetres
  let withClause = sql``
  let nearJoin = sql``
  let distance = sql`null::float8`
  if (centre && radius) {
    // Each service's nearest place inside the radius, from the GiST index on service_at_locations.earth.
    withClause = sql`with nearest as materialized (
        select sal.service_id, min(earth_distance(sal.earth, ${centre})) as distance
        from directory_service_at_locations sal
        where sal.area_id = ${scope.areaId} and sal.earth is not null
          and earth_box(${centre}, ${radius}::float8) @> sal.earth
          and earth_distance(sal.earth, ${centre}) <= ${radius}::float8
        group by sal.service_id
      ) `
    nearJoin = sql`join nearest n on n.service_id = s.id`
    distance = sql`n.distance`
  } else if (centre) {
    distance = sql`(select min(earth_distance(sal.earth, ${centre})) from directory_service_at_locations sal
        where sal.area_id = s.area_id and sal.service_id = s.id and sal.earth is not null)`
  }
  const rank =
    text && query ? sql`(ts_rank_cd(s.search_vector, ${query}) + word_similarity(${text}, s.name))` : sql`null::float8`
  const order = text
    ? sql`rank desc, "distanceMetres" asc nulls last, s.name asc`
    : centre
      ? sql`"distanceMetres" asc nulls last, s.name asc`
      : sql`s.name asc, s.id`
  const result = await scope.db.execute<SearchHit>(sql`${withClause}
    select s.id, s.name, s.description, s.status, s.welcome, s.capacity, s.how_to_join as "howToJoin",
      s.assured_date::text as "assuredDate", s.assurer_name as "assurerName",
      s.minimum_age as "minimumAge", s.maximum_age as "maximumAge",
      o.name as "organizationName", ${distance} as "distanceMetres", ${rank} as rank,
      count(*) over ()::int as total
    from directory_services s
    ${nearJoin}
    join directory_organizations o on o.area_id = s.area_id and o.id = s.organization_id
    where ${sql.join(conditions, sql` and `)}
    order by ${order}
    limit ${criteria.limit} offset ${criteria.offset}`)
  return result.rows
}

/**
 * For each typed word the area's listings never use, the closest word they do use (pg_trgm similarity above
 * its 0.3 threshold), for "Did you mean walking?". Words come from active services' names and descriptions and the shared taxonomy terms.
 * Run only when a search finds nothing, so the vocabulary is built on demand rather than kept as a table.
 */
export async function suggestSpellings(scope: AreaScope, words: readonly string[]): Promise<Map<string, string>> {
  if (words.length === 0) return new Map()
  const result = await scope.db.execute<{ typed: string; suggestion: string | null }>(sql`
    with vocabulary as materialized (
      select distinct lower(w) as word
      from directory_services s,
        regexp_split_to_table(s.name || ' ' || coalesce(s.description, ''), '[^[:alpha:]]+') as w
      where s.area_id = ${scope.areaId} and s.status = 'active' and length(w) >= 3
      union
      select lower(w) from directory_taxonomy_terms t, regexp_split_to_table(t.name, '[^[:alpha:]]+') as w
      where length(w) >= 3
    )
    select t.typed, (
        select v.word from vocabulary v where v.word % t.typed
        order by similarity(v.word, t.typed) desc, abs(length(v.word) - length(t.typed)), v.word limit 1
      ) as suggestion
    from unnest(array[${sql.join(
      words.map((w) => sql`${w}`),
      sql`, `,
    )}]::text[]) as t(typed)
    where not exists (select 1 from vocabulary v where v.word = t.typed)`)
  return new Map(result.rows.filter((r) => r.suggestion).map((r) => [r.typed, r.suggestion!]))
}

// ---------------------------------------------------------------------------------------------------------
// Nearby candidates for several needs and some words at once (a person's suggestions, issue 11)

export interface NearbyBranch {
  /** What the caller calls this branch (a need code, or null for the words branch). */
  key: string | null
  needCode?: string
  text?: string
}

export type NearbyHit = Omit<SearchHit, 'rank' | 'total' | 'status'> & { branch: number }

/** How many of the places nearest a person a suggestion looks among (enough for 25 per need even in a city). */
const NEAREST_PLACES = 1_000

/**
 * The nearest `perBranch` active services within the radius for each branch (a need, or any of some words), in
 * one statement. The places nearest the centre are found once, in order, by a nearest-neighbour scan of the GiST
 * index on service_at_locations.earth that stops at NEAREST_PLACES, so a dense city costs what a village does;
 * each branch then picks from them. (Suggestions used to run one radius search per need, each finding every
 * place within the radius again.)
 */
export async function searchNearbyForEach(
  scope: AreaScope,
  input: {
    centre: { latitude: number; longitude: number }
    radiusMetres: number
    age: number | null
    branches: readonly NearbyBranch[]
    perBranch: number
  },
): Promise<NearbyHit[]> {
  const centre = sql`ll_to_earth(${input.centre.latitude}::float8, ${input.centre.longitude}::float8)`
  const branches = input.branches.flatMap((b, i) => {
    if (b.needCode)
      return [
        sql`(select ${i}::int as branch, n.service_id as id from nearby n
          where exists (select 1 from directory_attributes a where a.area_id = ${scope.areaId}
            and a.link_id = n.service_id and a.taxonomy_term_id = ${needTermId(b.needCode)})
          order by n.distance, n.service_id limit ${input.perBranch})`,
      ]
    const text = b.text ? searchableText(b.text) : null
    if (!text) return []
    const query = sql`replace(websearch_to_tsquery('english', ${text})::text, ' & ', ' | ')::tsquery`
    return [
      sql`(select ${i}::int as branch, s.id from nearby n
          join directory_services s on s.area_id = ${scope.areaId} and s.id = n.service_id
          where s.search_vector @@ ${query}
          order by ts_rank_cd(s.search_vector, ${query}) desc, n.distance, s.id limit ${input.perBranch})`,
    ]
  })
  if (branches.length === 0) return []
  const fits =
    input.age === null
      ? sql``
      : sql` and (s.minimum_age is null or s.minimum_age <= ${input.age})
          and (s.maximum_age is null or s.maximum_age >= ${input.age})`
  const result = await scope.db.execute<NearbyHit>(sql`
    with nearest as materialized (
        select sal.service_id, earth_distance(sal.earth, ${centre}) as distance
        from directory_service_at_locations sal
        where sal.area_id = ${scope.areaId} and sal.earth is not null
        order by sal.earth <-> ${centre}
        limit ${NEAREST_PLACES}
      ),
      nearby as materialized (
        select n.service_id, min(n.distance) as distance
        from nearest n
        join directory_services s on s.area_id = ${scope.areaId} and s.id = n.service_id
        where n.distance <= ${input.radiusMetres}::float8 and s.status = 'active'${fits}
        group by n.service_id
      ),
      picked as (${sql.join(branches, sql` union all `)})
    select p.branch, s.id, s.name, s.description, s.welcome, s.capacity, s.how_to_join as "howToJoin",
      s.assured_date::text as "assuredDate", s.assurer_name as "assurerName",
      s.minimum_age as "minimumAge", s.maximum_age as "maximumAge",
      o.name as "organizationName", n.distance as "distanceMetres"
    from picked p
    join nearby n on n.service_id = p.id
    join directory_services s on s.area_id = ${scope.areaId} and s.id = p.id
    join directory_organizations o on o.area_id = s.area_id and o.id = s.organization_id
    order by p.branch, n.distance`)
  return result.rows
}

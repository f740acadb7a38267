// SPDX-License-Identifier: AGPL-3.0-or-later
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import type { Database, Queryable, Tx } from '../../platform/db/database.ts'
import type { AnyScope } from '../../platform/db/org-scope.ts'
import {
  accessibilityTermId,
  LINK_TYPES,
  LOW_COST_LIMIT,
  needTermId,
  NEEDS_TAXONOMY,
  FIVE_WAYS_TAXONOMY,
  ACCESSIBILITY_TAXONOMY,
  wayTermId,
  type Weekday,
} from './directory.ts'
import {
  directoryAccessibility,
  directoryAddresses,
  directoryAttributes,
  directoryContacts,
  directoryCostOptions,
  directoryFeedback,
  directoryLocations,
  directoryOrganizations,
  directoryPhones,
  directoryProviderLinks,
  directorySchedules,
  directoryServiceAtLocations,
  directoryServices,
  directoryServiceVersions,
  directorySignpostings,
  directoryTaxonomyTerms,
} from './directory.table.ts'
import { inTenant, inArea } from '../../platform/db/tenant.ts'

/**
 * The directory belongs to an area. Staff pages pass `request.orgScope()` (its `areaId` is the signed-in
 * person's area); the provider-link and public feedback pages pass a scope built from a verified token.
 */
export type AreaScope<Q extends Queryable = Queryable> = Pick<AnyScope, 'areaId'> & { readonly db: Q }

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
// Details for a set of services (for result pages and sheets): one query per kind, never one per service.

export type LocationRow = {
  serviceId: string
  locationId: string
  name: string | null
  description: string | null
  latitude: number | null
  longitude: number | null
  address1: string | null
  address2: string | null
  city: string | null
  postalCode: string | null
  distanceMetres: number | null
}

export async function listLocationsForServices(
  scope: AreaScope,
  serviceIds: readonly string[],
  centre: { latitude: number; longitude: number } | null,
): Promise<LocationRow[]> {
  if (serviceIds.length === 0) return []
  const distance = centre
    ? sql`case when l.latitude is null then null else earth_distance(ll_to_earth(l.latitude, l.longitude), ll_to_earth(${centre.latitude}::float8, ${centre.longitude}::float8)) end`
    : sql`null::float8`
  const result = await scope.db.execute<LocationRow>(sql`
    select sal.service_id as "serviceId", l.id as "locationId", l.name, l.description, l.latitude, l.longitude,
      a.address1, a.address2, a.city, a.postal_code as "postalCode",
      ${distance} as "distanceMetres"
    from directory_service_at_locations sal
    join directory_locations l on l.area_id = sal.area_id and l.id = sal.location_id
    left join lateral (
      select * from directory_addresses ad where ad.area_id = l.area_id and ad.location_id = l.id
      order by (ad.address_type = 'physical') desc limit 1
    ) a on true
    where sal.area_id = ${scope.areaId} and sal.service_id in ${sqlList(serviceIds)}
    order by ${centre ? sql`"distanceMetres" asc nulls last` : sql`l.name asc nulls last`}`)
  return result.rows
}

function sqlList(ids: readonly string[]): SQL {
  return sql`(${sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`
}

export async function listSchedulesForServices(scope: AreaScope, serviceIds: readonly string[]) {
  if (serviceIds.length === 0) return []
  return scope.db
    .select()
    .from(directorySchedules)
    .where(inArea(scope, directorySchedules, inArray(directorySchedules.serviceId, [...serviceIds])))
    .orderBy(asc(directorySchedules.opensAt))
}

export async function listCostsForServices(scope: AreaScope, serviceIds: readonly string[]) {
  if (serviceIds.length === 0) return []
  return scope.db
    .select()
    .from(directoryCostOptions)
    .where(inArea(scope, directoryCostOptions, inArray(directoryCostOptions.serviceId, [...serviceIds])))
    .orderBy(asc(directoryCostOptions.amount))
}

export async function listServiceSummaries(scope: AreaScope, serviceIds: readonly string[]) {
  if (serviceIds.length === 0) return []
  return scope.db
    .select({
      id: directoryServices.id,
      name: directoryServices.name,
      description: directoryServices.description,
      url: directoryServices.url,
      email: directoryServices.email,
      howToJoin: directoryServices.howToJoin,
      status: directoryServices.status,
      organizationName: directoryOrganizations.name,
    })
    .from(directoryServices)
    .innerJoin(
      directoryOrganizations,
      and(
        eq(directoryOrganizations.areaId, directoryServices.areaId),
        eq(directoryOrganizations.id, directoryServices.organizationId),
      ),
    )
    .where(inArea(scope, directoryServices, inArray(directoryServices.id, [...serviceIds])))
}

export async function listPhonesForServices(scope: AreaScope, serviceIds: readonly string[]) {
  if (serviceIds.length === 0) return []
  return scope.db
    .select({
      serviceId: directoryPhones.serviceId,
      number: directoryPhones.number,
      description: directoryPhones.description,
    })
    .from(directoryPhones)
    .where(inArea(scope, directoryPhones, inArray(directoryPhones.serviceId, [...serviceIds])))
}

// ---------------------------------------------------------------------------------------------------------
// One listing

export async function findService(scope: AreaScope, serviceId: string) {
  const [row] = await scope.db
    .select({ service: directoryServices, organization: directoryOrganizations })
    .from(directoryServices)
    .innerJoin(
      directoryOrganizations,
      and(
        eq(directoryOrganizations.areaId, directoryServices.areaId),
        eq(directoryOrganizations.id, directoryServices.organizationId),
      ),
    )
    .where(inArea(scope, directoryServices, eq(directoryServices.id, serviceId)))
    .limit(1)
  return row ?? null
}

export async function listContactsForService(scope: AreaScope, serviceId: string) {
  const contacts = await scope.db
    .select()
    .from(directoryContacts)
    .where(inArea(scope, directoryContacts, eq(directoryContacts.serviceId, serviceId)))
  const phones = await scope.db
    .select()
    .from(directoryPhones)
    .where(inArea(scope, directoryPhones, eq(directoryPhones.serviceId, serviceId)))
  return { contacts, phones }
}

export async function listAttributeCodes(
  scope: AreaScope,
  linkIds: readonly string[],
): Promise<{ linkId: string; linkType: string | null; code: string; taxonomyId: string }[]> {
  if (linkIds.length === 0) return []
  return scope.db
    .select({
      linkId: directoryAttributes.linkId,
      linkType: directoryAttributes.linkType,
      code: directoryTaxonomyTerms.code,
      taxonomyId: directoryTaxonomyTerms.taxonomyId,
    })
    .from(directoryAttributes)
    .innerJoin(directoryTaxonomyTerms, eq(directoryTaxonomyTerms.id, directoryAttributes.taxonomyTermId))
    .where(inArea(scope, directoryAttributes, inArray(directoryAttributes.linkId, [...linkIds])))
}

export async function listAccessibilityNotes(scope: AreaScope, locationIds: readonly string[]) {
  if (locationIds.length === 0) return []
  return scope.db
    .select()
    .from(directoryAccessibility)
    .where(inArea(scope, directoryAccessibility, inArray(directoryAccessibility.locationId, [...locationIds])))
}

export async function listOrganizations(scope: AreaScope) {
  return scope.db
    .select({ id: directoryOrganizations.id, name: directoryOrganizations.name })
    .from(directoryOrganizations)
    .where(inArea(scope, directoryOrganizations))
    .orderBy(asc(sql`lower(${directoryOrganizations.name})`))
    .limit(2000)
}

export async function findOrganizationByName(scope: AreaScope, name: string) {
  const [row] = await scope.db
    .select({ id: directoryOrganizations.id })
    .from(directoryOrganizations)
    .where(inArea(scope, directoryOrganizations, sql`lower(${directoryOrganizations.name}) = lower(${name})`))
    .limit(1)
  return row ?? null
}

// ---------------------------------------------------------------------------------------------------------
// Writing a listing: the service row and everything that hangs off it, replaced as a whole.

export interface ListingWrite {
  organizationId: string
  service: {
    name: string
    description: string
    url: string | null
    email: string | null
    status: string
    minimumAge: number | null
    maximumAge: number | null
    eligibilityDescription: string | null
    feesDescription: string | null
    welcome: string
    suitableForComplexNeeds: boolean
    capacity: string
    howToJoin: string
    public: boolean
  }
  needs: readonly string[]
  ways: readonly string[]
  location: {
    name: string
    address1: string
    address2: string | null
    city: string
    postalCode: string
    latitude: number | null
    longitude: number | null
    accessibility: readonly string[]
    accessibilityNote: string | null
  } | null
  schedules: readonly {
    freq: 'WEEKLY' | 'MONTHLY'
    interval: number
    byday: string
    opensAt: string
    closesAt: string | null
    description: string | null
  }[]
  costs: readonly { option: string | null; amount: number; amountDescription: string | null }[]
  contact: { name: string | null; email: string | null; phone: string | null }
}

export async function insertOrganization(
  scope: AreaScope<Tx>,
  organization: {
    name: string
    description?: string
    accreditedProvider?: boolean
    website?: string | null
    email?: string | null
  },
): Promise<string> {
  const [row] = await scope.db
    .insert(directoryOrganizations)
    .values({ areaId: scope.areaId, ...organization, description: organization.description ?? '' })
    .returning({ id: directoryOrganizations.id })
  return row!.id
}

export async function updateOrganization(
  scope: AreaScope<Tx>,
  organizationId: string,
  values: {
    name: string
    description: string
    website: string | null
    email: string | null
    accreditedProvider: boolean
  },
): Promise<void> {
  await scope.db
    .update(directoryOrganizations)
    .set({ ...values, updatedAt: new Date() })
    .where(inArea(scope, directoryOrganizations, eq(directoryOrganizations.id, organizationId)))
}

export async function findOrganization(scope: AreaScope, organizationId: string) {
  const [row] = await scope.db
    .select()
    .from(directoryOrganizations)
    .where(inArea(scope, directoryOrganizations, eq(directoryOrganizations.id, organizationId)))
    .limit(1)
  return row ?? null
}

/**
 * Writes a listing: inserts or updates the service row, then replaces its location, schedules, costs,
 * contact and attributes. The caller holds the transaction and bumps the version.
 */
export async function writeListing(
  scope: AreaScope<Tx>,
  serviceId: string | null,
  listing: ListingWrite,
  assurance: { date: string; name: string; email: string | null } | null,
): Promise<{ serviceId: string; version: number }> {
  const db = scope.db
  const areaId = scope.areaId
  const assured = assurance
    ? { assuredDate: assurance.date, assurerName: assurance.name, assurerEmail: assurance.email }
    : {}
  let id: string
  let version: number
  if (serviceId) {
    const [row] = await db
      .update(directoryServices)
      .set({
        ...listing.service,
        organizationId: listing.organizationId,
        ...assured,
        lastModified: new Date(),
        updatedAt: new Date(),
        version: sql`${directoryServices.version} + 1`,
      })
      .where(and(eq(directoryServices.areaId, areaId), eq(directoryServices.id, serviceId)))
      .returning({ id: directoryServices.id, version: directoryServices.version })
    if (!row) throw new Error('listing not found in this area')
    id = row.id
    version = row.version
  } else {
    const [row] = await db
      .insert(directoryServices)
      .values({ areaId, organizationId: listing.organizationId, ...listing.service, ...assured })
      .returning({ id: directoryServices.id, version: directoryServices.version })
    id = row!.id
    version = row!.version
  }

  // Location: a listing edited here owns its first location; shared locations from imports are kept.
  const [existing] = await db
    .select({ salId: directoryServiceAtLocations.id, locationId: directoryServiceAtLocations.locationId })
    .from(directoryServiceAtLocations)
    .where(and(eq(directoryServiceAtLocations.areaId, areaId), eq(directoryServiceAtLocations.serviceId, id)))
    .orderBy(asc(directoryServiceAtLocations.id))
    .limit(1)
  let salId: string | null = existing?.salId ?? null
  if (listing.location) {
    const location = listing.location
    let locationId = existing?.locationId
    if (locationId) {
      await db
        .update(directoryLocations)
        .set({ name: location.name, latitude: location.latitude, longitude: location.longitude, updatedAt: new Date() })
        .where(and(eq(directoryLocations.areaId, areaId), eq(directoryLocations.id, locationId)))
    } else {
      const [row] = await db
        .insert(directoryLocations)
        .values({
          areaId,
          organizationId: listing.organizationId,
          locationType: 'physical',
          name: location.name,
          latitude: location.latitude,
          longitude: location.longitude,
        })
        .returning({ id: directoryLocations.id })
      locationId = row!.id
      const [sal] = await db
        .insert(directoryServiceAtLocations)
        .values({ areaId, serviceId: id, locationId })
        .returning({ id: directoryServiceAtLocations.id })
      salId = sal!.id
    }
    await db
      .delete(directoryAddresses)
      .where(and(eq(directoryAddresses.areaId, areaId), eq(directoryAddresses.locationId, locationId)))
    await db.insert(directoryAddresses).values({
      areaId,
      locationId,
      address1: location.address1,
      address2: location.address2,
      city: location.city,
      stateProvince: '',
      postalCode: location.postalCode,
      country: 'GB',
      addressType: 'physical',
    })
    await db
      .delete(directoryAccessibility)
      .where(and(eq(directoryAccessibility.areaId, areaId), eq(directoryAccessibility.locationId, locationId)))
    await db
      .delete(directoryAttributes)
      .where(
        and(
          eq(directoryAttributes.areaId, areaId),
          eq(directoryAttributes.linkId, locationId),
          eq(directoryAttributes.linkType, LINK_TYPES.accessibility),
        ),
      )
    const accessibilityRows = location.accessibility.map((code) => ({
      areaId,
      locationId: locationId,
      description: ACCESSIBILITY_TAXONOMY.terms.find((t) => t.code === code)?.name ?? code,
    }))
    if (location.accessibilityNote)
      accessibilityRows.push({ areaId, locationId, description: location.accessibilityNote })
    if (accessibilityRows.length > 0) await db.insert(directoryAccessibility).values(accessibilityRows)
    if (location.accessibility.length > 0)
      await db.insert(directoryAttributes).values(
        location.accessibility.map((code) => ({
          areaId,
          linkId: locationId,
          linkEntity: 'location',
          linkType: LINK_TYPES.accessibility,
          taxonomyTermId: accessibilityTermId(code),
        })),
      )
  }

  await db
    .delete(directorySchedules)
    .where(and(eq(directorySchedules.areaId, areaId), eq(directorySchedules.serviceId, id)))
  if (listing.schedules.length > 0)
    await db.insert(directorySchedules).values(
      listing.schedules.map((s) => ({
        areaId,
        serviceId: id,
        serviceAtLocationId: salId,
        freq: s.freq,
        interval: s.interval,
        byday: s.byday,
        opensAt: s.opensAt,
        closesAt: s.closesAt,
        description: s.description,
      })),
    )
  await db
    .delete(directoryCostOptions)
    .where(and(eq(directoryCostOptions.areaId, areaId), eq(directoryCostOptions.serviceId, id)))
  if (listing.costs.length > 0)
    await db.insert(directoryCostOptions).values(listing.costs.map((c) => ({ areaId, serviceId: id, ...c })))

  // Contact: the listing contact (who receives update links) and its phone.
  const contacts = await db
    .select({ id: directoryContacts.id })
    .from(directoryContacts)
    .where(and(eq(directoryContacts.areaId, areaId), eq(directoryContacts.serviceId, id)))
  const contactIds = contacts.map((c) => c.id)
  await db.delete(directoryPhones).where(and(eq(directoryPhones.areaId, areaId), eq(directoryPhones.serviceId, id)))
  if (contactIds.length > 0)
    await db
      .delete(directoryContacts)
      .where(and(eq(directoryContacts.areaId, areaId), inArray(directoryContacts.id, contactIds)))
  const { contact } = listing
  if (contact.name || contact.email || contact.phone) {
    const [row] = await db
      .insert(directoryContacts)
      // The listing contact is a named person who gets update links: staff see them, the open feed does not.
      .values({
        areaId,
        serviceId: id,
        name: contact.name,
        email: contact.email,
        isListingContact: true,
        public: false,
      })
      .returning({ id: directoryContacts.id })
    if (contact.phone)
      await db
        .insert(directoryPhones)
        .values({ areaId, serviceId: id, contactId: row!.id, number: contact.phone, type: 'voice' })
  }

  await db
    .delete(directoryAttributes)
    .where(
      and(
        eq(directoryAttributes.areaId, areaId),
        eq(directoryAttributes.linkId, id),
        inArray(directoryAttributes.linkType, [LINK_TYPES.needs, LINK_TYPES['five-ways']]),
      ),
    )
  const attributes = [
    ...listing.needs.map((code) => ({
      areaId,
      linkId: id,
      linkType: LINK_TYPES.needs,
      taxonomyTermId: needTermId(code),
    })),
    ...listing.ways.map((code) => ({
      areaId,
      linkId: id,
      linkType: LINK_TYPES['five-ways'],
      taxonomyTermId: wayTermId(code),
    })),
  ]
  if (attributes.length > 0) await db.insert(directoryAttributes).values(attributes)
  return { serviceId: id, version }
}

export async function setServiceStatus(
  scope: AreaScope<Tx>,
  serviceId: string,
  status: string,
): Promise<number | null> {
  const [row] = await scope.db
    .update(directoryServices)
    .set({ status, lastModified: new Date(), updatedAt: new Date(), version: sql`${directoryServices.version} + 1` })
    .where(inArea(scope, directoryServices, eq(directoryServices.id, serviceId)))
    .returning({ version: directoryServices.version })
  return row?.version ?? null
}

export async function markServiceAssured(
  scope: AreaScope<Tx>,
  serviceId: string,
  assurance: { date: string; name: string; email: string | null },
): Promise<void> {
  await scope.db
    .update(directoryServices)
    .set({ assuredDate: assurance.date, assurerName: assurance.name, assurerEmail: assurance.email })
    .where(inArea(scope, directoryServices, eq(directoryServices.id, serviceId)))
}

// ---------------------------------------------------------------------------------------------------------
// Versions

export async function insertVersion(
  scope: AreaScope<Tx>,
  version: {
    serviceId: string
    state: 'approved' | 'pending' | 'rejected'
    baseVersion: number
    snapshot: unknown
    source: 'staff' | 'provider' | 'import' | 'system'
    submittedByUserId?: string | null
    submittedByEmail?: string | null
    decidedByUserId?: string | null
    decidedAt?: Date | null
    decisionNote?: string | null
  },
): Promise<string> {
  const [row] = await scope.db
    .insert(directoryServiceVersions)
    .values({ areaId: scope.areaId, ...version })
    .returning({ id: directoryServiceVersions.id })
  return row!.id
}

export async function listVersions(scope: AreaScope, serviceId: string) {
  return scope.db
    .select()
    .from(directoryServiceVersions)
    .where(inArea(scope, directoryServiceVersions, eq(directoryServiceVersions.serviceId, serviceId)))
    .orderBy(desc(directoryServiceVersions.createdAt))
    .limit(200)
}

export async function findVersion(scope: AreaScope, versionId: string) {
  const [row] = await scope.db
    .select()
    .from(directoryServiceVersions)
    .where(inArea(scope, directoryServiceVersions, eq(directoryServiceVersions.id, versionId)))
    .limit(1)
  return row ?? null
}

export async function findLatestApprovedVersion(scope: AreaScope, serviceId: string) {
  const [row] = await scope.db
    .select()
    .from(directoryServiceVersions)
    .where(
      inArea(
        scope,
        directoryServiceVersions,
        eq(directoryServiceVersions.serviceId, serviceId),
        eq(directoryServiceVersions.state, 'approved'),
      ),
    )
    .orderBy(desc(directoryServiceVersions.createdAt))
    .limit(1)
  return row ?? null
}

export async function decideVersion(
  scope: AreaScope<Tx>,
  versionId: string,
  decision: { state: 'approved' | 'rejected'; userId: string; note: string | null },
): Promise<boolean> {
  const rows = await scope.db
    .update(directoryServiceVersions)
    .set({
      state: decision.state,
      decidedByUserId: decision.userId,
      decidedAt: new Date(),
      decisionNote: decision.note,
    })
    .where(
      inArea(
        scope,
        directoryServiceVersions,
        eq(directoryServiceVersions.id, versionId),
        eq(directoryServiceVersions.state, 'pending'),
      ),
    )
    .returning({ id: directoryServiceVersions.id })
  return rows.length === 1
}

export async function listPendingVersions(scope: AreaScope) {
  return scope.db
    .select({
      id: directoryServiceVersions.id,
      serviceId: directoryServiceVersions.serviceId,
      createdAt: directoryServiceVersions.createdAt,
      submittedByEmail: directoryServiceVersions.submittedByEmail,
      serviceName: directoryServices.name,
    })
    .from(directoryServiceVersions)
    .innerJoin(
      directoryServices,
      and(
        eq(directoryServices.areaId, directoryServiceVersions.areaId),
        eq(directoryServices.id, directoryServiceVersions.serviceId),
      ),
    )
    .where(inArea(scope, directoryServiceVersions, eq(directoryServiceVersions.state, 'pending')))
    .orderBy(asc(directoryServiceVersions.createdAt))
    .limit(200)
}

// ---------------------------------------------------------------------------------------------------------
// Provider links

export async function insertProviderLink(
  scope: AreaScope<Tx>,
  link: { serviceId: string; tokenHash: string; sentTo: string; reason: string; expiresAt: Date },
): Promise<void> {
  await scope.db.insert(directoryProviderLinks).values({ areaId: scope.areaId, ...link })
}

/** Finds a link by its token hash alone: the token is the credential, and it tells us the area. */
export async function findProviderLinkByTokenHash(db: Database, tokenHash: string) {
  const [row] = await db
    .select()
    .from(directoryProviderLinks)
    .where(eq(directoryProviderLinks.tokenHash, tokenHash))
    .limit(1)
  return row ?? null
}

export async function markProviderLinkUsed(scope: AreaScope<Tx>, linkId: string): Promise<void> {
  await scope.db
    .update(directoryProviderLinks)
    .set({ usedAt: new Date() })
    .where(inArea(scope, directoryProviderLinks, eq(directoryProviderLinks.id, linkId)))
}

/** Listings due a check whose contact has an email address and who were not sent a link recently. */
export async function listServicesDueReminder(
  db: Database,
  assuredBefore: string,
  notSentSince: Date,
  limit: number,
): Promise<{ areaId: string; serviceId: string; name: string; email: string }[]> {
  const result = await db.execute<{ areaId: string; serviceId: string; name: string; email: string }>(sql`
    select s.area_id as "areaId", s.id as "serviceId", s.name, c.email
    from directory_services s
    join lateral (
      select email from directory_contacts c
      where c.area_id = s.area_id and c.service_id = s.id and c.email is not null
      order by c.is_listing_contact desc limit 1
    ) c on true
    where s.status in ('active', 'temporarily closed')
      and (s.assured_date is null or s.assured_date < ${assuredBefore}::date)
      and not exists (
        select 1 from directory_provider_links p
        where p.area_id = s.area_id and p.service_id = s.id and p.created_at > ${notSentSince.toISOString()}::timestamptz
      )
    order by s.assured_date asc nulls first
    limit ${limit}`)
  return result.rows
}

// ---------------------------------------------------------------------------------------------------------
// Signposting and feedback

export async function insertSignposting(
  scope: AreaScope<Tx> & { organisationId: string },
  signposting: {
    userId: string
    personLabel: string | null
    needs: string[]
    serviceIds: string[]
    note: string | null
    emailedAt: Date | null
    idempotencyKey: string
  },
): Promise<{ id: string; created: boolean }> {
  const inserted = await scope.db
    .insert(directorySignpostings)
    .values({ areaId: scope.areaId, organisationId: scope.organisationId, ...signposting })
    .onConflictDoNothing()
    .returning({ id: directorySignpostings.id })
  if (inserted[0]) return { id: inserted[0].id, created: true }
  const [existing] = await scope.db
    .select({ id: directorySignpostings.id })
    .from(directorySignpostings)
    .where(inArea(scope, directorySignpostings, eq(directorySignpostings.idempotencyKey, signposting.idempotencyKey)))
  return { id: existing!.id, created: false }
}

export async function findSignposting(scope: AreaScope & { organisationId: string }, id: string) {
  const [row] = await scope.db
    .select()
    .from(directorySignpostings)
    .where(
      inArea(scope, directorySignpostings, inTenant(scope, directorySignpostings), eq(directorySignpostings.id, id)),
    )
    .limit(1)
  return row ?? null
}

export type SignpostingCount = { need: string; signpostings: number; services: number }

/**
 * How many people were signposted, by need, for one organisation over a period (for reports). One person
 * signposted for two needs counts under both.
 */
export async function countSignpostingsByNeed(
  scope: AreaScope & { organisationId: string },
  period: { from: Date; to: Date },
): Promise<SignpostingCount[]> {
  const result = await scope.db.execute<SignpostingCount>(sql`
    select need, count(*)::int as signpostings, sum(cardinality(service_ids))::int as services
    from directory_signpostings, unnest(needs) as need
    where area_id = ${scope.areaId} and organisation_id = ${scope.organisationId}
      and created_at >= ${period.from.toISOString()}::timestamptz and created_at < ${period.to.toISOString()}::timestamptz
    group by need
    order by signpostings desc, need`)
  return result.rows
}

export async function insertFeedback(
  scope: AreaScope<Tx>,
  feedback: {
    serviceId: string
    source: 'link-worker' | 'person'
    userId: string | null
    welcoming: boolean | null
    wouldRecommend: boolean | null
    comment: string | null
    idempotencyKey: string
  },
): Promise<boolean> {
  const rows = await scope.db
    .insert(directoryFeedback)
    .values({ areaId: scope.areaId, ...feedback })
    .onConflictDoNothing()
    .returning({ id: directoryFeedback.id })
  return rows.length === 1
}

export type FeedbackSummary = {
  total: number
  welcomingYes: number
  welcomingAnswered: number
  recommendYes: number
  recommendAnswered: number
}

export async function summariseFeedback(scope: AreaScope, serviceId: string): Promise<FeedbackSummary> {
  const result = await scope.db.execute<FeedbackSummary>(sql`
    select count(*)::int as total,
      count(*) filter (where welcoming)::int as "welcomingYes",
      count(welcoming)::int as "welcomingAnswered",
      count(*) filter (where would_recommend)::int as "recommendYes",
      count(would_recommend)::int as "recommendAnswered"
    from directory_feedback where area_id = ${scope.areaId} and service_id = ${serviceId}`)
  return result.rows[0]!
}

export async function listRecentComments(scope: AreaScope, serviceId: string) {
  return scope.db
    .select({
      comment: directoryFeedback.comment,
      source: directoryFeedback.source,
      createdAt: directoryFeedback.createdAt,
    })
    .from(directoryFeedback)
    .where(
      inArea(
        scope,
        directoryFeedback,
        eq(directoryFeedback.serviceId, serviceId),
        sql`${directoryFeedback.comment} is not null`,
      ),
    )
    .orderBy(desc(directoryFeedback.createdAt))
    .limit(5)
}

export { NEEDS_TAXONOMY, FIVE_WAYS_TAXONOMY }

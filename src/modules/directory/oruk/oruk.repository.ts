// SPDX-License-Identifier: AGPL-3.0-or-later
// All SQL of the ORUK feed. Every query filters by the area (the directory's tenant key) and, for the open
// feed, by the `public` flags: private organisations, services, locations and contacts never leave here.
import { queriesTogether } from '../../../platform/db/queries-together.ts'
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm'
import type { Queryable } from '../../../platform/db/database.ts'
import {
  directoryAttributes,
  directoryLocations,
  directoryOrganizations,
  directorySchedules,
  directoryServiceAreas,
  directoryServiceAtLocations,
  directoryServices,
  directoryTaxonomyTerms,
  postcodes,
} from '../directory.table.ts'
import type { ServiceQuery } from './oruk.query.ts'
import { anyOf, inArea } from '../../../platform/db/tenant.ts'
import type { AreaScope } from '../../../platform/db/org-scope.ts'

export type ServiceRow = typeof directoryServices.$inferSelect
export type OrganizationRow = typeof directoryOrganizations.$inferSelect
export type LocationRow = typeof directoryLocations.$inferSelect

export interface Point {
  latitude: number
  longitude: number
}

/** A postcode's centroid and the ONS code of its local authority district. */
export interface PostcodePoint extends Point {
  localAuthorityCode: string | null
}

/** The centroid of a postcode (already normalised), or undefined when the postcode is not known. */
export async function findPostcodeCentroid(db: Queryable, postcode: string): Promise<PostcodePoint | undefined> {
  const [row] = await db
    .select({
      latitude: postcodes.latitude,
      longitude: postcodes.longitude,
      localAuthorityCode: postcodes.localAuthorityCode,
    })
    .from(postcodes)
    .where(eq(postcodes.postcode, postcode))
    .limit(1)
  return row
}

function earth(point: Point): SQL {
  return sql`ll_to_earth(${point.latitude}::float8, ${point.longitude}::float8)`
}

const locationEarth = sql`ll_to_earth(${directoryLocations.latitude}, ${directoryLocations.longitude})`

function withinLocation(centre: Point, metres: number): SQL {
  // earth_box uses the GiST index on ll_to_earth; earth_distance trims the box's corners.
  return sql`${directoryLocations.latitude} is not null and ${directoryLocations.longitude} is not null
    and earth_box(${earth(centre)}, ${metres}::float8) @> ${locationEarth}
    and earth_distance(${earth(centre)}, ${locationEarth}) <= ${metres}::float8`
}

/** Filters every list shares (cumulative, AND), on `directory_services` and optionally one location. */
function serviceFilters(
  areaId: string,
  query: ServiceQuery,
  centre: PostcodePoint | undefined,
  serviceAtLocationId?: typeof directoryServiceAtLocations.id,
): SQL[] {
  const s = directoryServices
  const filters: SQL[] = []
  if (query.search) filters.push(sql`${s.searchVector} @@ websearch_to_tsquery('english', ${query.search})`)
  // Filters that pick few services from a large area are written as uncorrelated `id in (…)` (the area is a
  // parameter, not the outer row's column), so the planner can start from their index (terms, the distance
  // index) and join to the services, rather than test every service.
  if (query.taxonomyTermId)
    filters.push(sql`${s.id} in (select ${directoryAttributes.linkId} from ${directoryAttributes}
      where ${directoryAttributes.areaId} = ${areaId} and ${directoryAttributes.taxonomyTermId} = ${query.taxonomyTermId})`)
  // ORUK 1.0 called a term a "taxonomy", and its validator's Taxonomy Test sends a term's id as taxonomy_id:
  // a term id matches too (ids are UUIDs, so a taxonomy and a term never share one).
  if (query.taxonomyId)
    filters.push(sql`${s.id} in (select ${directoryAttributes.linkId} from ${directoryAttributes} join ${directoryTaxonomyTerms}
      on ${directoryTaxonomyTerms.id} = ${directoryAttributes.taxonomyTermId}
      where ${directoryAttributes.areaId} = ${areaId}
        and (${directoryTaxonomyTerms.taxonomyId} = ${query.taxonomyId} or ${directoryAttributes.taxonomyTermId} = ${query.taxonomyId}))`)
  // "minimum age of at least" / "maximum age at or below": a service without an age limit has 0 and no maximum.
  if (query.minimumAge !== undefined) filters.push(sql`coalesce(${s.minimumAge}, 0) >= ${query.minimumAge}`)
  if (query.maximumAge !== undefined) filters.push(sql`${s.maximumAge} <= ${query.maximumAge}`)
  if (query.day || query.startTime || query.endTime) {
    const sc = directorySchedules
    const sal = directoryServiceAtLocations
    const conditions: SQL[] = [
      sql`(${sc.validFrom} is null or ${sc.validFrom} <= current_date)`,
      sql`(${sc.validTo} is null or ${sc.validTo} >= current_date)`,
    ]
    // BYDAY is "TU", "MO,WE", or with MONTHLY "2TU", "-1FR".
    if (query.day) conditions.push(sql`${sc.byday} ~ ${`(^|,)\\s*[-+]?[0-9]*${query.day}\\s*(,|$)`}`)
    if (query.startTime) conditions.push(sql`${sc.opensAt} >= ${query.startTime}::time`)
    if (query.endTime) conditions.push(sql`${sc.closesAt} <= ${query.endTime}::time`)
    // A schedule belongs to the service, or to one of its service-at-locations; each test uses an index.
    const ofService = sql`exists (select 1 from ${sc} where ${sc.areaId} = ${s.areaId} and ${sc.serviceId} = ${s.id}
      ${serviceAtLocationId ? sql`and ${sc.serviceAtLocationId} is null` : sql``} and ${and(...conditions)})`
    const ofLocation = serviceAtLocationId
      ? sql`exists (select 1 from ${sc} where ${sc.areaId} = ${s.areaId} and ${sc.serviceAtLocationId} = ${serviceAtLocationId}
          and ${and(...conditions)})`
      : sql`exists (select 1 from ${sc} join ${sal} on ${sal.areaId} = ${sc.areaId} and ${sal.id} = ${sc.serviceAtLocationId}
          where ${sal.areaId} = ${s.areaId} and ${sal.serviceId} = ${s.id} and ${and(...conditions)})`
    filters.push(sql`(${ofService} or ${ofLocation})`)
  }
  // A postcode without a distance checks coverage (ORUK: "If service_area is available, only return results
  // where the postcode exists within the service_area"): services with no service area are kept; those with
  // one are kept when it names the postcode's local authority (ONS code, as in statistics.data.gov.uk URIs).
  if (centre && query.proximityMetres === undefined) {
    const sa = directoryServiceAreas
    const code = centre.localAuthorityCode
    const covered = code
      ? sql`${s.id} in (select ${sa.serviceId} from ${sa} where ${sa.areaId} = ${areaId} and ${sa.serviceId} is not null
          and (upper(${sa.uri}) like ${`%${code.toUpperCase()}`} or upper(${sa.name}) = ${code.toUpperCase()}))`
      : sql`false`
    filters.push(sql`(${s.id} not in (select ${sa.serviceId} from ${sa} where ${sa.areaId} = ${areaId}
      and ${sa.serviceId} is not null) or ${covered})`)
  }
  return filters
}

function publicServiceConditions(scope: AreaScope<Queryable>): SQL[] {
  return [inArea(scope, directoryServices), eq(directoryServices.public, true), eq(directoryOrganizations.public, true)]
}

const organizationJoin = and(
  eq(directoryOrganizations.areaId, directoryServices.areaId),
  eq(directoryOrganizations.id, directoryServices.organizationId),
)

function ordering(query: ServiceQuery, distance: SQL | SQL.Aliased | undefined): SQL[] {
  const order: SQL[] = []
  if (distance) order.push(sql`${distance} asc nulls last`)
  if (query.search)
    order.push(desc(sql`ts_rank(${directoryServices.searchVector}, websearch_to_tsquery('english', ${query.search}))`))
  // The primary key keeps paging stable and lets an unfiltered page read the index instead of sorting.
  order.push(asc(directoryServices.id))
  return order
}

export interface ServiceListResult {
  total: number
  services: { service: ServiceRow; organization: OrganizationRow }[]
}

/**
 * The services with a public location within `metres` of `centre`, each with the distance to its nearest one:
 * one pass over the distance index, grouped, so ordering by distance never runs a query per service.
 */
function nearbyServices(areaId: string, db: Queryable, centre: Point, metres: number) {
  return db
    .select({
      serviceId: directoryServiceAtLocations.serviceId,
      distance: sql<number>`min(earth_distance(${earth(centre)}, ${locationEarth}))`.as('distance'),
    })
    .from(directoryServiceAtLocations)
    .innerJoin(directoryLocations, salJoins.location)
    .where(
      inArea(
        { areaId },
        directoryServiceAtLocations,
        eq(directoryLocations.public, true),
        withinLocation(centre, metres),
      ),
    )
    .groupBy(directoryServiceAtLocations.serviceId)
    .as('nearby')
}

/** One page of the area's public services matching every filter, with the total count. */
export async function listPublicServices(
  scope: AreaScope<Queryable>,
  query: ServiceQuery,
  centre: PostcodePoint | undefined,
): Promise<ServiceListResult> {
  const where = and(...publicServiceConditions(scope), ...serviceFilters(scope.areaId, query, centre))
  const page = { limit: query.perPage, offset: (query.page - 1) * query.perPage }
  if (centre && query.proximityMetres !== undefined) {
    const nearby = nearbyServices(scope.areaId, scope.db, centre, query.proximityMetres)
    const nearbyJoin = eq(nearby.serviceId, directoryServices.id)
    // The nearby set is bounded by the radius, so the page carries its own total (one pass over the index).
    const rows = await scope.db
      .select({
        service: directoryServices,
        organization: directoryOrganizations,
        total: sql<number>`count(*) over ()`.mapWith(Number),
      })
      .from(directoryServices)
      .innerJoin(directoryOrganizations, organizationJoin)
      .innerJoin(nearby, nearbyJoin)
      .where(where)
      .orderBy(...ordering(query, sql`${nearby.distance}`))
      .limit(page.limit)
      .offset(page.offset)
    let total = rows[0]?.total ?? 0
    if (rows.length === 0 && page.offset > 0) {
      const [counted] = await scope.db
        .select({ count: sql<number>`count(*)`.mapWith(Number) })
        .from(directoryServices)
        .innerJoin(directoryOrganizations, organizationJoin)
        .innerJoin(nearby, nearbyJoin)
        .where(where)
      total = counted?.count ?? 0
    }
    return { total, services: rows.map(({ service, organization }) => ({ service, organization })) }
  }
  const [rows, total] = await queriesTogether(scope.db, [
    () =>
      scope.db
        .select({ service: directoryServices, organization: directoryOrganizations })
        .from(directoryServices)
        .innerJoin(directoryOrganizations, organizationJoin)
        .where(where)
        .orderBy(...ordering(query, undefined))
        .limit(page.limit)
        .offset(page.offset),
    () => countPublicServices(scope, where),
  ])
  return { total, services: rows }
}

async function countPublicServices(scope: AreaScope<Queryable>, where: SQL | undefined): Promise<number> {
  const [row] = await scope.db
    .select({ count: sql<number>`count(*)`.mapWith(Number) })
    .from(directoryServices)
    .innerJoin(directoryOrganizations, organizationJoin)
    .where(where)
  return row?.count ?? 0
}

/** Public services by id (in any order), each with its organisation. */
export async function findPublicServices(
  scope: AreaScope<Queryable>,
  ids: readonly string[],
): Promise<{ service: ServiceRow; organization: OrganizationRow }[]> {
  if (ids.length === 0) return []
  return scope.db
    .select({ service: directoryServices, organization: directoryOrganizations })
    .from(directoryServices)
    .innerJoin(directoryOrganizations, organizationJoin)
    .where(and(...publicServiceConditions(scope), anyOf(directoryServices.id, ids)))
}

export interface ServiceAtLocationListResult {
  total: number
  rows: {
    serviceAtLocation: typeof directoryServiceAtLocations.$inferSelect
    service: ServiceRow
    organization: OrganizationRow
    location: LocationRow
  }[]
}

/** How a service-at-location joins its service and location (shared with the relations read). */
export const salJoins = {
  service: and(
    eq(directoryServices.areaId, directoryServiceAtLocations.areaId),
    eq(directoryServices.id, directoryServiceAtLocations.serviceId),
  ),
  location: and(
    eq(directoryLocations.areaId, directoryServiceAtLocations.areaId),
    eq(directoryLocations.id, directoryServiceAtLocations.locationId),
  ),
}

function serviceAtLocationConditions(
  scope: AreaScope<Queryable>,
  query: ServiceQuery,
  centre: PostcodePoint | undefined,
) {
  const conditions = [
    inArea(scope, directoryServiceAtLocations),
    ...publicServiceConditions(scope),
    eq(directoryLocations.public, true),
    ...serviceFilters(scope.areaId, query, centre, directoryServiceAtLocations.id),
  ]
  if (centre && query.proximityMetres !== undefined) conditions.push(withinLocation(centre, query.proximityMetres))
  return conditions
}

/** One page of public service-at-locations (both the service and the location public) matching every filter. */
export async function listPublicServiceAtLocations(
  scope: AreaScope<Queryable>,
  query: ServiceQuery,
  centre: PostcodePoint | undefined,
): Promise<ServiceAtLocationListResult> {
  const where = and(...serviceAtLocationConditions(scope, query, centre))
  const order: SQL[] = []
  if (centre && query.proximityMetres !== undefined)
    order.push(sql`earth_distance(${earth(centre)}, ${locationEarth}) asc nulls last`)
  order.push(...ordering(query, undefined).slice(0, -1), asc(directoryServiceAtLocations.id))
  const [rows, counted] = await queriesTogether(scope.db, [
    () =>
      scope.db
        .select({
          serviceAtLocation: directoryServiceAtLocations,
          service: directoryServices,
          organization: directoryOrganizations,
          location: directoryLocations,
        })
        .from(directoryServiceAtLocations)
        .innerJoin(directoryServices, salJoins.service)
        .innerJoin(directoryOrganizations, organizationJoin)
        .innerJoin(directoryLocations, salJoins.location)
        .where(where)
        .orderBy(...order)
        .limit(query.perPage)
        .offset((query.page - 1) * query.perPage),
    () =>
      scope.db
        .select({ count: sql<number>`count(*)`.mapWith(Number) })
        .from(directoryServiceAtLocations)
        .innerJoin(directoryServices, salJoins.service)
        .innerJoin(directoryOrganizations, organizationJoin)
        .innerJoin(directoryLocations, salJoins.location)
        .where(where),
  ])
  return { total: counted[0]?.count ?? 0, rows }
}

export async function findPublicServiceAtLocation(
  scope: AreaScope<Queryable>,
  id: string,
): Promise<ServiceAtLocationListResult['rows'][number] | undefined> {
  const [row] = await scope.db
    .select({
      serviceAtLocation: directoryServiceAtLocations,
      service: directoryServices,
      organization: directoryOrganizations,
      location: directoryLocations,
    })
    .from(directoryServiceAtLocations)
    .innerJoin(directoryServices, salJoins.service)
    .innerJoin(directoryOrganizations, organizationJoin)
    .innerJoin(directoryLocations, salJoins.location)
    .where(
      inArea(
        scope,
        directoryServiceAtLocations,
        eq(directoryServiceAtLocations.id, id),
        ...publicServiceConditions(scope),
        eq(directoryLocations.public, true),
      ),
    )
    .limit(1)
  return row
}

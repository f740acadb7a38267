// SPDX-License-Identifier: AGPL-3.0-or-later
// Details for a set of services found by a search (for result pages and sheets): one query per kind, never one
// per service. SQL only.
import { and, asc, eq, sql, type SQL } from 'drizzle-orm'
import type { AreaScope } from '../../platform/db/org-scope.ts'
import {
  directoryCostOptions,
  directoryOrganizations,
  directoryPhones,
  directorySchedules,
  directoryServices,
} from './directory.table.ts'
import { anyOf, inArea } from '../../platform/db/tenant.ts'

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
    .where(inArea(scope, directorySchedules, anyOf(directorySchedules.serviceId, serviceIds)))
    .orderBy(asc(directorySchedules.opensAt))
}

export async function listCostsForServices(scope: AreaScope, serviceIds: readonly string[]) {
  if (serviceIds.length === 0) return []
  return scope.db
    .select()
    .from(directoryCostOptions)
    .where(inArea(scope, directoryCostOptions, anyOf(directoryCostOptions.serviceId, serviceIds)))
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
      monthlyPlaces: directoryServices.monthlyPlaces,
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
    .where(inArea(scope, directoryServices, anyOf(directoryServices.id, serviceIds)))
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
    .where(inArea(scope, directoryPhones, anyOf(directoryPhones.serviceId, serviceIds)))
}

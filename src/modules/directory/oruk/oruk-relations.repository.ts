// SPDX-License-Identifier: AGPL-3.0-or-later
// Everything hanging off a set of services (locations, schedules, contacts, costs, terms…), a fixed number of
// queries whatever the number of services: for the feed's full records and the import's comparison.
import { queriesTogether } from '../../../platform/db/queries-together.ts'
import { and, asc, eq } from 'drizzle-orm'
import type { Queryable } from '../../../platform/db/database.ts'
import {
  directoryAccessibility,
  directoryAddresses,
  directoryAttributes,
  directoryContacts,
  directoryCostOptions,
  directoryFunding,
  directoryLanguages,
  directoryLocations,
  directoryPhones,
  directorySchedules,
  directoryServiceAreas,
  directoryServiceAtLocations,
  directoryTaxonomies,
  directoryTaxonomyTerms,
} from '../directory.table.ts'
import type { AreaScope } from '../../../platform/db/org-scope.ts'
import { salJoins, type LocationRow } from './oruk.repository.ts'
import { anyOf } from '../../../platform/db/tenant.ts'

export type TermRow = typeof directoryTaxonomyTerms.$inferSelect
export type TaxonomyRow = typeof directoryTaxonomies.$inferSelect

/** Everything a fully nested service needs, for many services at once (a fixed number of queries). */
export interface ServiceRelations {
  serviceAtLocations: (typeof directoryServiceAtLocations.$inferSelect)[]
  locations: LocationRow[]
  addresses: (typeof directoryAddresses.$inferSelect)[]
  accessibility: (typeof directoryAccessibility.$inferSelect)[]
  schedules: (typeof directorySchedules.$inferSelect)[]
  contacts: (typeof directoryContacts.$inferSelect)[]
  phones: (typeof directoryPhones.$inferSelect)[]
  costOptions: (typeof directoryCostOptions.$inferSelect)[]
  serviceAreas: (typeof directoryServiceAreas.$inferSelect)[]
  languages: (typeof directoryLanguages.$inferSelect)[]
  funding: (typeof directoryFunding.$inferSelect)[]
  attributes: (typeof directoryAttributes.$inferSelect)[]
  terms: TermRow[]
  taxonomies: TaxonomyRow[]
}

/**
 * Loads the related records of `serviceIds`. `publicOnly` drops private locations and contacts (the open
 * feed); the importer reads everything so it can compare.
 */
export async function loadServiceRelations(
  scope: AreaScope<Queryable>,
  serviceIds: readonly string[],
  publicOnly: boolean,
): Promise<ServiceRelations> {
  const ids = [...serviceIds]
  const empty: ServiceRelations = {
    serviceAtLocations: [],
    locations: [],
    addresses: [],
    accessibility: [],
    schedules: [],
    contacts: [],
    phones: [],
    costOptions: [],
    serviceAreas: [],
    languages: [],
    funding: [],
    attributes: [],
    terms: [],
    taxonomies: [],
  }
  if (ids.length === 0) return empty
  const area = scope.areaId
  const db = scope.db
  const [serviceAtLocations, locations, serviceSchedules, contacts, costOptions, serviceAreas, languages, funding] =
    await queriesTogether(scope.db, [
      () =>
        db
          .select()
          .from(directoryServiceAtLocations)
          .where(and(eq(directoryServiceAtLocations.areaId, area), anyOf(directoryServiceAtLocations.serviceId, ids)))
          .orderBy(asc(directoryServiceAtLocations.id)),
      () =>
        db
          .select({ location: directoryLocations })
          .from(directoryLocations)
          .innerJoin(directoryServiceAtLocations, salJoins.location)
          .where(
            and(
              eq(directoryServiceAtLocations.areaId, area),
              anyOf(directoryServiceAtLocations.serviceId, ids),
              ...(publicOnly ? [eq(directoryLocations.public, true)] : []),
            ),
          ),
      () =>
        db
          .select()
          .from(directorySchedules)
          .where(and(eq(directorySchedules.areaId, area), anyOf(directorySchedules.serviceId, ids)))
          .orderBy(asc(directorySchedules.id)),
      () =>
        db
          .select()
          .from(directoryContacts)
          .where(
            and(
              eq(directoryContacts.areaId, area),
              anyOf(directoryContacts.serviceId, ids),
              ...(publicOnly ? [eq(directoryContacts.public, true)] : []),
            ),
          )
          .orderBy(asc(directoryContacts.id)),
      () =>
        db
          .select()
          .from(directoryCostOptions)
          .where(and(eq(directoryCostOptions.areaId, area), anyOf(directoryCostOptions.serviceId, ids)))
          .orderBy(asc(directoryCostOptions.id)),
      () =>
        db
          .select()
          .from(directoryServiceAreas)
          .where(and(eq(directoryServiceAreas.areaId, area), anyOf(directoryServiceAreas.serviceId, ids)))
          .orderBy(asc(directoryServiceAreas.id)),
      () =>
        db
          .select()
          .from(directoryLanguages)
          .where(and(eq(directoryLanguages.areaId, area), anyOf(directoryLanguages.serviceId, ids)))
          .orderBy(asc(directoryLanguages.id)),
      () =>
        db
          .select()
          .from(directoryFunding)
          .where(and(eq(directoryFunding.areaId, area), anyOf(directoryFunding.serviceId, ids)))
          .orderBy(asc(directoryFunding.id)),
    ])
  const uniqueLocations = [...new Map(locations.map(({ location }) => [location.id, location])).values()]
  const locationIds = uniqueLocations.map((l) => l.id)
  const contactIds = contacts.map((c) => c.id)
  const salIds = serviceAtLocations.map((sal) => sal.id)
  const [addresses, accessibility, phones, attributeRows, locationSchedules] = await queriesTogether(scope.db, [
    () =>
      locationIds.length
        ? db
            .select()
            .from(directoryAddresses)
            .where(and(eq(directoryAddresses.areaId, area), anyOf(directoryAddresses.locationId, locationIds)))
            .orderBy(asc(directoryAddresses.id))
        : Promise.resolve([]),
    () =>
      locationIds.length
        ? db
            .select()
            .from(directoryAccessibility)
            .where(and(eq(directoryAccessibility.areaId, area), anyOf(directoryAccessibility.locationId, locationIds)))
            .orderBy(asc(directoryAccessibility.id))
        : Promise.resolve([]),
    () =>
      contactIds.length
        ? db
            .select()
            .from(directoryPhones)
            .where(and(eq(directoryPhones.areaId, area), anyOf(directoryPhones.contactId, contactIds)))
            .orderBy(asc(directoryPhones.id))
        : Promise.resolve([]),
    () =>
      // Attributes of the services and of their locations (accessibility features), () => with their terms.
      db
        .select({ attribute: directoryAttributes, term: directoryTaxonomyTerms })
        .from(directoryAttributes)
        .innerJoin(directoryTaxonomyTerms, eq(directoryTaxonomyTerms.id, directoryAttributes.taxonomyTermId))
        .where(and(eq(directoryAttributes.areaId, area), anyOf(directoryAttributes.linkId, [...ids, ...locationIds])))
        .orderBy(asc(directoryAttributes.id)),
    () =>
      // Schedules of one service-at-location only: a separate query, () => as an OR across both would not use an index.
      salIds.length
        ? db
            .select()
            .from(directorySchedules)
            .where(and(eq(directorySchedules.areaId, area), anyOf(directorySchedules.serviceAtLocationId, salIds)))
            .orderBy(asc(directorySchedules.id))
        : Promise.resolve([]),
  ])
  const schedules = [
    ...new Map([...serviceSchedules, ...locationSchedules].map((schedule) => [schedule.id, schedule])).values(),
  ]
  const attributes = attributeRows.map((r) => r.attribute)
  const terms = [...new Map(attributeRows.map((r) => [r.term.id, r.term])).values()]
  const taxonomyIds = [...new Set(terms.map((t) => t.taxonomyId))]
  const taxonomies = taxonomyIds.length
    ? await db.select().from(directoryTaxonomies).where(anyOf(directoryTaxonomies.id, taxonomyIds))
    : []
  return {
    serviceAtLocations,
    locations: uniqueLocations,
    addresses,
    accessibility,
    schedules,
    contacts,
    phones,
    costOptions,
    serviceAreas,
    languages,
    funding,
    attributes,
    terms,
    taxonomies,
  }
}

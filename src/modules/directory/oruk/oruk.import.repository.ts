// SPDX-License-Identifier: AGPL-3.0-or-later
// The import's SQL: what an area already holds from a feed, and writing the listings that changed (with their
// locations, schedules, contacts and terms) in chunks, in the caller's transaction.
import { eq, sql, type SQL } from 'drizzle-orm'
import type { Tx } from '../../../platform/db/database.ts'
import { anyOf, inArea } from '../../../platform/db/tenant.ts'
import {
  directoryAccessibility,
  directoryAddresses,
  directoryAttributes,
  directoryContacts,
  directoryCostOptions,
  directoryFunding,
  directoryLanguages,
  directoryLocations,
  directoryOrganizations,
  directoryPhones,
  directorySchedules,
  directoryServiceAreas,
  directoryServiceAtLocations,
  directoryServices,
  directoryTaxonomies,
  directoryTaxonomyTerms,
} from '../directory.table.ts'
import { attributeRows, listingRows, termRows, vocabularyOf } from './oruk.import-rows.ts'
import { loadServiceRelations, type ServiceRelations } from './oruk-relations.repository.ts'
import { type OrganizationRow, type ServiceRow } from './oruk.repository.ts'
import { directoryFeedImports } from './oruk.table.ts'
import type { ImportedService } from './oruk.ts'

const CHUNK = 1_000

function chunks<T>(values: T[], size = CHUNK): T[][] {
  const out: T[][] = []
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size))
  return out
}

async function insertAll<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (const chunk of chunks(rows)) await insert(chunk)
}

/** Upserts the shared vocabularies the feed uses and returns term key ("taxonomyUri|code") → term id. */
async function upsertTerms(tx: Tx, services: ImportedService[], sourceFeed: string): Promise<Map<string, string>> {
  const { taxonomies, terms } = vocabularyOf(services, sourceFeed)
  if (terms.size === 0) return new Map()
  await insertAll([...taxonomies.values()], (chunk) =>
    tx.insert(directoryTaxonomies).values(chunk).onConflictDoNothing(),
  )
  const storedTaxonomies = await tx
    .select({ id: directoryTaxonomies.id, uri: directoryTaxonomies.uri })
    .from(directoryTaxonomies)
    .where(anyOf(directoryTaxonomies.uri, [...taxonomies.keys()]))
  const taxonomyIdByUri = new Map(storedTaxonomies.map((t) => [t.uri, t.id]))
  await insertAll(termRows(terms.values(), taxonomyIdByUri), (chunk) =>
    tx.insert(directoryTaxonomyTerms).values(chunk).onConflictDoNothing(),
  )
  const stored = await tx
    .select({
      id: directoryTaxonomyTerms.id,
      code: directoryTaxonomyTerms.code,
      taxonomyId: directoryTaxonomyTerms.taxonomyId,
    })
    .from(directoryTaxonomyTerms)
    .where(anyOf(directoryTaxonomyTerms.taxonomyId, [...taxonomyIdByUri.values()]))
  const uriById = new Map(storedTaxonomies.map((t) => [t.id, t.uri]))
  return new Map(stored.map((t) => [`${uriById.get(t.taxonomyId)}|${t.code}`, t.id]))
}

/** The columns an upsert replaces with the incoming row's value. */
function fromIncoming(...columns: string[]): Record<string, SQL> {
  return Object.fromEntries(columns.map((column) => [camel(column), sql.raw(`excluded.${column}`)]))
}

function camel(column: string): string {
  return column.replace(/_(\w)/g, (_, letter: string) => letter.toUpperCase())
}

/**
 * Writes the listings that changed: organisations and services upserted (a service's version goes up), the
 * children of a changed listing replaced, then its locations, schedules, contacts, costs, areas, languages,
 * funding and terms. `isNew` holds the ids of listings the area did not have (they have no children to replace).
 */
export async function writeServices(
  tx: Tx,
  areaId: string,
  sourceFeed: string,
  services: ImportedService[],
  isNew: Set<string>,
): Promise<void> {
  if (services.length === 0) return
  const scope = { areaId }
  const now = new Date()
  const rows = listingRows(areaId, sourceFeed, services, now)
  await insertAll(rows.organizations, (chunk) =>
    tx
      .insert(directoryOrganizations)
      .values(chunk)
      .onConflictDoUpdate({
        target: [directoryOrganizations.areaId, directoryOrganizations.id],
        set: { ...fromIncoming('name', 'description', 'email', 'website', 'logo', 'uri'), updatedAt: now },
      }),
  )
  await insertAll(rows.services, (chunk) =>
    tx
      .insert(directoryServices)
      .values(chunk)
      .onConflictDoUpdate({
        target: [directoryServices.areaId, directoryServices.id],
        set: {
          ...fromIncoming(
            'organization_id',
            'name',
            'alternate_name',
            'description',
            'url',
            'email',
            'status',
            'fees_description',
            'eligibility_description',
            'application_process',
            'accreditations',
            'minimum_age',
            'maximum_age',
            'assured_date',
            'assurer_email',
            'alert',
          ),
          lastModified: now,
          updatedAt: now,
          version: sql`${directoryServices.version} + 1`,
        },
      }),
  )

  const replacedIds = rows.services.map((s) => s.id).filter((id) => !isNew.has(id))
  const locationIds = rows.locations.map((l) => l.id)
  // Replace the children of changed listings (new ones have none).
  if (replacedIds.length) {
    const contactIds = (
      await tx
        .select({ id: directoryContacts.id })
        .from(directoryContacts)
        .where(inArea(scope, directoryContacts, anyOf(directoryContacts.serviceId, replacedIds)))
    ).map((c) => c.id)
    if (contactIds.length)
      await tx
        .delete(directoryPhones)
        .where(inArea(scope, directoryPhones, anyOf(directoryPhones.contactId, contactIds)))
    for (const table of [
      directoryContacts,
      directorySchedules,
      directoryCostOptions,
      directoryServiceAreas,
      directoryLanguages,
      directoryFunding,
      directoryServiceAtLocations,
    ] as const) {
      await tx.delete(table).where(inArea(scope, table, anyOf(table.serviceId, replacedIds)))
    }
    await tx
      .delete(directoryAttributes)
      .where(inArea(scope, directoryAttributes, anyOf(directoryAttributes.linkId, replacedIds)))
  }
  if (locationIds.length) {
    await tx
      .delete(directoryAddresses)
      .where(inArea(scope, directoryAddresses, anyOf(directoryAddresses.locationId, locationIds)))
    await tx
      .delete(directoryAccessibility)
      .where(inArea(scope, directoryAccessibility, anyOf(directoryAccessibility.locationId, locationIds)))
  }

  await insertAll(rows.locations, (chunk) =>
    tx
      .insert(directoryLocations)
      .values(chunk)
      .onConflictDoUpdate({
        target: [directoryLocations.areaId, directoryLocations.id],
        set: {
          ...fromIncoming(
            'location_type',
            'name',
            'description',
            'latitude',
            'longitude',
            'external_identifier',
            'external_identifier_type',
          ),
          updatedAt: now,
        },
      }),
  )
  // Parents before children: a phone needs its contact, every row its service or location.
  await insertAll(rows.addresses, (chunk) => tx.insert(directoryAddresses).values(chunk).onConflictDoNothing())
  await insertAll(rows.accessibility, (chunk) => tx.insert(directoryAccessibility).values(chunk).onConflictDoNothing())
  const termIds = await upsertTerms(tx, services, sourceFeed)
  await insertAll(rows.serviceAtLocations, (chunk) =>
    tx.insert(directoryServiceAtLocations).values(chunk).onConflictDoNothing(),
  )
  await insertAll(rows.schedules, (chunk) => tx.insert(directorySchedules).values(chunk).onConflictDoNothing())
  await insertAll(rows.contacts, (chunk) => tx.insert(directoryContacts).values(chunk).onConflictDoNothing())
  await insertAll(rows.phones, (chunk) => tx.insert(directoryPhones).values(chunk).onConflictDoNothing())
  await insertAll(rows.costOptions, (chunk) => tx.insert(directoryCostOptions).values(chunk).onConflictDoNothing())
  await insertAll(rows.serviceAreas, (chunk) => tx.insert(directoryServiceAreas).values(chunk).onConflictDoNothing())
  await insertAll(rows.languages, (chunk) => tx.insert(directoryLanguages).values(chunk).onConflictDoNothing())
  await insertAll(rows.funding, (chunk) => tx.insert(directoryFunding).values(chunk).onConflictDoNothing())
  await insertAll(attributeRows(areaId, sourceFeed, services, termIds), (chunk) =>
    tx.insert(directoryAttributes).values(chunk).onConflictDoNothing(),
  )
}

/** What the area holds of the listings with these ids: the rows, their organisations and everything hanging off them. */
export async function loadStoredListings(
  tx: Tx,
  areaId: string,
  ids: string[],
): Promise<{
  services: Map<string, ServiceRow>
  organizations: Map<string, OrganizationRow>
  relations: ServiceRelations
}> {
  const scope = { areaId }
  const services = new Map<string, ServiceRow>()
  for (const chunk of chunks(ids)) {
    const rows = await tx
      .select()
      .from(directoryServices)
      .where(inArea(scope, directoryServices, anyOf(directoryServices.id, chunk)))
    for (const row of rows) services.set(row.id, row)
  }
  const relations = await loadServiceRelations({ db: tx, areaId }, [...services.keys()], false)
  const orgIds = [...new Set([...services.values()].map((s) => s.organizationId))]
  const organizations = new Map(
    (orgIds.length
      ? await tx
          .select()
          .from(directoryOrganizations)
          .where(inArea(scope, directoryOrganizations, anyOf(directoryOrganizations.id, orgIds)))
      : []
    ).map((o) => [o.id, o]),
  )
  return { services, organizations, relations }
}

/** Every listing the area holds from this feed. */
export async function listingsFromFeed(
  tx: Tx,
  areaId: string,
  sourceFeed: string,
): Promise<{ id: string; sourceId: string | null; name: string }[]> {
  return tx
    .select({ id: directoryServices.id, sourceId: directoryServices.sourceId, name: directoryServices.name })
    .from(directoryServices)
    .where(inArea({ areaId }, directoryServices, eq(directoryServices.sourceFeed, sourceFeed)))
}

/** Keeps the record of one import (counts and the first lines of its report). */
export async function recordFeedImport(tx: Tx, row: typeof directoryFeedImports.$inferInsert): Promise<void> {
  await tx.insert(directoryFeedImports).values(row)
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// One listing: reading it, and writing it with everything that hangs off it.
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { Tx } from '../../platform/db/database.ts'
import type { AreaScope } from '../../platform/db/org-scope.ts'
import { accessibilityTermId, LINK_TYPES, needTermId, ACCESSIBILITY_TAXONOMY, wayTermId } from './taxonomies.ts'
import {
  directoryAccessibility,
  directoryAddresses,
  directoryAttributes,
  directoryContacts,
  directoryCostOptions,
  directoryLocations,
  directoryOrganizations,
  directoryPhones,
  directorySchedules,
  directoryServiceAtLocations,
  directoryServices,
  directoryTaxonomyTerms,
} from './directory.table.ts'
import { anyOf, inArea } from '../../platform/db/tenant.ts'

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
    .where(inArea(scope, directoryAttributes, anyOf(directoryAttributes.linkId, linkIds)))
}

export async function listAccessibilityNotes(scope: AreaScope, locationIds: readonly string[]) {
  if (locationIds.length === 0) return []
  return scope.db
    .select()
    .from(directoryAccessibility)
    .where(inArea(scope, directoryAccessibility, anyOf(directoryAccessibility.locationId, locationIds)))
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
    /** Optional in stored versions made before it existed. */
    monthlyPlaces?: number | null
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
      .where(inArea(scope, directoryServices, eq(directoryServices.id, serviceId)))
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
    .where(inArea(scope, directoryServiceAtLocations, eq(directoryServiceAtLocations.serviceId, id)))
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
        .where(inArea(scope, directoryLocations, eq(directoryLocations.id, locationId)))
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
      .where(inArea(scope, directoryAddresses, eq(directoryAddresses.locationId, locationId)))
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
      .where(inArea(scope, directoryAccessibility, eq(directoryAccessibility.locationId, locationId)))
    await db
      .delete(directoryAttributes)
      .where(
        inArea(
          scope,
          directoryAttributes,
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

  await db.delete(directorySchedules).where(inArea(scope, directorySchedules, eq(directorySchedules.serviceId, id)))
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
    .where(inArea(scope, directoryCostOptions, eq(directoryCostOptions.serviceId, id)))
  if (listing.costs.length > 0)
    await db.insert(directoryCostOptions).values(listing.costs.map((c) => ({ areaId, serviceId: id, ...c })))

  // Contact: the listing contact (who receives update links) and its phone.
  const contacts = await db
    .select({ id: directoryContacts.id })
    .from(directoryContacts)
    .where(inArea(scope, directoryContacts, eq(directoryContacts.serviceId, id)))
  const contactIds = contacts.map((c) => c.id)
  await db.delete(directoryPhones).where(inArea(scope, directoryPhones, eq(directoryPhones.serviceId, id)))
  if (contactIds.length > 0)
    await db.delete(directoryContacts).where(inArea(scope, directoryContacts, anyOf(directoryContacts.id, contactIds)))
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
      inArea(
        scope,
        directoryAttributes,
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

// SPDX-License-Identifier: AGPL-3.0-or-later
// Directory rows → ORUK 3.0 JSON. Only the fields the standard defines (plus HSDS 3.0 base fields the UK profile
// leaves open, like contact phones), never our internal extensions, notes or feedback; empty fields omitted.
import { isAbsoluteUrl, isEmailAddress, omitEmpty } from './oruk.ts'
import type { LocationRow, OrganizationRow, ServiceRow } from './oruk.repository.ts'
import type { ServiceRelations, TaxonomyRow, TermRow } from './oruk-relations.repository.ts'

type JsonObject = Record<string, unknown>

const uri = (value: string | null | undefined): string | undefined => (isAbsoluteUrl(value) ? value : undefined)
const email = (value: string | null | undefined): string | undefined => (isEmailAddress(value) ? value : undefined)
/** Stored as local "HH:MM:SS"; ORUK shows "HH:MM". */
const hhmm = (value: string | null | undefined): string | undefined => value?.slice(0, 5)

function organizationJson(organization: OrganizationRow): JsonObject {
  return {
    id: organization.id,
    name: organization.name,
    // Required by the profile; a blank description is sent as the name rather than omitted.
    description: organization.description || organization.name,
    email: email(organization.email),
    website: uri(organization.website),
    logo: organization.logo,
    uri: uri(organization.uri),
    parent_organization_id: organization.parentOrganizationId,
  }
}

function serviceOneToOne(service: ServiceRow, organization: OrganizationRow): JsonObject {
  return {
    id: service.id,
    organization_id: service.organizationId,
    name: service.name,
    description: service.description,
    url: uri(service.url),
    email: email(service.email),
    status: service.status,
    fees: service.feesDescription,
    accreditations: service.accreditations,
    minimum_age: service.minimumAge,
    maximum_age: service.maximumAge,
    assured_date: service.assuredDate,
    assurer_email: email(service.assurerEmail),
    alert: service.alert,
    last_modified: service.lastModified.toISOString(),
    organization: organizationJson(organization),
  }
}

/** A `/services` list item: one-to-one fields only (compiled/service_list.json). */
export function serviceListItem(service: ServiceRow, organization: OrganizationRow): JsonObject {
  return omitEmpty(serviceOneToOne(service, organization))
}

function termJson(term: TermRow, taxonomies: Map<string, TaxonomyRow>): JsonObject {
  const taxonomy = taxonomies.get(term.taxonomyId)
  return {
    id: term.id,
    name: term.name,
    description: term.description || term.name,
    parent_id: term.parentId,
    taxonomy: term.taxonomy ?? taxonomy?.name,
    taxonomy_id: term.taxonomyId,
    term_uri: uri(term.termUri),
    term: term.code,
  }
}

function locationOneToOne(location: LocationRow): JsonObject {
  return {
    id: location.id,
    location_type: location.locationType,
    name: location.name,
    description: location.description,
    latitude: location.latitude,
    longitude: location.longitude,
    external_identifier: location.externalIdentifier,
    external_identifier_type: location.externalIdentifierType,
  }
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const row of rows) {
    const k = key(row)
    if (k === null) continue
    const list = groups.get(k)
    if (list) list.push(row)
    else groups.set(k, [row])
  }
  return groups
}

/** Indexes the relations once, so nesting many services is linear. */
export function indexRelations(relations: ServiceRelations) {
  const taxonomies = new Map(relations.taxonomies.map((t) => [t.id, t]))
  const terms = new Map(relations.terms.map((t) => [t.id, t]))
  const salServiceIds = new Map(relations.serviceAtLocations.map((s) => [s.id, s.serviceId]))
  return {
    relations,
    taxonomies,
    terms,
    locations: new Map(relations.locations.map((l) => [l.id, l])),
    salsByService: groupBy(relations.serviceAtLocations, (s) => s.serviceId),
    addressesByLocation: groupBy(relations.addresses, (a) => a.locationId),
    accessibilityByLocation: groupBy(relations.accessibility, (a) => a.locationId),
    // Schedules of a service-at-location are listed with its service (the UK profile nests them there).
    schedulesByService: groupBy(
      relations.schedules,
      (s) => s.serviceId ?? salServiceIds.get(s.serviceAtLocationId ?? '') ?? null,
    ),
    contactsByService: groupBy(relations.contacts, (c) => c.serviceId),
    phonesByContact: groupBy(relations.phones, (p) => p.contactId),
    costsByService: groupBy(relations.costOptions, (c) => c.serviceId),
    areasByService: groupBy(relations.serviceAreas, (a) => a.serviceId),
    languagesByService: groupBy(relations.languages, (l) => l.serviceId),
    fundingByService: groupBy(relations.funding, (f) => f.serviceId),
    attributesByLink: groupBy(relations.attributes, (a) => a.linkId),
  }
}
export type IndexedRelations = ReturnType<typeof indexRelations>

function attributesOf(linkId: string, index: IndexedRelations): JsonObject[] {
  return (index.attributesByLink.get(linkId) ?? []).flatMap((a) => {
    const term = index.terms.get(a.taxonomyTermId)
    if (!term) return []
    return [
      {
        id: a.id,
        link_id: a.linkId,
        taxonomy_term_id: a.taxonomyTermId,
        link_type: a.linkType,
        link_entity: a.linkEntity,
        value: a.value,
        label: a.label,
        taxonomy_term: termJson(term, index.taxonomies),
      },
    ]
  })
}

function fullLocation(location: LocationRow, index: IndexedRelations): JsonObject {
  return {
    ...locationOneToOne(location),
    attributes: attributesOf(location.id, index),
    addresses: (index.addressesByLocation.get(location.id) ?? []).map((a) => ({
      id: a.id,
      location_id: a.locationId,
      attention: a.attention,
      address_1: a.address1,
      address_2: a.address2,
      city: a.city,
      region: a.region,
      // Required by the profile: England has no state or province, so the county or city stands in.
      state_province: a.stateProvince || a.region || a.city,
      postal_code: a.postalCode,
      country: a.country,
      address_type: a.addressType,
    })),
    accessibility: (index.accessibilityByLocation.get(location.id) ?? []).map((a) => ({
      id: a.id,
      location_id: a.locationId,
      description: a.description,
      details: a.details,
      url: uri(a.url),
    })),
  }
}

function scheduleJson(s: ServiceRelations['schedules'][number]): JsonObject {
  return {
    id: s.id,
    service_id: s.serviceId,
    service_at_location_id: s.serviceAtLocationId,
    valid_from: s.validFrom,
    valid_to: s.validTo,
    dtstart: s.dtstart,
    until: s.until,
    wkst: s.wkst,
    freq: s.freq,
    interval: s.interval,
    byday: s.byday,
    bymonthday: s.bymonthday,
    description: s.description,
    opens_at: hhmm(s.opensAt),
    closes_at: hhmm(s.closesAt),
    schedule_link: uri(s.scheduleLink),
    attending_type: s.attendingType,
    notes: s.notes,
  }
}

/** A fully nested service (compiled/service.json): `/services/{id}`. */
export function fullService(service: ServiceRow, organization: OrganizationRow, index: IndexedRelations): JsonObject {
  const sals = index.salsByService.get(service.id) ?? []
  return omitEmpty({
    ...serviceOneToOne(service, organization),
    schedules: (index.schedulesByService.get(service.id) ?? []).map(scheduleJson),
    service_areas: (index.areasByService.get(service.id) ?? []).map((a) => ({
      id: a.id,
      service_id: a.serviceId,
      name: a.name,
      extent: a.extent,
      extent_type: a.extentType,
      uri: a.uri,
    })),
    service_at_locations: sals.flatMap((sal) => {
      const location = index.locations.get(sal.locationId)
      // A private location is left out, and so is the link to it.
      if (!location) return []
      return [
        { id: sal.id, service_id: sal.serviceId, location_id: sal.locationId, location: fullLocation(location, index) },
      ]
    }),
    languages: (index.languagesByService.get(service.id) ?? []).map((l) => ({
      id: l.id,
      service_id: l.serviceId,
      name: l.name,
      code: l.code,
    })),
    funding: (index.fundingByService.get(service.id) ?? []).map((f) => ({
      id: f.id,
      service_id: f.serviceId,
      source: f.source,
    })),
    cost_options: (index.costsByService.get(service.id) ?? []).map((c) => ({
      id: c.id,
      service_id: c.serviceId,
      valid_from: c.validFrom,
      valid_to: c.validTo,
      option: c.option,
      currency: c.currency,
      amount: c.amount,
      amount_description: c.amountDescription,
    })),
    contacts: (index.contactsByService.get(service.id) ?? []).map((c) => ({
      id: c.id,
      service_id: c.serviceId,
      name: c.name,
      title: c.title,
      department: c.department,
      email: email(c.email),
      phones: (index.phonesByContact.get(c.id) ?? []).map((p) => ({
        id: p.id,
        contact_id: p.contactId,
        number: p.number,
        extension: p.extension,
        type: p.type,
        description: p.description,
      })),
    })),
    attributes: attributesOf(service.id, index),
  })
}

/** A `/service_at_locations` list item: the link with its location's and service's one-to-one fields. */
export function serviceAtLocationListItem(row: {
  serviceAtLocation: { id: string; serviceId: string; locationId: string }
  service: ServiceRow
  organization: OrganizationRow
  location: LocationRow
}): JsonObject {
  return omitEmpty({
    id: row.serviceAtLocation.id,
    service_id: row.serviceAtLocation.serviceId,
    location_id: row.serviceAtLocation.locationId,
    location: locationOneToOne(row.location),
    service: serviceOneToOne(row.service, row.organization),
  })
}

/** `/service_at_locations/{id}`: the link with its full location and full service. */
export function fullServiceAtLocation(
  row: {
    serviceAtLocation: { id: string; serviceId: string; locationId: string }
    service: ServiceRow
    organization: OrganizationRow
    location: LocationRow
  },
  index: IndexedRelations,
): JsonObject {
  return omitEmpty({
    id: row.serviceAtLocation.id,
    service_id: row.serviceAtLocation.serviceId,
    location_id: row.serviceAtLocation.locationId,
    location: fullLocation(row.location, index),
    service: fullService(row.service, row.organization, index),
  })
}

export function taxonomyJson(taxonomy: TaxonomyRow, terms?: TermRow[]): JsonObject {
  const taxonomies = new Map([[taxonomy.id, taxonomy]])
  return omitEmpty({
    id: taxonomy.id,
    name: taxonomy.name,
    description: taxonomy.description || taxonomy.name,
    uri: uri(taxonomy.uri),
    version: taxonomy.version,
    taxonomy_terms: terms?.map((t) => termJson(t, taxonomies)),
  })
}

export function taxonomyTermJson(term: TermRow, taxonomy?: TaxonomyRow): JsonObject {
  return omitEmpty(termJson(term, new Map(taxonomy ? [[taxonomy.id, taxonomy]] : [])))
}

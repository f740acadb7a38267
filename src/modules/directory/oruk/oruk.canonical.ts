// SPDX-License-Identifier: AGPL-3.0-or-later
// Comparing an incoming listing with the stored one: both are reduced to the same canonical JSON, so an import
// writes only what changed and a re-import of the same feed writes nothing.
import type { OrganizationRow, ServiceRow } from './oruk.repository.ts'
import type { ServiceRelations } from './oruk-relations.repository.ts'
import { omitEmpty, type ImportedService, type ImportedTaxonomyTerm } from './oruk.ts'

export function taxonomyUriOf(term: ImportedTaxonomyTerm, sourceFeed: string): string {
  return term.taxonomyUri ?? `${sourceFeed}#taxonomy/${encodeURIComponent(term.taxonomyName ?? 'default')}`
}

/** JSON with object keys in order, so two equal records always serialise the same. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`
  return JSON.stringify(value)
}

function sortedJson(values: unknown[]): unknown[] {
  return values.map((v) => stableJson(omitEmpty(v))).sort()
}

export function canonicalImported(s: ImportedService, sourceFeed: string): string {
  const strip = <T extends { sourceId: string }>({ sourceId: _s, ...rest }: T) => rest
  return stableJson(
    omitEmpty({
      ...strip({ ...s, locations: undefined, schedules: undefined, contacts: undefined, costOptions: undefined }),
      organization: s.organization && strip(s.organization),
      locations: sortedJson(
        s.locations.map(({ serviceAtLocationSourceId: _sal, ...l }) => ({
          ...strip(l),
          addresses: sortedJson(l.addresses.map(strip)),
          accessibility: sortedJson(l.accessibility.map(strip)),
        })),
      ),
      schedules: sortedJson(s.schedules.map(strip)),
      contacts: sortedJson(s.contacts.map((c) => ({ ...strip(c), phones: sortedJson(c.phones.map(strip)) }))),
      costOptions: sortedJson(s.costOptions.map(strip)),
      serviceAreas: sortedJson(s.serviceAreas.map(strip)),
      languages: sortedJson(s.languages.map(strip)),
      funding: sortedJson(s.funding.map(strip)),
      taxonomyTerms: [...new Set(s.taxonomyTerms.map((t) => `${taxonomyUriOf(t, sourceFeed)}|${t.code}`))].sort(),
    }),
  )
}

export function canonicalStored(
  service: ServiceRow,
  organization: OrganizationRow | undefined,
  relations: ServiceRelations,
): string {
  const n = <T>(v: T | null): T | undefined => v ?? undefined
  const salLocations = new Set(
    relations.serviceAtLocations.filter((s) => s.serviceId === service.id).map((s) => s.locationId),
  )
  const contacts = relations.contacts.filter((c) => c.serviceId === service.id)
  const terms = new Map(relations.terms.map((t) => [t.id, t]))
  const taxonomies = new Map(relations.taxonomies.map((t) => [t.id, t]))
  return stableJson(
    omitEmpty({
      name: service.name,
      alternateName: n(service.alternateName),
      description: service.description,
      url: n(service.url),
      email: n(service.email),
      status: service.status,
      feesDescription: n(service.feesDescription),
      eligibilityDescription: n(service.eligibilityDescription),
      applicationProcess: n(service.applicationProcess),
      accreditations: n(service.accreditations),
      minimumAge: n(service.minimumAge),
      maximumAge: n(service.maximumAge),
      assuredDate: n(service.assuredDate),
      assurerEmail: n(service.assurerEmail),
      alert: n(service.alert),
      serviceAreas: sortedJson(
        relations.serviceAreas
          .filter((a) => a.serviceId === service.id)
          .map((a) => ({ name: a.name, extent: a.extent, extentType: a.extentType, uri: a.uri })),
      ),
      languages: sortedJson(
        relations.languages.filter((l) => l.serviceId === service.id).map((l) => ({ name: l.name, code: l.code })),
      ),
      funding: sortedJson(
        relations.funding.filter((f) => f.serviceId === service.id).map((f) => ({ source: f.source })),
      ),
      organization: organization && {
        name: organization.name,
        description: organization.description,
        email: organization.email,
        website: organization.website,
        logo: organization.logo,
        uri: organization.uri,
      },
      locations: sortedJson(
        relations.locations
          .filter((l) => salLocations.has(l.id))
          .map((l) => ({
            locationType: l.locationType,
            name: l.name,
            description: l.description,
            latitude: l.latitude,
            longitude: l.longitude,
            externalIdentifier: l.externalIdentifier,
            externalIdentifierType: l.externalIdentifierType,
            addresses: sortedJson(
              relations.addresses
                .filter((a) => a.locationId === l.id)
                .map((a) => ({
                  attention: a.attention,
                  address1: a.address1,
                  address2: a.address2,
                  city: a.city,
                  region: a.region,
                  stateProvince: a.stateProvince,
                  postalCode: a.postalCode,
                  country: a.country,
                  addressType: a.addressType,
                })),
            ),
            accessibility: sortedJson(
              relations.accessibility
                .filter((a) => a.locationId === l.id)
                .map((a) => ({ description: a.description, details: a.details, url: a.url })),
            ),
          })),
      ),
      schedules: sortedJson(
        relations.schedules
          .filter((s) => s.serviceId === service.id)
          .map((s) => ({
            validFrom: s.validFrom,
            validTo: s.validTo,
            dtstart: s.dtstart,
            freq: s.freq,
            interval: s.interval,
            byday: s.byday,
            bymonthday: s.bymonthday,
            description: s.description,
            opensAt: s.opensAt,
            closesAt: s.closesAt,
            scheduleLink: s.scheduleLink,
            attendingType: s.attendingType,
            notes: s.notes,
          })),
      ),
      contacts: sortedJson(
        contacts.map((c) => ({
          name: c.name,
          title: c.title,
          email: c.email,
          phones: sortedJson(
            relations.phones
              .filter((p) => p.contactId === c.id)
              .map((p) => ({ number: p.number, description: p.description })),
          ),
        })),
      ),
      costOptions: sortedJson(
        relations.costOptions
          .filter((c) => c.serviceId === service.id)
          .map((c) => ({
            validFrom: c.validFrom,
            validTo: c.validTo,
            option: c.option,
            amount: c.amount,
            amountDescription: c.amountDescription,
          })),
      ),
      taxonomyTerms: [
        ...new Set(
          relations.attributes
            .filter((a) => a.linkId === service.id)
            .flatMap((a) => {
              const term = terms.get(a.taxonomyTermId)
              const taxonomy = term && taxonomies.get(term.taxonomyId)
              return term && taxonomy ? [`${taxonomy.uri}|${term.code}`] : []
            }),
        ),
      ].sort(),
    }),
  )
}

// ---------------------------------------------------------------------------------------------------------
// Writing.

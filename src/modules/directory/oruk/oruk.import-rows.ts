// SPDX-License-Identifier: AGPL-3.0-or-later
// An imported listing as the rows that store it, with ids that are stable per (area, feed, record). Pure: the
// writing is oruk.import.repository.ts.
import { taxonomyUriOf } from './oruk.canonical.ts'
import { importedId, uuidV5, type ImportedService, type ImportedTaxonomyTerm } from './oruk.ts'

/** The rows of every table a listing fills, except its taxonomy terms (see `attributeRows`). */
export type ListingRows = ReturnType<typeof listingRows>

/** Turns the listings that changed into rows for each directory table. */
export function listingRows(areaId: string, sourceFeed: string, services: ImportedService[], now: Date) {
  const id = (entity: string, sourceId: string) => importedId(areaId, sourceFeed, entity, sourceId)
  const source = (sourceId: string) => ({ sourceFeed, sourceId })
  const locationValues = [...new Map(services.flatMap((s) => s.locations).map((l) => [l.sourceId, l])).values()]
  const perService = <T>(make: (s: ImportedService, serviceId: string) => T[]): T[] =>
    services.flatMap((s) => make(s, id('service', s.sourceId)))
  const scoped = (s: ImportedService, entity: string, childId: string) => id(entity, `${s.sourceId}\n${childId}`)
  return {
    organizations: [
      ...new Map(
        services.map((s) => {
          const o = s.organization!
          return [
            o.sourceId,
            {
              areaId,
              id: id('organization', o.sourceId),
              name: o.name,
              description: o.description,
              email: o.email ?? null,
              website: o.website ?? null,
              logo: o.logo ?? null,
              uri: o.uri ?? null,
              ...source(o.sourceId),
              updatedAt: now,
            },
          ]
        }),
      ).values(),
    ],
    services: services.map((s) => ({
      areaId,
      id: id('service', s.sourceId),
      organizationId: id('organization', s.organization!.sourceId),
      name: s.name,
      alternateName: s.alternateName ?? null,
      description: s.description,
      url: s.url ?? null,
      email: s.email ?? null,
      status: s.status,
      feesDescription: s.feesDescription ?? null,
      eligibilityDescription: s.eligibilityDescription ?? null,
      applicationProcess: s.applicationProcess ?? null,
      accreditations: s.accreditations ?? null,
      minimumAge: s.minimumAge ?? null,
      maximumAge: s.maximumAge ?? null,
      assuredDate: s.assuredDate ?? null,
      assurerEmail: s.assurerEmail ?? null,
      alert: s.alert ?? null,
      lastModified: now,
      ...source(s.sourceId),
      updatedAt: now,
    })),
    locations: locationValues.map((l) => ({
      areaId,
      id: id('location', l.sourceId),
      locationType: l.locationType,
      name: l.name ?? null,
      description: l.description ?? null,
      latitude: l.latitude ?? null,
      longitude: l.longitude ?? null,
      externalIdentifier: l.externalIdentifier ?? null,
      externalIdentifierType: l.externalIdentifierType ?? null,
      ...source(l.sourceId),
      updatedAt: now,
    })),
    addresses: locationValues.flatMap((l) =>
      l.addresses.map((a) => ({
        areaId,
        id: id('address', `${l.sourceId}\n${a.sourceId}`),
        locationId: id('location', l.sourceId),
        attention: a.attention ?? null,
        address1: a.address1,
        address2: a.address2 ?? null,
        city: a.city,
        region: a.region ?? null,
        stateProvince: a.stateProvince,
        postalCode: a.postalCode,
        country: a.country,
        addressType: a.addressType,
      })),
    ),
    accessibility: locationValues.flatMap((l) =>
      l.accessibility.map((a) => ({
        areaId,
        id: id('accessibility', `${l.sourceId}\n${a.sourceId}`),
        locationId: id('location', l.sourceId),
        description: a.description ?? null,
        details: a.details ?? null,
        url: a.url ?? null,
      })),
    ),
    serviceAtLocations: perService((s, serviceId) =>
      s.locations.map((l) => ({
        areaId,
        id: scoped(s, 'service_at_location', l.serviceAtLocationSourceId ?? l.sourceId),
        serviceId,
        locationId: id('location', l.sourceId),
        ...source(l.serviceAtLocationSourceId ?? `${s.sourceId}/${l.sourceId}`),
      })),
    ),
    schedules: perService((s, serviceId) =>
      s.schedules.map((sc) => ({
        areaId,
        id: scoped(s, 'schedule', sc.sourceId),
        serviceId,
        validFrom: sc.validFrom ?? null,
        validTo: sc.validTo ?? null,
        dtstart: sc.dtstart ?? null,
        freq: sc.freq ?? null,
        interval: sc.interval ?? null,
        byday: sc.byday ?? null,
        bymonthday: sc.bymonthday ?? null,
        description: sc.description ?? null,
        opensAt: sc.opensAt ?? null,
        closesAt: sc.closesAt ?? null,
        scheduleLink: sc.scheduleLink ?? null,
        attendingType: sc.attendingType ?? null,
        notes: sc.notes ?? null,
      })),
    ),
    contacts: perService((s, serviceId) =>
      s.contacts.map((c) => ({
        areaId,
        id: scoped(s, 'contact', c.sourceId),
        serviceId,
        name: c.name ?? null,
        title: c.title ?? null,
        email: c.email ?? null,
      })),
    ),
    phones: perService((s, serviceId) =>
      s.contacts.flatMap((c) =>
        c.phones.map((p) => ({
          areaId,
          id: scoped(s, 'phone', `${c.sourceId}\n${p.sourceId}`),
          serviceId,
          contactId: scoped(s, 'contact', c.sourceId),
          number: p.number,
          description: p.description ?? null,
        })),
      ),
    ),
    costOptions: perService((s, serviceId) =>
      s.costOptions.map((c) => ({
        areaId,
        id: scoped(s, 'cost_option', c.sourceId),
        serviceId,
        validFrom: c.validFrom ?? null,
        validTo: c.validTo ?? null,
        option: c.option ?? null,
        amount: c.amount ?? null,
        amountDescription: c.amountDescription ?? null,
      })),
    ),
    serviceAreas: perService((s, serviceId) =>
      s.serviceAreas.map((a) => ({
        areaId,
        id: scoped(s, 'service_area', a.sourceId),
        serviceId,
        name: a.name ?? null,
        extent: a.extent ?? null,
        extentType: a.extentType ?? null,
        uri: a.uri ?? null,
      })),
    ),
    languages: perService((s, serviceId) =>
      s.languages.map((l) => ({
        areaId,
        id: scoped(s, 'language', l.sourceId),
        serviceId,
        name: l.name ?? null,
        code: l.code ?? null,
      })),
    ),
    funding: perService((s, serviceId) =>
      s.funding.map((f) => ({ areaId, id: scoped(s, 'funding', f.sourceId), serviceId, source: f.source ?? null })),
    ),
  }
}

/** Links each listing to its taxonomy terms, given term key ("taxonomyUri|code") → stored term id. */
export function attributeRows(
  areaId: string,
  sourceFeed: string,
  services: ImportedService[],
  termIds: Map<string, string>,
) {
  const id = (entity: string, sourceId: string) => importedId(areaId, sourceFeed, entity, sourceId)
  const perService = <T>(make: (s: ImportedService, serviceId: string) => T[]): T[] =>
    services.flatMap((s) => make(s, id('service', s.sourceId)))
  const scoped = (s: ImportedService, entity: string, childId: string) => id(entity, `${s.sourceId}\n${childId}`)
  return perService((s, serviceId) =>
    s.taxonomyTerms.flatMap((t) => {
      const termId = termIds.get(`${taxonomyUriOf(t, sourceFeed)}|${t.code}`)
      return termId
        ? [
            {
              areaId,
              id: scoped(s, 'attribute', termId),
              linkId: serviceId,
              taxonomyTermId: termId,
              linkType: t.linkType ?? null,
            },
          ]
        : []
    }),
  )
}

/** The shared vocabularies a feed's listings use: taxonomy by URI, and term by key ("taxonomyUri|code"). */
export function vocabularyOf(services: ImportedService[], sourceFeed: string) {
  const taxonomies = new Map<string, { id: string; name: string; description: string; uri: string }>()
  const terms = new Map<string, ImportedTaxonomyTerm & { taxonomyUri: string }>()
  for (const term of services.flatMap((s) => s.taxonomyTerms)) {
    const uri = taxonomyUriOf(term, sourceFeed)
    const name = term.taxonomyName ?? 'Imported terms'
    taxonomies.set(uri, { id: uuidV5(`taxonomy\n${uri}`), name, description: name, uri })
    terms.set(`${uri}|${term.code}`, { ...term, taxonomyUri: uri })
  }
  return { taxonomies, terms }
}

/** Term rows for the vocabulary's terms whose taxonomy is stored (taxonomy URI → stored id). */
export function termRows(
  terms: Iterable<ImportedTaxonomyTerm & { taxonomyUri: string }>,
  taxonomyIdByUri: Map<string, string>,
) {
  return [...terms].flatMap((t) => {
    const taxonomyId = taxonomyIdByUri.get(t.taxonomyUri)
    if (!taxonomyId) return []
    return [
      {
        id: uuidV5(`term\n${t.taxonomyUri}\n${t.code}`),
        taxonomyId,
        code: t.code,
        name: t.name,
        description: t.description ?? '',
        taxonomy: t.taxonomyName,
        termUri: t.termUri,
      },
    ]
  })
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// Feed formats → the one normalised nested service (oruk.ts). Pure functions: fetching lives in the import
// service. A record that cannot be imported is rejected with a reason instead of stopping the import.
import { parse as parseCsv } from 'csv-parse/sync'
import {
  LOCATION_TYPES,
  SERVICE_STATUSES,
  type ImportedContact,
  type ImportedLocation,
  type ImportedOrganization,
  type ImportedSchedule,
  type ImportedService,
  type ImportedTaxonomyTerm,
  type LocationType,
  type ParsedFeed,
  type RejectedRecord,
  type ServiceStatus,
} from './oruk.ts'

type Obj = Record<string, unknown>

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : [])

/** A trimmed non-empty string, or undefined; numbers are accepted as their text (ids often arrive as numbers). */
function str(v: unknown, max = 10_000): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v)
  if (typeof v !== 'string') return undefined
  const t = v.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').trim()
  return t === '' ? undefined : t.slice(0, max)
}

function num(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN
  return Number.isFinite(n) ? n : undefined
}

function age(v: unknown): number | undefined {
  const n = num(v)
  return n !== undefined && n >= 0 && n <= 150 ? Math.round(n) : undefined
}

function date(v: unknown): string | undefined {
  const s = str(v)
  const match = s && /^(\d{4}-\d{2}-\d{2})/.exec(s)
  return match ? match[1] : undefined
}

/** "9:00", "09:00Z", "09:00:00+01:00" → "09:00:00" (stored as local time). */
function time(v: unknown): string | undefined {
  const match = str(v) && /^(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(str(v)!)
  if (!match) return undefined
  const hours = Number(match[1])
  if (hours > 23 || Number(match[2]) > 59) return undefined
  return `${String(hours).padStart(2, '0')}:${match[2]}:${match[3] ?? '00'}`
}

function status(v: unknown): ServiceStatus | undefined {
  const s = str(v)?.toLowerCase() ?? 'active'
  return (SERVICE_STATUSES as readonly string[]).includes(s) ? (s as ServiceStatus) : undefined
}

function locationType(v: unknown): LocationType {
  const s = str(v)?.toLowerCase()
  return s && (LOCATION_TYPES as readonly string[]).includes(s) ? (s as LocationType) : 'physical'
}

const WEEKDAYS: Record<string, string> = {
  '1': 'MO',
  '2': 'TU',
  '3': 'WE',
  '4': 'TH',
  '5': 'FR',
  '6': 'SA',
  '7': 'SU',
  monday: 'MO',
  tuesday: 'TU',
  wednesday: 'WE',
  thursday: 'TH',
  friday: 'FR',
  saturday: 'SA',
  sunday: 'SU',
}

function freq(v: unknown): 'WEEKLY' | 'MONTHLY' | undefined {
  const s = str(v)?.toUpperCase()
  return s === 'WEEKLY' || s === 'MONTHLY' ? s : undefined
}

function byday(v: unknown): string | undefined {
  const s = str(v)?.toUpperCase().replace(/\s+/g, '')
  return s && /^([-+]?\d{0,2}(MO|TU|WE|TH|FR|SA|SU))(,[-+]?\d{0,2}(MO|TU|WE|TH|FR|SA|SU))*$/.test(s) ? s : undefined
}

function organization(o: Obj | undefined, fallbackId?: string): ImportedOrganization | undefined {
  if (!o) return undefined
  const sourceId = str(o['id']) ?? fallbackId
  const name = str(o['name'], 500)
  if (!sourceId || !name) return undefined
  return {
    sourceId,
    name,
    description: str(o['description']) ?? '',
    email: str(o['email'], 254),
    website: str(o['website']) ?? str(o['url']),
    logo: str(o['logo']),
    uri: str(o['uri']),
  }
}

function schedule(s: Obj, index: number, ownerId: string): ImportedSchedule {
  const weekday = str(s['weekday'])?.toLowerCase()
  return {
    sourceId: str(s['id']) ?? `${ownerId}#schedule-${index}`,
    validFrom: date(s['valid_from']),
    validTo: date(s['valid_to']),
    dtstart: date(s['dtstart']),
    freq: freq(s['freq']) ?? (weekday ? 'WEEKLY' : undefined),
    interval: num(s['interval']) !== undefined ? Math.max(1, Math.round(num(s['interval'])!)) : undefined,
    byday: byday(s['byday']) ?? (weekday ? WEEKDAYS[weekday] : undefined),
    bymonthday: str(s['bymonthday'], 100),
    description: str(s['description']),
    opensAt: time(s['opens_at']),
    closesAt: time(s['closes_at']),
    scheduleLink: str(s['schedule_link']),
    attendingType: str(s['attending_type'], 100),
    notes: str(s['notes']),
  }
}

function contact(c: Obj, index: number, ownerId: string): ImportedContact {
  const sourceId = str(c['id']) ?? `${ownerId}#contact-${index}`
  return {
    sourceId,
    name: str(c['name'], 500),
    title: str(c['title'], 500),
    email: str(c['email'], 254),
    phones: arr(c['phones']).flatMap((p, i) => {
      const number = str(p['number'], 100)
      return number
        ? [{ sourceId: str(p['id']) ?? `${sourceId}#phone-${i}`, number, description: str(p['description']) }]
        : []
    }),
  }
}

function location(
  l: Obj,
  salSourceId: string | undefined,
  addressKeys: string[],
  accessibilityKeys: string[],
): ImportedLocation | undefined {
  const sourceId = str(l['id'])
  if (!sourceId) return undefined
  const latitude = num(l['latitude'])
  const longitude = num(l['longitude'])
  const validPoint =
    latitude !== undefined && longitude !== undefined && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180
  return {
    sourceId,
    serviceAtLocationSourceId: salSourceId,
    locationType: locationType(l['location_type']),
    name: str(l['name'], 500),
    description: str(l['description']),
    latitude: validPoint ? latitude : undefined,
    longitude: validPoint ? longitude : undefined,
    externalIdentifier: str(l['external_identifier'], 200) ?? str(l['uprn'], 200),
    externalIdentifierType: str(l['external_identifier_type'], 200) ?? (str(l['uprn']) ? 'UPRN' : undefined),
    addresses: addressKeys
      .flatMap((key) => arr(l[key]))
      .flatMap((a, i) => {
        const address1 = str(a['address_1'], 500)
        const postalCode = str(a['postal_code'], 20)
        if (!address1 && !postalCode) return []
        return [
          {
            sourceId: str(a['id']) ?? `${sourceId}#address-${i}`,
            attention: str(a['attention'], 500),
            address1: address1 ?? '',
            address2:
              [a['address_2'], a['address_3'], a['address_4']]
                .map((x) => str(x, 500))
                .filter(Boolean)
                .join(', ') || undefined,
            city: str(a['city'], 200) ?? '',
            region: str(a['region'], 200),
            stateProvince: str(a['state_province'], 200) ?? '',
            postalCode: postalCode ?? '',
            country: (str(a['country'], 2) ?? 'GB').toUpperCase(),
            addressType: locationType(a['address_type']),
          },
        ]
      }),
    accessibility: accessibilityKeys
      .flatMap((key) => arr(l[key]))
      .map((a, i) => ({
        sourceId: str(a['id']) ?? `${sourceId}#accessibility-${i}`,
        description: str(a['description']) ?? str(a['accessibility']),
        details: str(a['details']),
        url: str(a['url']),
      })),
  }
}

function term(t: Obj, linkType?: string): ImportedTaxonomyTerm | undefined {
  const sourceId = str(t['id'])
  const name = str(t['name'], 500)
  if (!sourceId || !name) return undefined
  const taxonomy = isObj(t['taxonomy_detail']) ? t['taxonomy_detail'] : undefined
  return {
    sourceId,
    name,
    description: str(t['description']),
    code: str(t['code'], 200) ?? str(t['term'], 200) ?? sourceId,
    termUri: str(t['term_uri']),
    taxonomyName: str(t['taxonomy'], 200) ?? str(t['vocabulary'], 200) ?? str(taxonomy?.['name'], 200),
    taxonomyUri: str(taxonomy?.['uri']),
    linkType: linkType,
  }
}

function serviceBase(s: Obj): Omit<
  ImportedService,
  'locations' | 'schedules' | 'contacts' | 'taxonomyTerms' | 'organization'
> & {
  problem?: string
} {
  const sourceId = str(s['id']) ?? ''
  const name = str(s['name'], 500)
  const st = status(s['status'])
  return {
    sourceId,
    name: name ?? '',
    alternateName: str(s['alternate_name'], 500),
    description: str(s['description']) ?? '',
    url: str(s['url']),
    email: str(s['email'], 254),
    status: st ?? 'active',
    feesDescription: str(s['fees_description']) ?? str(s['fees']),
    eligibilityDescription: str(s['eligibility_description']),
    applicationProcess: str(s['application_process']),
    accreditations: str(s['accreditations']),
    minimumAge: age(s['minimum_age']),
    maximumAge: age(s['maximum_age']),
    assuredDate: date(s['assured_date']),
    assurerEmail: str(s['assurer_email'], 254),
    alert: str(s['alert']),
    costOptions: arr(s['cost_options']).map((c, i) => ({
      sourceId: str(c['id']) ?? `${sourceId}#cost-${i}`,
      validFrom: date(c['valid_from']),
      validTo: date(c['valid_to']),
      option: str(c['option'], 500),
      amount: num(c['amount']),
      amountDescription: str(c['amount_description']),
    })),
    serviceAreas: arr(s['service_areas']).map((a, i) => ({
      sourceId: str(a['id']) ?? `${sourceId}#area-${i}`,
      name: str(a['name'], 500) ?? str(a['service_area'], 500),
      extent: str(a['extent'], 100_000),
      extentType: str(a['extent_type'], 50),
      uri: str(a['uri']),
    })),
    languages: arr(s['languages']).map((l, i) => ({
      sourceId: str(l['id']) ?? `${sourceId}#language-${i}`,
      name: str(l['name'], 200) ?? str(l['language'], 200),
      code: str(l['code'], 20),
    })),
    funding: arr(s['funding']).map((f, i) => ({
      sourceId: str(f['id']) ?? `${sourceId}#funding-${i}`,
      source: str(f['source']),
    })),
    problem: !str(s['id'])
      ? 'The service has no id'
      : !name
        ? 'The service has no name'
        : !st
          ? `The status "${str(s['status'])}" is not one of ${SERVICE_STATUSES.join(', ')}`
          : undefined,
  }
}

function finish(
  base: ReturnType<typeof serviceBase>,
  rest: Pick<ImportedService, 'organization' | 'locations' | 'schedules' | 'contacts' | 'taxonomyTerms'>,
  services: ImportedService[],
  rejected: RejectedRecord[],
): void {
  const { problem, ...service } = base
  const reason = problem ?? (!rest.organization ? 'The service has no organisation with an id and a name' : undefined)
  if (reason) {
    rejected.push({ sourceId: service.sourceId || '(no id)', name: service.name || undefined, reason })
    return
  }
  const minimum = service.minimumAge
  const maximum = service.maximumAge
  services.push({
    ...service,
    ...(minimum !== undefined && maximum !== undefined && minimum > maximum ? { maximumAge: undefined } : {}),
    ...rest,
  })
}

function dedupeLocations(locations: (ImportedLocation | undefined)[]): ImportedLocation[] {
  return [...new Map(locations.filter((l): l is ImportedLocation => !!l).map((l) => [l.sourceId, l])).values()]
}

/** ORUK 3.0 (HSDS-UK-3.0) fully nested services, as `/services/{id}` returns them. */
export function parseOruk3Services(items: unknown[]): ParsedFeed {
  const services: ImportedService[] = []
  const rejected: RejectedRecord[] = []
  for (const item of items) {
    if (!isObj(item)) continue
    const base = serviceBase(item)
    const sals = arr(item['service_at_locations'])
    finish(
      base,
      {
        organization: organization(isObj(item['organization']) ? item['organization'] : undefined),
        locations: dedupeLocations(
          sals.map((sal) =>
            isObj(sal['location'])
              ? location(sal['location'], str(sal['id']), ['addresses', 'physical_addresses'], ['accessibility'])
              : undefined,
          ),
        ),
        schedules: [...arr(item['schedules']), ...sals.flatMap((sal) => arr(sal['schedules']))].map((s, i) =>
          schedule(s, i, base.sourceId),
        ),
        contacts: arr(item['contacts']).map((c, i) => contact(c, i, base.sourceId)),
        taxonomyTerms: arr(item['attributes'])
          .flatMap((a) => (isObj(a['taxonomy_term']) ? [term(a['taxonomy_term'], str(a['link_type'], 100))] : []))
          .filter((t): t is ImportedTaxonomyTerm => !!t),
      },
      services,
      rejected,
    )
  }
  return { format: 'oruk-3', services, rejected }
}

/** ORUK 1.0 nested services (the Porism-era API: eligibilitys, regular_schedules, service_taxonomys…). */
export function parseOruk1Services(items: unknown[]): ParsedFeed {
  const services: ImportedService[] = []
  const rejected: RejectedRecord[] = []
  for (const item of items) {
    if (!isObj(item)) continue
    const eligibility = arr(item['eligibilitys'])
    const base = serviceBase({
      ...item,
      minimum_age: item['minimum_age'] ?? eligibility.map((e) => num(e['minimum_age'])).find((n) => n !== undefined),
      maximum_age: item['maximum_age'] ?? eligibility.map((e) => num(e['maximum_age'])).find((n) => n !== undefined),
    })
    const sals = arr(item['service_at_locations'])
    finish(
      base,
      {
        organization: organization(isObj(item['organization']) ? item['organization'] : undefined),
        locations: dedupeLocations(
          sals.map((sal) =>
            isObj(sal['location'])
              ? location(
                  sal['location'],
                  str(sal['id']),
                  ['physical_addresses', 'addresses'],
                  ['accessibility_for_disabilities', 'accessibility'],
                )
              : undefined,
          ),
        ),
        schedules: [...arr(item['regular_schedules']), ...sals.flatMap((sal) => arr(sal['regular_schedules']))].map(
          (s, i) => schedule(s, i, base.sourceId),
        ),
        contacts: arr(item['contacts']).map((c, i) => contact(c, i, base.sourceId)),
        taxonomyTerms: arr(item['service_taxonomys'])
          .map((st) => (isObj(st['taxonomy']) ? term(st['taxonomy'], 'service-type') : undefined))
          .filter((t): t is ImportedTaxonomyTerm => !!t),
      },
      services,
      rejected,
    )
  }
  return { format: 'oruk-1', services, rejected }
}

/**
 * An HSDS CSV datapackage (HSDS 1.1 / ORUK 1.0 table names, and the 3.0 ones where they differ), given as
 * file name → CSV text. Tables are joined by their foreign keys into nested services.
 */
export function parseHsdsCsvPackage(files: Record<string, string>): ParsedFeed {
  const table = (...names: string[]): Obj[] => {
    for (const name of names) {
      const text = files[name] ?? files[`${name}.csv`]
      if (text !== undefined)
        return parseCsv<Obj>(text, {
          columns: true,
          skip_empty_lines: true,
          bom: true,
          relax_column_count: true,
          trim: true,
        })
    }
    return []
  }
  const by = (rows: Obj[], key: string): Map<string, Obj[]> => {
    const map = new Map<string, Obj[]>()
    for (const row of rows) {
      const k = str(row[key])
      if (!k) continue
      map.set(k, [...(map.get(k) ?? []), row])
    }
    return map
  }
  const organizations = new Map(table('organizations').map((o) => [str(o['id']) ?? '', o]))
  const locations = new Map(table('locations').map((l) => [str(l['id']) ?? '', l]))
  const sals = by(table('services_at_location', 'service_at_locations', 'service_at_location'), 'service_id')
  const addresses = by([...table('physical_addresses', 'addresses'), ...table('postal_addresses')], 'location_id')
  const accessibility = by(table('accessibility_for_disabilities', 'accessibility'), 'location_id')
  const schedules = by(table('regular_schedules', 'schedules'), 'service_id')
  const contacts = by(table('contacts'), 'service_id')
  const phones = by(table('phones'), 'contact_id')
  const servicePhones = by(table('phones'), 'service_id')
  const eligibility = by(table('eligibility', 'eligibilitys'), 'service_id')
  const languages = by(table('languages'), 'service_id')
  const serviceAreas = by(table('service_areas'), 'service_id')
  const funding = by(table('funding'), 'service_id')
  const costs = by(table('cost_options'), 'service_id')
  const taxonomies = new Map(table('taxonomy', 'taxonomies', 'taxonomy_terms').map((t) => [str(t['id']) ?? '', t]))
  const serviceTaxonomy = by(table('services_taxonomy', 'service_taxonomys'), 'service_id')
  const attributes = by(table('attributes', 'attribute'), 'link_id')

  const nested = table('services').map((s): Obj => {
    const id = str(s['id']) ?? ''
    const elig = eligibility.get(id) ?? []
    const org = organizations.get(str(s['organization_id']) ?? '')
    const contactRows: Obj[] = (contacts.get(id) ?? []).map((c) => ({
      ...c,
      phones: phones.get(str(c['id']) ?? '') ?? [],
    }))
    const loosePhones = (servicePhones.get(id) ?? []).filter((p) => !str(p['contact_id']))
    if (loosePhones.length) contactRows.push({ id: `${id}#service-phones`, phones: loosePhones })
    const terms = [
      ...(serviceTaxonomy.get(id) ?? []).map((st) => taxonomies.get(str(st['taxonomy_id']) ?? '')),
      ...(attributes.get(id) ?? []).map((a) => taxonomies.get(str(a['taxonomy_term_id']) ?? '')),
    ].filter((t): t is Obj => !!t)
    return {
      ...s,
      minimum_age: s['minimum_age'] ?? elig.map((e) => e['minimum_age']).find((v) => str(v)),
      maximum_age: s['maximum_age'] ?? elig.map((e) => e['maximum_age']).find((v) => str(v)),
      organization: org,
      service_at_locations: (sals.get(id) ?? []).map((sal) => {
        const loc = locations.get(str(sal['location_id']) ?? '')
        const locId = str(sal['location_id']) ?? ''
        return {
          id: sal['id'],
          location: loc && {
            ...loc,
            physical_addresses: addresses.get(locId) ?? [],
            accessibility_for_disabilities: accessibility.get(locId) ?? [],
          },
        }
      }),
      regular_schedules: schedules.get(id) ?? [],
      contacts: contactRows,
      languages: languages.get(id) ?? [],
      service_areas: serviceAreas.get(id) ?? [],
      funding: funding.get(id) ?? [],
      cost_options: costs.get(id) ?? [],
      service_taxonomys: terms.map((t) => ({ taxonomy: t })),
    }
  })
  return { ...parseOruk1Services(nested), format: 'hsds-csv' }
}

/** Which format a JSON document is, and its service items: a page (3.0 or 1.0), a bare array or one service. */
export function servicesInDocument(document: unknown): {
  format: 'oruk-3' | 'oruk-1'
  items: unknown[]
  totalPages?: number
  page?: number
} {
  if (Array.isArray(document)) return { format: guessFormat(document), items: document }
  if (!isObj(document)) return { format: 'oruk-3', items: [] }
  if (Array.isArray(document['contents']))
    return {
      format: guessFormat(document['contents']),
      items: document['contents'],
      totalPages: num(document['total_pages']),
      page: num(document['page_number']),
    }
  if (Array.isArray(document['content']))
    return {
      format: 'oruk-1',
      items: document['content'],
      totalPages: num(document['totalPages']),
      page: num(document['number']),
    }
  if (str(document['id']) && str(document['name'])) return { format: guessFormat([document]), items: [document] }
  return { format: 'oruk-3', items: [] }
}

function guessFormat(items: unknown[]): 'oruk-3' | 'oruk-1' {
  const first = items.find(isObj)
  if (!first) return 'oruk-3'
  const v1Keys = ['eligibilitys', 'regular_schedules', 'service_taxonomys', 'holiday_schedules', 'reviews']
  return v1Keys.some((k) => k in first) ? 'oruk-1' : 'oruk-3'
}

/** True when a list item carries only one-to-one fields, so its full record must be fetched by id. */
export function needsDetail(item: unknown): boolean {
  if (!isObj(item)) return false
  return !['service_at_locations', 'schedules', 'contacts', 'regular_schedules', 'attributes', 'eligibilitys'].some(
    (k) => k in item,
  )
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// Importing ORUK 3.0, ORUK 1.0 and HSDS CSV feeds into an area's directory, idempotently: every feed record
// maps to a stable id (area, feed, record), the incoming listing is compared with what we hold, and only what
// changed is written. A report says what was added, updated, unchanged and rejected (with the reason).
import { randomUUID } from 'node:crypto'
import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import { and, eq, inArray, sql } from 'drizzle-orm'
import { appendAuditEvent, type AuditActor } from '../../../platform/audit/audit.service.ts'
import type { Database, Tx } from '../../../platform/db/database.ts'
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
import {
  needsDetail,
  parseHsdsCsvPackage,
  parseOruk1Services,
  parseOruk3Services,
  servicesInDocument,
} from './oruk.import-parsers.ts'
import { loadServiceRelations, type ServiceRelations } from './oruk.repository.ts'
import { directoryFeedImports } from './oruk.table.ts'
import {
  importedId,
  omitEmpty,
  uuidV5,
  type ImportedService,
  type ImportedTaxonomyTerm,
  type ParsedFeed,
  type RejectedRecord,
} from './oruk.ts'

/** Where a feed comes from: a URL (an ORUK API, a JSON file or a datapackage.json), a JSON file, or CSV files. */
export type ImportSource =
  | { kind: 'url'; url: string }
  | { kind: 'file'; name: string; content: string }
  | { kind: 'csv-files'; name: string; files: Record<string, string> }

export interface ImportReportLine {
  sourceId: string
  name: string
  id: string
}

export interface ImportReport {
  /** The stored record of this import (directory_feed_imports). */
  importId: string
  sourceFeed: string
  format: ParsedFeed['format']
  added: ImportReportLine[]
  updated: ImportReportLine[]
  unchanged: ImportReportLine[]
  rejected: RejectedRecord[]
  /** Listings imported from this feed before that it no longer has. Left as they are, for an editor to check. */
  missing: ImportReportLine[]
}

export class FeedFetchError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'FeedFetchError'
  }
}

const MAX_PAGES = 1_000
const MAX_SERVICES = 50_000
const DETAIL_CONCURRENCY = 4
const FETCH_TIMEOUT_MS = 30_000

/** Options for reading a feed. */
export interface ImportOptions {
  /** Who is importing, for the audit trail (the web page passes the signed-in person). */
  actor?: AuditActor
  /**
   * Whether the feed may live on a private or loopback address. The operator's command line may; the web page
   * may not, so an editor cannot make the server read internal services (SSRF).
   */
  allowPrivateNetwork?: boolean
}

const PRIVATE_V4 = [
  [0x00000000, 8],
  [0x0a000000, 8],
  [0x64400000, 10],
  [0x7f000000, 8],
  [0xa9fe0000, 16],
  [0xac100000, 12],
  [0xc0a80000, 16],
  [0xe0000000, 4],
] as const

/** True for loopback, private, link-local, shared, multicast and unspecified addresses (IPv4 and IPv6). */
export function isPrivateAddress(address: string): boolean {
  const v6 = address.toLowerCase()
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(v6)
  if (isIP(address) === 4 || mapped) {
    const parts = (mapped ? mapped[1]! : address).split('.').map(Number)
    const value = ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0
    return PRIVATE_V4.some(([base, bits]) => value >>> (32 - bits) === base >>> (32 - bits))
  }
  return v6 === '::' || v6 === '::1' || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6) || /^ff/.test(v6)
}

async function assertPublicUrl(url: URL): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, '')
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address)
  if (addresses.length === 0) throw new FeedFetchError(`Could not find the server ${url.hostname}`)
  if (addresses.some(isPrivateAddress))
    throw new FeedFetchError(`${url.hostname} is a private network address; only public feeds can be imported here`)
}

const MAX_REDIRECTS = 5

async function fetchText(url: string, options: ImportOptions): Promise<string> {
  let current = new URL(url)
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (current.protocol !== 'https:' && current.protocol !== 'http:')
      throw new FeedFetchError(`${current.toString()} is not a web address`)
    if (!options.allowPrivateNetwork) await assertPublicUrl(current)
    let response: Response
    try {
      response = await fetch(current, {
        headers: { accept: 'application/json, text/csv;q=0.9' },
        // Redirects are followed by hand so each hop is checked as the first one was.
        redirect: 'manual',
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      })
    } catch (error) {
      throw new FeedFetchError(`Could not reach ${current.toString()}: ${(error as Error).message}`)
    }
    const location = response.headers.get('location')
    if (response.status >= 300 && response.status < 400 && location) {
      current = new URL(location, current)
      continue
    }
    if (!response.ok) throw new FeedFetchError(`${current.toString()} answered ${response.status}`)
    return response.text()
  }
  throw new FeedFetchError(`${url} redirected too many times`)
}

async function fetchJson(url: string, options: ImportOptions): Promise<unknown> {
  const text = await fetchText(url, options)
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new FeedFetchError(`${url} did not return JSON`)
  }
}

function withPage(url: string, page: number): string {
  const u = new URL(url)
  u.searchParams.set('page', String(page))
  return u.toString()
}

/** Fetches a whole feed from a URL: follows an API page by page and fetches full records a list leaves out. */
async function fetchFeed(url: string, options: ImportOptions): Promise<ParsedFeed> {
  if (/datapackage\.json(\?.*)?$/.test(url)) {
    const pkg = (await fetchJson(url, options)) as { resources?: { path?: string }[] }
    const files: Record<string, string> = {}
    for (const resource of pkg.resources ?? []) {
      if (!resource.path || !/^[\w./-]+\.csv$/.test(resource.path)) continue
      const name = resource.path.split('/').pop()!
      files[name] = await fetchText(new URL(resource.path, url).toString(), options)
    }
    return parseHsdsCsvPackage(files)
  }
  let servicesUrl = url
  let first = await fetchJson(url, options)
  // An API root (GET /) answers its version: the services live under /services.
  if (first && typeof first === 'object' && !Array.isArray(first) && 'version' in first && !('contents' in first)) {
    servicesUrl = `${url.replace(/\/+$/, '')}/services`
    first = await fetchJson(servicesUrl, options)
  }
  const firstPage = servicesInDocument(first)
  const items = [...firstPage.items]
  const totalPages = Math.min(firstPage.totalPages ?? 1, MAX_PAGES)
  // ORUK 1.0 numbered pages from 0 in some implementations; follow the page number the feed reports.
  const startPage = firstPage.page ?? 1
  for (let page = startPage + 1; page < startPage + totalPages && items.length < MAX_SERVICES; page++) {
    items.push(...servicesInDocument(await fetchJson(withPage(servicesUrl, page), options)).items)
  }
  const base = new URL(servicesUrl)
  base.search = ''
  const detailBase = base.toString().replace(/\/+$/, '')
  const full: unknown[] = new Array<unknown>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      const item = items[index]
      const id = (item as { id?: unknown } | null)?.id
      full[index] =
        needsDetail(item) && (typeof id === 'string' || typeof id === 'number')
          ? await fetchJson(`${detailBase}/${encodeURIComponent(String(id))}`, options)
          : item
    }
  }
  await Promise.all(Array.from({ length: DETAIL_CONCURRENCY }, worker))
  return firstPage.format === 'oruk-1' ? parseOruk1Services(full) : parseOruk3Services(full)
}

/**
 * For the command line: a JSON file is one feed file; a folder, or a datapackage.json, is an HSDS CSV
 * datapackage whose CSV files sit beside it. The feed is named by its absolute path.
 */
export async function importSourceFromPath(filePath: string): Promise<ImportSource> {
  const absolute = path.resolve(filePath)
  const info = await stat(absolute)
  const folder = info.isDirectory()
    ? absolute
    : path.basename(absolute) === 'datapackage.json'
      ? path.dirname(absolute)
      : undefined
  if (!folder) return { kind: 'file', name: `file:${absolute}`, content: await readFile(absolute, 'utf8') }
  const files: Record<string, string> = {}
  for (const name of (await readdir(folder)).filter((n) => n.toLowerCase().endsWith('.csv')))
    files[name.toLowerCase()] = await readFile(path.join(folder, name), 'utf8')
  if (Object.keys(files).length === 0) throw new FeedFetchError(`${folder} has no CSV files`)
  return { kind: 'csv-files', name: `file:${folder}`, files }
}

/** Reads a feed from its source into normalised services (no database work). */
export async function readFeed(
  source: ImportSource,
  options: ImportOptions = {},
): Promise<{ sourceFeed: string; feed: ParsedFeed }> {
  switch (source.kind) {
    case 'url':
      return { sourceFeed: source.url, feed: await fetchFeed(source.url, options) }
    case 'file': {
      let document: unknown
      try {
        document = JSON.parse(source.content)
      } catch {
        throw new FeedFetchError(`${source.name} is not a JSON file`)
      }
      const { format, items } = servicesInDocument(document)
      return {
        sourceFeed: source.name,
        feed: format === 'oruk-1' ? parseOruk1Services(items) : parseOruk3Services(items),
      }
    }
    case 'csv-files':
      return { sourceFeed: source.name, feed: parseHsdsCsvPackage(source.files) }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Comparing: the incoming listing and the stored one, both reduced to the same canonical shape.

function taxonomyUriOf(term: ImportedTaxonomyTerm, sourceFeed: string): string {
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

function canonicalImported(s: ImportedService, sourceFeed: string): string {
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

type ServiceRow = typeof directoryServices.$inferSelect
type OrganizationRow = typeof directoryOrganizations.$inferSelect

function canonicalStored(
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
  const taxonomies = new Map<string, { id: string; name: string; uri: string }>()
  const terms = new Map<string, ImportedTaxonomyTerm & { taxonomyUri: string }>()
  for (const term of services.flatMap((s) => s.taxonomyTerms)) {
    const uri = taxonomyUriOf(term, sourceFeed)
    taxonomies.set(uri, { id: uuidV5(`taxonomy\n${uri}`), name: term.taxonomyName ?? 'Imported terms', uri })
    terms.set(`${uri}|${term.code}`, { ...term, taxonomyUri: uri })
  }
  if (terms.size === 0) return new Map()
  await insertAll([...taxonomies.values()], (chunk) =>
    tx
      .insert(directoryTaxonomies)
      .values(chunk.map((t) => ({ id: t.id, name: t.name, description: t.name, uri: t.uri })))
      .onConflictDoNothing(),
  )
  const storedTaxonomies = await tx
    .select({ id: directoryTaxonomies.id, uri: directoryTaxonomies.uri })
    .from(directoryTaxonomies)
    .where(inArray(directoryTaxonomies.uri, [...taxonomies.keys()]))
  const taxonomyIdByUri = new Map(storedTaxonomies.map((t) => [t.uri, t.id]))
  const termRows = [...terms.values()].flatMap((t) => {
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
  await insertAll(termRows, (chunk) => tx.insert(directoryTaxonomyTerms).values(chunk).onConflictDoNothing())
  const stored = await tx
    .select({
      id: directoryTaxonomyTerms.id,
      code: directoryTaxonomyTerms.code,
      taxonomyId: directoryTaxonomyTerms.taxonomyId,
    })
    .from(directoryTaxonomyTerms)
    .where(inArray(directoryTaxonomyTerms.taxonomyId, [...taxonomyIdByUri.values()]))
  const uriById = new Map(storedTaxonomies.map((t) => [t.id, t.uri]))
  return new Map(stored.map((t) => [`${uriById.get(t.taxonomyId)}|${t.code}`, t.id]))
}

async function writeServices(
  tx: Tx,
  areaId: string,
  sourceFeed: string,
  services: ImportedService[],
  isNew: Set<string>,
): Promise<void> {
  if (services.length === 0) return
  const id = (entity: string, sourceId: string) => importedId(areaId, sourceFeed, entity, sourceId)
  const source = (sourceId: string) => ({ sourceFeed, sourceId })
  const now = new Date()

  const organizations = new Map(
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
  )
  await insertAll([...organizations.values()], (chunk) =>
    tx
      .insert(directoryOrganizations)
      .values(chunk)
      .onConflictDoUpdate({
        target: [directoryOrganizations.areaId, directoryOrganizations.id],
        set: {
          name: sql`excluded.name`,
          description: sql`excluded.description`,
          email: sql`excluded.email`,
          website: sql`excluded.website`,
          logo: sql`excluded.logo`,
          uri: sql`excluded.uri`,
          updatedAt: now,
        },
      }),
  )

  const serviceRows = services.map((s) => ({
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
  }))
  const excluded = (column: string) => sql.raw(`excluded.${column}`)
  await insertAll(serviceRows, (chunk) =>
    tx
      .insert(directoryServices)
      .values(chunk)
      .onConflictDoUpdate({
        target: [directoryServices.areaId, directoryServices.id],
        set: {
          organizationId: excluded('organization_id'),
          name: excluded('name'),
          alternateName: excluded('alternate_name'),
          description: excluded('description'),
          url: excluded('url'),
          email: excluded('email'),
          status: excluded('status'),
          feesDescription: excluded('fees_description'),
          eligibilityDescription: excluded('eligibility_description'),
          applicationProcess: excluded('application_process'),
          accreditations: excluded('accreditations'),
          minimumAge: excluded('minimum_age'),
          maximumAge: excluded('maximum_age'),
          assuredDate: excluded('assured_date'),
          assurerEmail: excluded('assurer_email'),
          alert: excluded('alert'),
          lastModified: now,
          updatedAt: now,
          version: sql`${directoryServices.version} + 1`,
        },
      }),
  )

  const serviceIds = serviceRows.map((s) => s.id)
  const replacedIds = serviceIds.filter((sid) => !isNew.has(sid))
  const locations = new Map(services.flatMap((s) => s.locations).map((l) => [l.sourceId, l]))
  const locationIds = [...locations.keys()].map((sid) => id('location', sid))
  // Replace the children of changed listings (new ones have none).
  if (replacedIds.length) {
    const contactIds = (
      await tx
        .select({ id: directoryContacts.id })
        .from(directoryContacts)
        .where(and(eq(directoryContacts.areaId, areaId), inArray(directoryContacts.serviceId, replacedIds)))
    ).map((c) => c.id)
    if (contactIds.length)
      await tx
        .delete(directoryPhones)
        .where(and(eq(directoryPhones.areaId, areaId), inArray(directoryPhones.contactId, contactIds)))
    for (const table of [
      directoryContacts,
      directorySchedules,
      directoryCostOptions,
      directoryServiceAreas,
      directoryLanguages,
      directoryFunding,
      directoryServiceAtLocations,
    ] as const) {
      await tx.delete(table).where(and(eq(table.areaId, areaId), inArray(table.serviceId, replacedIds)))
    }
    await tx
      .delete(directoryAttributes)
      .where(and(eq(directoryAttributes.areaId, areaId), inArray(directoryAttributes.linkId, replacedIds)))
  }
  if (locationIds.length) {
    await tx
      .delete(directoryAddresses)
      .where(and(eq(directoryAddresses.areaId, areaId), inArray(directoryAddresses.locationId, locationIds)))
    await tx
      .delete(directoryAccessibility)
      .where(and(eq(directoryAccessibility.areaId, areaId), inArray(directoryAccessibility.locationId, locationIds)))
  }

  await insertAll([...locations.values()], (chunk) =>
    tx
      .insert(directoryLocations)
      .values(
        chunk.map((l) => ({
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
      )
      .onConflictDoUpdate({
        target: [directoryLocations.areaId, directoryLocations.id],
        set: {
          locationType: excluded('location_type'),
          name: excluded('name'),
          description: excluded('description'),
          latitude: excluded('latitude'),
          longitude: excluded('longitude'),
          externalIdentifier: excluded('external_identifier'),
          externalIdentifierType: excluded('external_identifier_type'),
          updatedAt: now,
        },
      }),
  )
  const locationValues = [...locations.values()]
  await insertAll(
    locationValues.flatMap((l) =>
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
    (chunk) => tx.insert(directoryAddresses).values(chunk).onConflictDoNothing(),
  )
  await insertAll(
    locationValues.flatMap((l) =>
      l.accessibility.map((a) => ({
        areaId,
        id: id('accessibility', `${l.sourceId}\n${a.sourceId}`),
        locationId: id('location', l.sourceId),
        description: a.description ?? null,
        details: a.details ?? null,
        url: a.url ?? null,
      })),
    ),
    (chunk) => tx.insert(directoryAccessibility).values(chunk).onConflictDoNothing(),
  )

  const termIds = await upsertTerms(tx, services, sourceFeed)
  const perService = <T>(make: (s: ImportedService, serviceId: string) => T[]): T[] =>
    services.flatMap((s) => make(s, id('service', s.sourceId)))
  const scoped = (s: ImportedService, entity: string, childId: string) => id(entity, `${s.sourceId}\n${childId}`)

  await insertAll(
    perService((s, serviceId) =>
      s.locations.map((l) => ({
        areaId,
        id: scoped(s, 'service_at_location', l.serviceAtLocationSourceId ?? l.sourceId),
        serviceId,
        locationId: id('location', l.sourceId),
        ...source(l.serviceAtLocationSourceId ?? `${s.sourceId}/${l.sourceId}`),
      })),
    ),
    (chunk) => tx.insert(directoryServiceAtLocations).values(chunk).onConflictDoNothing(),
  )
  await insertAll(
    perService((s, serviceId) =>
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
    (chunk) => tx.insert(directorySchedules).values(chunk).onConflictDoNothing(),
  )
  await insertAll(
    perService((s, serviceId) =>
      s.contacts.map((c) => ({
        areaId,
        id: scoped(s, 'contact', c.sourceId),
        serviceId,
        name: c.name ?? null,
        title: c.title ?? null,
        email: c.email ?? null,
      })),
    ),
    (chunk) => tx.insert(directoryContacts).values(chunk).onConflictDoNothing(),
  )
  await insertAll(
    perService((s, serviceId) =>
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
    (chunk) => tx.insert(directoryPhones).values(chunk).onConflictDoNothing(),
  )
  await insertAll(
    perService((s, serviceId) =>
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
    (chunk) => tx.insert(directoryCostOptions).values(chunk).onConflictDoNothing(),
  )
  await insertAll(
    perService((s, serviceId) =>
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
    (chunk) => tx.insert(directoryServiceAreas).values(chunk).onConflictDoNothing(),
  )
  await insertAll(
    perService((s, serviceId) =>
      s.languages.map((l) => ({
        areaId,
        id: scoped(s, 'language', l.sourceId),
        serviceId,
        name: l.name ?? null,
        code: l.code ?? null,
      })),
    ),
    (chunk) => tx.insert(directoryLanguages).values(chunk).onConflictDoNothing(),
  )
  await insertAll(
    perService((s, serviceId) =>
      s.funding.map((f) => ({ areaId, id: scoped(s, 'funding', f.sourceId), serviceId, source: f.source ?? null })),
    ),
    (chunk) => tx.insert(directoryFunding).values(chunk).onConflictDoNothing(),
  )
  await insertAll(
    perService((s, serviceId) =>
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
    ),
    (chunk) => tx.insert(directoryAttributes).values(chunk).onConflictDoNothing(),
  )
}

/**
 * Imports a parsed feed into one area's directory. Idempotent: re-importing the same feed changes nothing.
 * `actor` is the person (or operator) doing it; the import is audited in the same transaction.
 */
export async function applyFeed(
  db: Database,
  areaId: string,
  sourceFeed: string,
  feed: ParsedFeed,
  actor?: AuditActor,
): Promise<ImportReport> {
  const importId = randomUUID()
  const rejected = [...feed.rejected]
  // The same record twice in one feed: the last one wins, as it would on a second import.
  const unique = new Map(feed.services.map((s) => [s.sourceId, s]))
  const services = [...unique.values()]
  const report: ImportReport = {
    importId,
    sourceFeed,
    format: feed.format,
    added: [],
    updated: [],
    unchanged: [],
    rejected,
    missing: [],
  }
  await db.transaction(async (tx) => {
    const ids = services.map((s) => importedId(areaId, sourceFeed, 'service', s.sourceId))
    const existing = new Map<string, ServiceRow>()
    for (const chunk of chunks(ids)) {
      const rows = await tx
        .select()
        .from(directoryServices)
        .where(and(eq(directoryServices.areaId, areaId), inArray(directoryServices.id, chunk)))
      for (const row of rows) existing.set(row.id, row)
    }
    const relations = await loadServiceRelations({ db: tx, areaId }, [...existing.keys()], false)
    const orgIds = [...new Set([...existing.values()].map((s) => s.organizationId))]
    const organizations = new Map(
      (orgIds.length
        ? await tx
            .select()
            .from(directoryOrganizations)
            .where(and(eq(directoryOrganizations.areaId, areaId), inArray(directoryOrganizations.id, orgIds)))
        : []
      ).map((o) => [o.id, o]),
    )
    const changed: ImportedService[] = []
    const isNew = new Set<string>()
    services.forEach((service, i) => {
      const id = ids[i]!
      const line = { sourceId: service.sourceId, name: service.name, id }
      const stored = existing.get(id)
      if (!stored) {
        isNew.add(id)
        changed.push(service)
        report.added.push(line)
      } else if (
        canonicalStored(stored, organizations.get(stored.organizationId), relations) !==
        canonicalImported(service, sourceFeed)
      ) {
        changed.push(service)
        report.updated.push(line)
      } else report.unchanged.push(line)
    })
    await writeServices(tx, areaId, sourceFeed, changed, isNew)
    // What this feed gave us before and no longer lists (a rejected record is still listed, so not missing).
    const listed = new Set([...services.map((sv) => sv.sourceId), ...rejected.map((r) => r.sourceId)])
    const previous = await tx
      .select({ id: directoryServices.id, sourceId: directoryServices.sourceId, name: directoryServices.name })
      .from(directoryServices)
      .where(and(eq(directoryServices.areaId, areaId), eq(directoryServices.sourceFeed, sourceFeed)))
    report.missing = previous
      .filter((p) => p.sourceId !== null && !listed.has(p.sourceId))
      .map((p) => ({ sourceId: p.sourceId!, name: p.name, id: p.id }))
      .sort((a, b) => a.name.localeCompare(b.name))
    await tx.insert(directoryFeedImports).values({
      areaId,
      id: importId,
      sourceFeed,
      format: feed.format,
      userId: actor?.userId ?? null,
      organisationId: actor?.organisationId ?? null,
      added: report.added.length,
      updated: report.updated.length,
      unchanged: report.unchanged.length,
      rejected: report.rejected.length,
      report: storedReport(report),
    })
    if (actor)
      await appendAuditEvent(tx, actor, {
        action: 'import-directory-feed',
        recordType: 'directory-feed-import',
        recordId: importId,
        details: {
          areaId,
          format: feed.format,
          added: report.added.length,
          updated: report.updated.length,
          unchanged: report.unchanged.length,
          rejected: report.rejected.length,
        },
      })
  })
  return report
}

/** The most report lines of each kind kept with an import; the counts are always complete. */
export const STORED_REPORT_LINES = 1_000

export interface StoredReport {
  missing?: ImportReportLine[]
  added: ImportReportLine[]
  updated: ImportReportLine[]
  unchanged: ImportReportLine[]
  rejected: RejectedRecord[]
}

function storedReport(report: ImportReport): StoredReport {
  return {
    added: report.added.slice(0, STORED_REPORT_LINES),
    updated: report.updated.slice(0, STORED_REPORT_LINES),
    unchanged: report.unchanged.slice(0, STORED_REPORT_LINES),
    missing: report.missing.slice(0, STORED_REPORT_LINES),
    rejected: report.rejected.slice(0, STORED_REPORT_LINES),
  }
}

/**
 * Reads a feed (a URL, a JSON file or the CSV files of a datapackage) and imports it into the area's directory.
 * For the operator's command line (`waymark import-directory`) and the editor's import page.
 */
export async function importOrukFeed(
  db: Database,
  areaId: string,
  source: ImportSource,
  options: ImportOptions = { allowPrivateNetwork: true },
): Promise<ImportReport> {
  const { sourceFeed, feed } = await readFeed(source, options)
  return applyFeed(db, areaId, sourceFeed, feed, options.actor)
}

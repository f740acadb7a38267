// SPDX-License-Identifier: AGPL-3.0-or-later
// Open Referral UK: the paging envelope, the "omit empty fields" rule, stable ids for imported records and the
// one normalised shape every import format (ORUK 3.0, ORUK 1.0, HSDS CSV datapackage) is parsed into.
import { createHash } from 'node:crypto'

export const ORUK_VERSION = 'HSDS-UK-3.0'
export const ORUK_PROFILE_URL = 'https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md'
export const ORUK_OPENAPI_URL = 'https://openreferraluk.org/specifications/3.0/openapi.json'

/** The ORUK 3.0 paging envelope, property names exactly as the standard spells them. */
export interface OrukPage<T> {
  total_items: number
  total_pages: number
  page_number: number
  size: number
  first_page: boolean
  last_page: boolean
  empty: boolean
  contents: T[]
}

export function pageEnvelope<T>(contents: T[], totalItems: number, pageNumber: number, perPage: number): OrukPage<T> {
  const totalPages = Math.ceil(totalItems / perPage)
  return {
    total_items: totalItems,
    total_pages: totalPages,
    page_number: pageNumber,
    size: contents.length,
    first_page: pageNumber === 1,
    last_page: pageNumber >= totalPages,
    empty: contents.length === 0,
    contents,
  }
}

type Json = string | number | boolean | null | undefined | Json[] | { [key: string]: Json }

/**
 * ORUK: "optional fields without a value should be omitted rather than included with null or empty values".
 * Drops null, undefined, empty strings and empty arrays, recursively.
 */
export function omitEmpty<T>(value: T): T {
  const clean = (v: Json): Json => {
    if (Array.isArray(v)) return v.map(clean).filter((x) => x !== undefined)
    if (v !== null && typeof v === 'object') {
      const out: Record<string, Json> = {}
      for (const [key, inner] of Object.entries(v)) {
        const c = clean(inner)
        if (c === undefined || c === null || c === '' || (Array.isArray(c) && c.length === 0)) continue
        out[key] = c
      }
      return out
    }
    return v
  }
  return clean(value as Json) as T
}

// A fixed namespace for Waymark's imported-record ids (RFC 4122 name-based, SHA-1).
const IMPORT_NAMESPACE = Buffer.from('6f1c2a58d7b04f0e9a4e3b8c5d2e1f07', 'hex')

/** RFC 4122 version 5 UUID of `name` in Waymark's import namespace. */
export function uuidV5(name: string): string {
  const hash = createHash('sha1').update(IMPORT_NAMESPACE).update(name, 'utf8').digest()
  const bytes = Buffer.from(hash.subarray(0, 16))
  bytes[6] = (bytes[6]! & 0x0f) | 0x50
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/**
 * The id an imported record gets in one area: the same feed record always maps to the same id, so a re-import
 * updates instead of duplicating and the ids we publish stay stable.
 */
export function importedId(areaId: string, sourceFeed: string, entity: string, sourceId: string): string {
  return uuidV5(`${areaId}\n${sourceFeed}\n${entity}\n${sourceId}`)
}

/** True for an absolute http(s) URL; feeds often carry "www.example.org", which ORUK's `uri` format rejects. */
export function isAbsoluteUrl(value: string | null | undefined): value is string {
  if (!value) return false
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}

export function isEmailAddress(value: string | null | undefined): value is string {
  return !!value && /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(value) && value.length <= 254
}

// ---------------------------------------------------------------------------------------------------------
// The normalised import shape: one nested service, whatever the feed's format. Ids are the feed's own ids.

export const SERVICE_STATUSES = ['active', 'inactive', 'defunct', 'temporarily closed'] as const
export type ServiceStatus = (typeof SERVICE_STATUSES)[number]
export const LOCATION_TYPES = ['physical', 'postal', 'virtual'] as const
export type LocationType = (typeof LOCATION_TYPES)[number]

export interface ImportedOrganization {
  sourceId: string
  name: string
  description: string
  email?: string
  website?: string
  logo?: string
  uri?: string
}

export interface ImportedAddress {
  sourceId: string
  attention?: string
  address1: string
  address2?: string
  city: string
  region?: string
  stateProvince: string
  postalCode: string
  country: string
  addressType: LocationType
}

export interface ImportedAccessibility {
  sourceId: string
  description?: string
  details?: string
  url?: string
}

export interface ImportedLocation {
  sourceId: string
  /** The feed's service_at_location id, when it has one. */
  serviceAtLocationSourceId?: string
  locationType: LocationType
  name?: string
  description?: string
  latitude?: number
  longitude?: number
  externalIdentifier?: string
  externalIdentifierType?: string
  addresses: ImportedAddress[]
  accessibility: ImportedAccessibility[]
}

export interface ImportedSchedule {
  sourceId: string
  validFrom?: string
  validTo?: string
  dtstart?: string
  freq?: 'WEEKLY' | 'MONTHLY'
  interval?: number
  byday?: string
  bymonthday?: string
  description?: string
  /** "HH:MM" or "HH:MM:SS", local time. */
  opensAt?: string
  closesAt?: string
  scheduleLink?: string
  attendingType?: string
  notes?: string
}

export interface ImportedPhone {
  sourceId: string
  number: string
  description?: string
}

export interface ImportedContact {
  sourceId: string
  name?: string
  title?: string
  email?: string
  phones: ImportedPhone[]
}

export interface ImportedCostOption {
  sourceId: string
  validFrom?: string
  validTo?: string
  option?: string
  amount?: number
  amountDescription?: string
}

export interface ImportedServiceArea {
  sourceId: string
  name?: string
  extent?: string
  extentType?: string
  uri?: string
}

export interface ImportedLanguage {
  sourceId: string
  name?: string
  code?: string
}

export interface ImportedFunding {
  sourceId: string
  source?: string
}

export interface ImportedTaxonomyTerm {
  /** The feed's term id. */
  sourceId: string
  name: string
  description?: string
  /** The term's code within its taxonomy (ORUK `code`), else its id. */
  code: string
  termUri?: string
  taxonomyName?: string
  taxonomyUri?: string
  linkType?: string
}

export interface ImportedService {
  sourceId: string
  name: string
  alternateName?: string
  description: string
  url?: string
  email?: string
  status: ServiceStatus
  feesDescription?: string
  eligibilityDescription?: string
  applicationProcess?: string
  accreditations?: string
  minimumAge?: number
  maximumAge?: number
  assuredDate?: string
  assurerEmail?: string
  alert?: string
  organization?: ImportedOrganization
  locations: ImportedLocation[]
  schedules: ImportedSchedule[]
  contacts: ImportedContact[]
  costOptions: ImportedCostOption[]
  serviceAreas: ImportedServiceArea[]
  languages: ImportedLanguage[]
  funding: ImportedFunding[]
  taxonomyTerms: ImportedTaxonomyTerm[]
}

/** A feed record that could not be imported, and why (in words an editor can act on). */
export interface RejectedRecord {
  sourceId: string
  name?: string
  reason: string
}

/** What a parser makes of a feed: services to import and records it had to reject. */
export interface ParsedFeed {
  format: 'oruk-3' | 'oruk-1' | 'hsds-csv'
  services: ImportedService[]
  rejected: RejectedRecord[]
}

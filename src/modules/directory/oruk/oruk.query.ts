// SPDX-License-Identifier: AGPL-3.0-or-later
// The ORUK 3.0 query parameters, parsed strictly: a bad value is a 400 naming the parameter, never a silent
// "no filter". Unknown parameters are ignored, as HSDS clients send extras (`vocabulary`, `format`…).
import { isValidPostcodeFormat, normalisePostcode } from '../../../shared/postcode.ts'
import { isUuid } from '../../../shared/uuid.ts'

export const DEFAULT_PER_PAGE = 50
export const MAX_PER_PAGE = 200
const MAX_PAGE = 100_000
/** 200 km: further than any area's directory reaches, and keeps the distance index useful. */
export const MAX_PROXIMITY_METRES = 200_000

export const DAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const
export type DayCode = (typeof DAY_CODES)[number]
const DAY_NAMES: Record<string, DayCode> = {
  monday: 'MO',
  tuesday: 'TU',
  wednesday: 'WE',
  thursday: 'TH',
  friday: 'FR',
  saturday: 'SA',
  sunday: 'SU',
}

export interface PageQuery {
  page: number
  perPage: number
}

export interface ServiceQuery extends PageQuery {
  search?: string
  taxonomyId?: string
  taxonomyTermId?: string
  minimumAge?: number
  maximumAge?: number
  day?: DayCode
  /** "HH:MM:SS" */
  startTime?: string
  endTime?: string
  postcode?: string
  proximityMetres?: number
}

export interface QueryIssue {
  parameter: string
  message: string
}

export type QueryResult<T> = { ok: true; value: T } | { ok: false; issues: QueryIssue[] }

function single(query: Record<string, unknown>, name: string): string | undefined {
  const raw = query[name]
  const value: unknown = Array.isArray(raw) ? (raw as unknown[])[0] : raw
  if (typeof value !== 'string') return undefined
  const trimmed = value.trim()
  return trimmed === '' ? undefined : trimmed
}

function integerParam(
  query: Record<string, unknown>,
  name: string,
  min: number,
  max: number,
  issues: QueryIssue[],
): number | undefined {
  const value = single(query, name)
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    issues.push({ parameter: name, message: `${name} must be a whole number from ${min} to ${max}` })
    return undefined
  }
  return Number(value)
}

/** Accepts "HH:MM", "HH:MM:SS", with an optional "Z" or "+00:00" (local UK times are stored without zone). */
export function parseTime(value: string): string | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?(?:Z|[+-]00:?00)?$/.exec(value)
  if (!match) return undefined
  return `${match[1]}:${match[2]}:${match[3] ?? '00'}`
}

export function parseDay(value: string): DayCode | undefined {
  const upper = value.toUpperCase()
  if ((DAY_CODES as readonly string[]).includes(upper)) return upper as DayCode
  return DAY_NAMES[value.toLowerCase()]
}

export function parsePageQuery(query: unknown): QueryResult<PageQuery> {
  const q = (query ?? {}) as Record<string, unknown>
  const issues: QueryIssue[] = []
  const page = integerParam(q, 'page', 1, MAX_PAGE, issues) ?? 1
  const perPage = integerParam(q, 'per_page', 1, MAX_PER_PAGE, issues) ?? DEFAULT_PER_PAGE
  return issues.length ? { ok: false, issues } : { ok: true, value: { page, perPage } }
}

/** Parses the query of `/services` and `/service_at_locations`; the filters are cumulative (AND). */
export function parseServiceQuery(query: unknown): QueryResult<ServiceQuery> {
  const q = (query ?? {}) as Record<string, unknown>
  const paging = parsePageQuery(q)
  const issues: QueryIssue[] = paging.ok ? [] : [...paging.issues]
  const value: ServiceQuery = paging.ok ? { ...paging.value } : { page: 1, perPage: DEFAULT_PER_PAGE }

  // `text` is the ORUK 1.0 name of `search`; 1.0 clients (and its validator's "Text Test") still send it.
  const search = single(q, 'search') ?? single(q, 'text')
  if (search !== undefined) {
    if (search.length > 200) issues.push({ parameter: 'search', message: 'search must be 200 characters or fewer' })
    else value.search = search
  }
  for (const [name, key] of [
    ['taxonomy_id', 'taxonomyId'],
    ['taxonomy_term_id', 'taxonomyTermId'],
  ] as const) {
    const id = single(q, name)
    if (id === undefined) continue
    if (!isUuid(id)) issues.push({ parameter: name, message: `${name} must be a UUID` })
    else value[key] = id.toLowerCase()
  }
  for (const [name, key] of [
    ['minimum_age', 'minimumAge'],
    ['maximum_age', 'maximumAge'],
  ] as const) {
    const raw = single(q, name)
    if (raw === undefined) continue
    const n = Number(raw)
    if (!/^\d+(\.\d+)?$/.test(raw) || n > 150)
      issues.push({ parameter: name, message: `${name} must be an age from 0 to 150` })
    else value[key] = n
  }
  if (value.minimumAge !== undefined && value.maximumAge !== undefined && value.minimumAge > value.maximumAge)
    issues.push({ parameter: 'maximum_age', message: 'maximum_age must not be less than minimum_age' })

  const day = single(q, 'day')
  if (day !== undefined) {
    const code = parseDay(day)
    if (!code) issues.push({ parameter: 'day', message: 'day must be a day of the week, like MO or Monday' })
    else value.day = code
  }
  for (const [name, key] of [
    ['start_time', 'startTime'],
    ['end_time', 'endTime'],
  ] as const) {
    const raw = single(q, name)
    if (raw === undefined) continue
    const time = parseTime(raw)
    if (!time) issues.push({ parameter: name, message: `${name} must be a time like 18:30` })
    else value[key] = time
  }

  const postcode = single(q, 'postcode')
  if (postcode !== undefined) {
    if (!isValidPostcodeFormat(postcode))
      issues.push({ parameter: 'postcode', message: 'postcode must be a full UK postcode, like LS1 4AP' })
    else value.postcode = normalisePostcode(postcode)
  }
  const proximity = single(q, 'proximity')
  if (proximity !== undefined) {
    const metres = Number(proximity)
    if (!/^\d+(\.\d+)?$/.test(proximity) || metres <= 0 || metres > MAX_PROXIMITY_METRES)
      issues.push({
        parameter: 'proximity',
        message: `proximity must be a distance in metres from 1 to ${MAX_PROXIMITY_METRES}`,
      })
    else if (postcode === undefined)
      issues.push({ parameter: 'proximity', message: 'proximity needs a postcode to measure from' })
    else value.proximityMetres = metres
  }
  return issues.length ? { ok: false, issues } : { ok: true, value }
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// Judges ORUK 3.0 responses the way the Open Referral UK validator does: each endpoint's body against the
// UK profile JSON schemas its OpenAPI document names, then "pass" when the three core endpoints comply,
// "warn" when only optional ones do not, "fail" otherwise.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'

// ajv-formats is CommonJS; under NodeNext its default export arrives as the module object.
type FormatsPlugin = (ajv: Ajv) => Ajv
const formatsModule = addFormatsModule as unknown as FormatsPlugin | { default: FormatsPlugin }
const addFormats: FormatsPlugin = typeof formatsModule === 'function' ? formatsModule : formatsModule.default

/** Where the UK profile OpenAPI document says its schemas live; the vendored copies are registered under it. */
export const UK_PROFILE_SCHEMA_BASE = 'https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/'
const SCHEMA_DIR = fileURLToPath(new URL('./schemas/', import.meta.url))

export const ORUK_ENDPOINTS = [
  'api_details',
  'service_list',
  'service',
  'service_at_location_list',
  'service_at_location',
  'taxonomy_list',
  'taxonomy',
  'taxonomy_term_list',
  'taxonomy_term',
] as const
export type OrukEndpoint = (typeof ORUK_ENDPOINTS)[number]

/** The three endpoints that decide an ORUK "pass"; the validator only warns about the others. */
export const CORE_ENDPOINTS: readonly OrukEndpoint[] = ['api_details', 'service_list', 'service']

export const ENDPOINT_PATHS: Record<OrukEndpoint, string> = {
  api_details: '/',
  service_list: '/services',
  service: '/services/{id}',
  service_at_location_list: '/service_at_locations',
  service_at_location: '/service_at_locations/{id}',
  taxonomy_list: '/taxonomies',
  taxonomy: '/taxonomies/{id}',
  taxonomy_term_list: '/taxonomy_terms',
  taxonomy_term: '/taxonomy_terms/{id}',
}

export interface ValidationIssue {
  /** JSON pointer into the response body. */
  path: string
  message: string
}

export type Verdict = 'pass' | 'warn' | 'fail'

const PAGE_SCHEMA = {
  type: 'object',
  required: ['total_items', 'total_pages', 'page_number', 'size', 'first_page', 'last_page', 'empty', 'contents'],
  properties: {
    total_items: { type: 'integer', minimum: 0 },
    total_pages: { type: 'integer', minimum: 0 },
    page_number: { type: 'integer', minimum: 1 },
    size: { type: 'integer', minimum: 0 },
    first_page: { type: 'boolean' },
    last_page: { type: 'boolean' },
    empty: { type: 'boolean' },
  },
}

function pageOf(itemSchema: string): object {
  return {
    allOf: [PAGE_SCHEMA],
    properties: { contents: { type: 'array', items: { $ref: `${UK_PROFILE_SCHEMA_BASE}${itemSchema}` } } },
  }
}

// The responses as the UK profile OpenAPI declares them (schema/openapi.json, paths → 200 → schema).
const ENDPOINT_SCHEMAS: Record<OrukEndpoint, object> = {
  api_details: {
    type: 'object',
    properties: {
      version: { type: 'string' },
      profile: { type: 'string', format: 'uri' },
      openapi_url: { type: 'string', format: 'uri' },
    },
  },
  service_list: pageOf('compiled/service_list.json'),
  service: { $ref: `${UK_PROFILE_SCHEMA_BASE}compiled/service.json` },
  service_at_location_list: pageOf('compiled/service_at_location_list.json'),
  // The OpenAPI document names the compiled service schema here; the nested service_at_location schema is
  // what the endpoint actually returns, and it is what the validator's own mock passes.
  service_at_location: { $ref: `${UK_PROFILE_SCHEMA_BASE}compiled/service_at_location.json` },
  taxonomy_list: pageOf('taxonomy.json'),
  taxonomy: { $ref: `${UK_PROFILE_SCHEMA_BASE}taxonomy.json` },
  taxonomy_term_list: pageOf('taxonomy_term.json'),
  taxonomy_term: { $ref: `${UK_PROFILE_SCHEMA_BASE}taxonomy_term.json` },
}

function loadSchemas(ajv: Ajv): void {
  for (const folder of ['', 'compiled/']) {
    for (const file of readdirSync(path.join(SCHEMA_DIR, folder))) {
      if (!file.endsWith('.json') || file === 'openapi.json') continue
      const schema = JSON.parse(readFileSync(path.join(SCHEMA_DIR, folder, file), 'utf8')) as Record<string, unknown>
      ajv.addSchema({ ...schema, $id: `${UK_PROFILE_SCHEMA_BASE}${folder}${file}` })
    }
  }
}

let validators: Record<OrukEndpoint, ValidateFunction> | undefined

function validatorsFor(): Record<OrukEndpoint, ValidateFunction> {
  if (validators) return validators
  // The profile's schemas carry data-package keywords (name, constraints, core, example…) that are not JSON
  // Schema; strict mode would reject them.
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false })
  addFormats(ajv)
  ajv.addFormat('datetime', true)
  loadSchemas(ajv)
  validators = Object.fromEntries(
    ORUK_ENDPOINTS.map((endpoint) => [endpoint, ajv.compile(ENDPOINT_SCHEMAS[endpoint])]),
  ) as Record<OrukEndpoint, ValidateFunction>
  return validators
}

function describe(error: ErrorObject): ValidationIssue {
  const extra =
    error.keyword === 'additionalProperties'
      ? ` (${String((error.params as { additionalProperty?: string }).additionalProperty)})`
      : error.keyword === 'enum'
        ? ` (${(error.params as { allowedValues?: unknown[] }).allowedValues?.join(', ')})`
        : ''
  return { path: error.instancePath || '/', message: `${error.message ?? error.keyword}${extra}` }
}

/** Checks the paging envelope agrees with itself, which schemas cannot say. */
function pageConsistencyIssues(body: unknown): ValidationIssue[] {
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { contents?: unknown }).contents)) return []
  const page = body as {
    total_items: number
    total_pages: number
    page_number: number
    size: number
    first_page: boolean
    last_page: boolean
    empty: boolean
    contents: unknown[]
  }
  // Like the ORUK validator, this checks the flags against the page counts; it does not insist that `size`
  // equals the items on the page (the validator's own 128-item test page disagrees with its `size`).
  const issues: ValidationIssue[] = []
  if (page.empty !== (page.contents.length === 0))
    issues.push({ path: '/empty', message: 'must be true exactly when contents is empty' })
  if (page.first_page !== (page.page_number === 1))
    issues.push({ path: '/first_page', message: 'must be true exactly on page 1' })
  if (page.last_page !== page.page_number >= page.total_pages)
    issues.push({ path: '/last_page', message: 'must be true exactly on the last page' })
  return issues
}

/** Validates one endpoint's response body against the UK profile. An empty list means it complies. */
export function validateOrukResponse(endpoint: OrukEndpoint, body: unknown): ValidationIssue[] {
  const validate = validatorsFor()[endpoint]
  const issues = validate(body) ? [] : (validate.errors ?? []).map(describe)
  return issues.length > 0 ? issues : pageConsistencyIssues(body)
}

export interface EndpointJudgement {
  endpoint: OrukEndpoint
  path: string
  core: boolean
  /** `missing` when the feed did not answer this endpoint. */
  status: 'valid' | 'invalid' | 'missing'
  issues: ValidationIssue[]
}

export interface FeedJudgement {
  verdict: Verdict
  endpoints: EndpointJudgement[]
}

/**
 * Judges a feed from its endpoints' responses (`undefined` = the endpoint is not implemented), as the ORUK
 * validator does: a missing or invalid core endpoint fails; a missing or invalid optional one warns.
 */
export function judgeOrukFeed(responses: Partial<Record<OrukEndpoint, unknown>>): FeedJudgement {
  const endpoints = ORUK_ENDPOINTS.map((endpoint): EndpointJudgement => {
    const core = CORE_ENDPOINTS.includes(endpoint)
    const body = responses[endpoint]
    if (body === undefined) return { endpoint, path: ENDPOINT_PATHS[endpoint], core, status: 'missing', issues: [] }
    const issues = validateOrukResponse(endpoint, body)
    return { endpoint, path: ENDPOINT_PATHS[endpoint], core, status: issues.length ? 'invalid' : 'valid', issues }
  })
  const verdict: Verdict = endpoints.some((e) => e.core && e.status !== 'valid')
    ? 'fail'
    : endpoints.some((e) => e.status !== 'valid')
      ? 'warn'
      : 'pass'
  return { verdict, endpoints }
}

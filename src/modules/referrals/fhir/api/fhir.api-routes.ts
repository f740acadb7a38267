// SPDX-License-Identifier: AGPL-3.0-or-later
import { readFileSync } from 'node:fs'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Config } from '../../../../config.ts'
import type { Database } from '../../../../platform/db/database.ts'
import { apiClientOf, apiClientRoute, auditActorForClient } from '../../../api-clients/index.ts'
import { REFERRAL_STATUSES } from '../../referral-status.ts'
import { capabilityStatement } from '../fhir-capability.ts'
import { toSearchset, toServiceRequest, toTask } from '../fhir-resources.ts'
import type { FhirSchemaValidator } from '../fhir-schema.ts'
import { createReferralFromFhir, FhirRequestError } from '../fhir.service.ts'
import {
  readCommunication,
  readServiceRequest,
  readTask,
  searchReferrals,
  type SearchRequest,
} from '../fhir-read.service.ts'
import { hasMessageBack } from '../../index.ts'
import { isUuid } from '../../../../shared/uuid.ts'
import { declaredFhirResources, lastUpdatedRange, registerFhirScope, sendFhir } from './fhir-scope.ts'

const VERSION = (
  JSON.parse(readFileSync(new URL('../../../../../package.json', import.meta.url), 'utf8')) as { version: string }
).version

// Response shapes: the fixed parts of what we promise (the FHIR schema tests check the rest).
const resourceShape = z.object({ resourceType: z.string(), id: z.string().optional() }).loose()
const taskShape = z
  .object({
    resourceType: z.literal('Task'),
    id: z.guid(),
    status: z.enum(REFERRAL_STATUSES),
    intent: z.literal('order'),
    code: z.object({ coding: z.array(z.object({ system: z.string(), code: z.literal('fulfill') }).loose()) }).loose(),
    focus: z.object({ reference: z.string().startsWith('ServiceRequest/') }),
    businessStatus: z.object({ coding: z.array(z.object({ system: z.string(), code: z.string() }).loose()) }).loose(),
  })
  .loose()
const serviceRequestShape = z.object({ resourceType: z.literal('ServiceRequest'), id: z.guid() }).loose()
const communicationShape = z.object({ resourceType: z.literal('Communication'), id: z.guid() }).loose()
const searchsetShape = z
  .object({
    resourceType: z.literal('Bundle'),
    type: z.literal('searchset'),
    total: z.number().int().min(0),
    link: z.array(z.object({ relation: z.string(), url: z.string() })),
    entry: z.array(z.object({ fullUrl: z.string(), resource: resourceShape, search: z.object({ mode: z.string() }) })),
  })
  .loose()

const idParams = z.object({ id: z.guid({ error: 'id must be a Waymark referral id (a UUID)' }) })
const oneOrMany = z.union([z.string().max(200), z.array(z.string().max(200)).max(4)])
const searchQuery = z
  .object({
    status: z.string().max(300).optional(),
    owner: z.string().max(200).optional(),
    requester: z.string().max(200).optional(),
    patient: z.string().max(200).optional(),
    _lastUpdated: oneOrMany.optional(),
    _count: z.coerce.number().int().min(1).max(100).default(20),
    _offset: z.coerce.number().int().min(0).max(10_000).default(0),
  })
  .strict()
const communicationQuery = z
  .object({
    'based-on': z.string().max(200).optional(),
    'part-of': z.string().max(200).optional(),
  })
  .strict()

type SearchQuery = z.infer<typeof searchQuery>

/** Turns the query into repository filters, refusing what we do not support rather than ignoring it. */
export function searchRequestFrom(query: SearchQuery): SearchRequest {
  const issues: { expression: string; diagnostics: string }[] = []
  const statuses = query.status
    ? query.status
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : []
  const unknown = statuses.filter((s) => !(REFERRAL_STATUSES as readonly string[]).includes(s))
  if (unknown.length > 0)
    issues.push({
      expression: 'status',
      diagnostics: `Unknown status ${unknown.join(', ')}; use ${REFERRAL_STATUSES.join(', ')}`,
    })
  const range = lastUpdatedRange(query._lastUpdated)
  if ('issue' in range) issues.push(range.issue)
  const { lastUpdatedAfter, lastUpdatedBefore } = 'issue' in range ? {} : range
  if (issues.length > 0)
    throw new FhirRequestError(
      400,
      issues.map((issue) => ({ code: 'value', ...issue })),
    )
  return {
    ...(statuses.length ? { status: statuses } : {}),
    ...(query.owner ? { owner: query.owner } : {}),
    ...(query.requester ? { requester: query.requester } : {}),
    ...(query.patient ? { patient: query.patient } : {}),
    ...(lastUpdatedAfter ? { lastUpdatedAfter } : {}),
    ...(lastUpdatedBefore ? { lastUpdatedBefore } : {}),
    count: query._count,
    offset: query._offset,
  }
}

function queryForLinks(query: SearchQuery): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(query)) {
    if (key === '_count' || key === '_offset' || value === undefined) continue
    out[key] = Array.isArray(value) ? value.join(',') : String(value)
  }
  return out
}

export interface FhirRouteOptions {
  config: Config
  db: Database
  schema: FhirSchemaValidator
}

/** The /fhir routes, in their own encapsulated scope (zod compilers, FHIR JSON parser, OperationOutcome errors). */
export async function registerFhirRoutes(app: FastifyInstance, options: FhirRouteOptions): Promise<void> {
  const { config, db, schema } = options
  const baseUrl = config.publicUrl.replace(/\/$/, '')
  const client = apiClientRoute({ db, rateLimit: config.apiRateLimit })

  await registerFhirScope(app, async (scoped) => {
    const api = scoped.withTypeProvider<ZodTypeProvider>()

    api.get(
      '/fhir/metadata',
      { config: { access: 'public' }, schema: { response: { 200: resourceShape } } },
      async (_request, reply) =>
        sendFhir(reply, 200, capabilityStatement(baseUrl, { version: VERSION }, declaredFhirResources())),
    )

    const create =
      (endpoint: 'ServiceRequest' | 'transaction') => async (request: FastifyRequest, reply: FastifyReply) => {
        const apiClient = apiClientOf(request)
        const header = request.headers['idempotency-key']
        const result = await createReferralFromFhir(
          db,
          schema,
          apiClient,
          { body: request.body, endpoint, idempotencyKey: Array.isArray(header) ? header[0] : header },
          auditActorForClient(request, apiClient),
        )
        void reply.header('location', `${baseUrl}/fhir/Task/${result.referralId}`)
        return sendFhir(reply, result.statusCode, result.task)
      }
    const createSchema = { response: { 200: taskShape, 201: taskShape } }
    api.post('/fhir/ServiceRequest', { ...client, schema: createSchema }, create('ServiceRequest'))
    api.post('/fhir', { ...client, schema: createSchema }, create('transaction'))

    api.get(
      '/fhir/Task/:id',
      { ...client, schema: { params: idParams, response: { 200: taskShape } } },
      async (request, reply) => {
        const apiClient = apiClientOf(request)
        return sendFhir(
          reply,
          200,
          await readTask(db, apiClient, request.params.id, auditActorForClient(request, apiClient)),
        )
      },
    )
    api.get(
      '/fhir/ServiceRequest/:id',
      { ...client, schema: { params: idParams, response: { 200: serviceRequestShape } } },
      async (request, reply) => {
        const apiClient = apiClientOf(request)
        return sendFhir(
          reply,
          200,
          await readServiceRequest(db, apiClient, request.params.id, auditActorForClient(request, apiClient)),
        )
      },
    )
    api.get(
      '/fhir/Communication/:id',
      { ...client, schema: { params: idParams, response: { 200: communicationShape } } },
      async (request, reply) => {
        const apiClient = apiClientOf(request)
        const found = await readCommunication(db, apiClient, request.params.id, auditActorForClient(request, apiClient))
        if (!found) {
          throw new FhirRequestError(404, [
            {
              code: 'not-found',
              expression: 'id',
              diagnostics: 'No message back for that referral (yet), or no such referral visible to this client',
            },
          ])
        }
        return sendFhir(reply, 200, found)
      },
    )

    for (const resourceType of ['Task', 'ServiceRequest'] as const) {
      api.get(
        `/fhir/${resourceType}`,
        { ...client, schema: { querystring: searchQuery, response: { 200: searchsetShape } } },
        async (request, reply) => {
          const apiClient = apiClientOf(request)
          const search = searchRequestFrom(request.query)
          const page = await searchReferrals(
            db,
            apiClient,
            search,
            auditActorForClient(request, apiClient),
            resourceType,
          )
          const resources = page.rows.map((row) =>
            resourceType === 'Task'
              ? toTask(row, { hasMessageBack: hasMessageBack(row.status, row.businessStatus) })
              : toServiceRequest(row),
          )
          return sendFhir(
            reply,
            200,
            toSearchset(baseUrl, `/fhir/${resourceType}`, queryForLinks(request.query), resources, page.total, {
              count: search.count,
              offset: search.offset,
            }),
          )
        },
      )
    }

    api.get(
      '/fhir/Communication',
      { ...client, schema: { querystring: communicationQuery, response: { 200: searchsetShape } } },
      async (request, reply) => {
        const apiClient = apiClientOf(request)
        const target = request.query['based-on'] ?? request.query['part-of'] ?? ''
        const match = /^(?:ServiceRequest|Task)\/(.+)$/.exec(target)
        if (!match || !isUuid(match[1])) {
          throw new FhirRequestError(400, [
            {
              code: 'required',
              expression: request.query['based-on'] !== undefined ? 'based-on' : 'part-of',
              diagnostics: 'Search messages back by based-on=ServiceRequest/<id> or part-of=Task/<id>',
            },
          ])
        }
        const found = await readCommunication(
          db,
          apiClient,
          match[1]!.toLowerCase(),
          auditActorForClient(request, apiClient),
        )
        const query: Record<string, string> = request.query['based-on'] ? { 'based-on': target } : { 'part-of': target }
        return sendFhir(
          reply,
          200,
          toSearchset(baseUrl, '/fhir/Communication', query, found ? [found] : [], found ? 1 : 0, {
            count: 1,
            offset: 0,
          }),
        )
      },
    )
  })
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// The open ORUK 3.0 feed: nine GET endpoints, no key, CORS for everyone, throttled per address.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Database } from '../../../../platform/db/database.ts'
import { NotFoundError, ValidationError } from '../../../../platform/http/errors.ts'
import { ORUK_OPENAPI_URL, ORUK_PROFILE_URL, ORUK_VERSION, pageEnvelope } from '../oruk.ts'
import { parsePageQuery, parseServiceQuery, type QueryResult, type ServiceQuery } from '../oruk.query.ts'
import {
  areaExists,
  findDefaultAreaId,
  findTaxonomiesByIds,
  findTaxonomy,
  findTaxonomyTerm,
  listTaxonomies,
  listTaxonomyTerms,
  listTermsOfTaxonomy,
} from '../oruk-taxonomies.repository.ts'
import {
  findPostcodeCentroid,
  findPublicServiceAtLocation,
  findPublicServices,
  listPublicServiceAtLocations,
  listPublicServices,
  type PostcodePoint,
} from '../oruk.repository.ts'
import { loadServiceRelations } from '../oruk-relations.repository.ts'
import type { AreaScope } from '../../../../platform/db/org-scope.ts'
import {
  fullService,
  fullServiceAtLocation,
  indexRelations,
  serviceAtLocationListItem,
  serviceListItem,
  taxonomyJson,
  taxonomyTermJson,
} from '../oruk.publish.ts'
import { isUuid } from '../../../../shared/uuid.ts'

/** Per address, per minute (WAYMARK_ORUK_RATE_LIMIT): generous for an aggregator paging a feed, bounded for scrapers. */
function routeOptionsFor(perMinute: number) {
  return {
    config: { access: 'public' as const, csrf: false, rateLimit: { max: perMinute, timeWindow: '1 minute' } },
  }
}

function valueOrThrow<T>(result: QueryResult<T>): T {
  if (!result.ok) throw new ValidationError(result.issues.map((i) => ({ path: i.parameter, message: i.message })))
  return result.value
}

async function centreFor(db: Database, query: ServiceQuery): Promise<PostcodePoint | undefined> {
  if (!query.postcode) return undefined
  const centre = await findPostcodeCentroid(db, query.postcode)
  if (!centre)
    throw new ValidationError([{ path: 'postcode', message: `postcode ${query.postcode} is not a known UK postcode` }])
  return centre
}

/** Looks up the area a request reads: `/oruk/areas/{areaId}/…`, or the deployment's first area at `/oruk/…`. */
type AreaResolver = (request: FastifyRequest) => Promise<AreaScope>

function explicitArea(db: Database): AreaResolver {
  return async (request) => {
    const { areaId } = request.params as { areaId: string }
    if (!isUuid(areaId) || !(await areaExists(db, areaId))) throw new NotFoundError('area')
    return { db, areaId }
  }
}

function defaultArea(db: Database): AreaResolver {
  return async () => {
    const areaId = await findDefaultAreaId(db)
    if (!areaId) throw new NotFoundError('area')
    return { db, areaId }
  }
}

function idParam(request: FastifyRequest, what: string): string {
  const { id } = request.params as { id: string }
  // Ids are UUIDs in ORUK 3.0; anything else cannot name a record.
  if (!isUuid(id)) throw new NotFoundError(what)
  return id.toLowerCase()
}

function registerEndpoints(
  app: FastifyInstance,
  prefix: string,
  db: Database,
  resolveArea: AreaResolver,
  routeOptions: ReturnType<typeof routeOptionsFor>,
): void {
  const root = async (_request: FastifyRequest, reply: FastifyReply) =>
    reply.send({ version: ORUK_VERSION, profile: ORUK_PROFILE_URL, openapi_url: ORUK_OPENAPI_URL })
  // The root document answers with and without the trailing slash: clients differ in how they join the base URL.
  for (const url of [`${prefix}/`, prefix]) {
    app.get(url, routeOptions, async (request, reply) => {
      await resolveArea(request)
      return root(request, reply)
    })
  }

  app.get(`${prefix}/services`, routeOptions, async (request) => {
    const scope = await resolveArea(request)
    const query = valueOrThrow(parseServiceQuery(request.query))
    const { total, services } = await listPublicServices(scope, query, await centreFor(db, query))
    return pageEnvelope(
      services.map(({ service, organization }) => serviceListItem(service, organization)),
      total,
      query.page,
      query.perPage,
    )
  })

  app.get(`${prefix}/services/:id`, routeOptions, async (request) => {
    const scope = await resolveArea(request)
    const id = idParam(request, 'service')
    const [found] = await findPublicServices(scope, [id])
    if (!found) throw new NotFoundError('service')
    const index = indexRelations(await loadServiceRelations(scope, [id], true))
    return fullService(found.service, found.organization, index)
  })

  app.get(`${prefix}/service_at_locations`, routeOptions, async (request) => {
    const scope = await resolveArea(request)
    const query = valueOrThrow(parseServiceQuery(request.query))
    const { total, rows } = await listPublicServiceAtLocations(scope, query, await centreFor(db, query))
    return pageEnvelope(rows.map(serviceAtLocationListItem), total, query.page, query.perPage)
  })

  app.get(`${prefix}/service_at_locations/:id`, routeOptions, async (request) => {
    const scope = await resolveArea(request)
    const row = await findPublicServiceAtLocation(scope, idParam(request, 'service_at_location'))
    if (!row) throw new NotFoundError('service_at_location')
    const index = indexRelations(await loadServiceRelations(scope, [row.service.id], true))
    return fullServiceAtLocation(row, index)
  })

  app.get(`${prefix}/taxonomies`, routeOptions, async (request) => {
    await resolveArea(request)
    const paging = valueOrThrow(parsePageQuery(request.query))
    const { total, rows } = await listTaxonomies(db, paging)
    return pageEnvelope(
      rows.map((t) => taxonomyJson(t)),
      total,
      paging.page,
      paging.perPage,
    )
  })

  app.get(`${prefix}/taxonomies/:id`, routeOptions, async (request) => {
    await resolveArea(request)
    const taxonomy = await findTaxonomy(db, idParam(request, 'taxonomy'))
    if (!taxonomy) throw new NotFoundError('taxonomy')
    return taxonomyJson(taxonomy, await listTermsOfTaxonomy(db, taxonomy.id))
  })

  app.get(`${prefix}/taxonomy_terms`, routeOptions, async (request) => {
    await resolveArea(request)
    const paging = valueOrThrow(parsePageQuery(request.query))
    const { taxonomy_id: taxonomyId } = request.query as { taxonomy_id?: string }
    if (taxonomyId !== undefined && !isUuid(taxonomyId))
      throw new ValidationError([{ path: 'taxonomy_id', message: 'taxonomy_id must be a UUID' }])
    const { total, rows } = await listTaxonomyTerms(db, paging, taxonomyId?.toLowerCase())
    const taxonomies = new Map(
      (await findTaxonomiesByIds(db, [...new Set(rows.map((r) => r.taxonomyId))])).map((t) => [t.id, t]),
    )
    return pageEnvelope(
      rows.map((t) => taxonomyTermJson(t, taxonomies.get(t.taxonomyId))),
      total,
      paging.page,
      paging.perPage,
    )
  })

  app.get(`${prefix}/taxonomy_terms/:id`, routeOptions, async (request) => {
    await resolveArea(request)
    const term = await findTaxonomyTerm(db, idParam(request, 'taxonomy_term'))
    if (!term) throw new NotFoundError('taxonomy_term')
    const [taxonomy] = await findTaxonomiesByIds(db, [term.taxonomyId])
    return taxonomyTermJson(term, taxonomy)
  })
}

/**
 * Registers the feed twice: at `/oruk` for the deployment's area (the first area created; a deployment
 * normally serves one) and at `/oruk/areas/{areaId}` for any area.
 */
export async function registerOrukApiRoutes(app: FastifyInstance, db: Database, perMinute: number): Promise<void> {
  const routeOptions = routeOptionsFor(perMinute)
  await app.register(async (feed) => {
    // ORUK compliance: "CORS on all responses", including errors. The feed is read cross-origin by design.
    feed.addHook('onSend', async (_request, reply) => {
      void reply.header('access-control-allow-origin', '*')
      void reply.header('cross-origin-resource-policy', 'cross-origin')
    })
    registerEndpoints(feed, '/oruk', db, defaultArea(db), routeOptions)
    registerEndpoints(feed, '/oruk/areas/:areaId', db, explicitArea(db), routeOptions)
  })
}

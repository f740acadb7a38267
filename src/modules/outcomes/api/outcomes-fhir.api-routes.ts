// SPDX-License-Identifier: AGPL-3.0-or-later
// /fhir/Questionnaire, /fhir/QuestionnaireResponse and /fhir/Observation: the outcomes module's part of the FHIR
// API, in the same scope, keys, rate limit and OperationOutcome errors as the referral resources.
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Database } from '../../../platform/db/database.ts'
import { apiClientOf, apiClientRoute, auditActorForClient, registerApiClientContext } from '../../api-clients/index.ts'
import {
  declareFhirResource,
  FhirRequestError,
  lastUpdatedRange,
  registerFhirScope,
  sendFhir,
  toSearchset,
} from '../../referrals/index.ts'
import { OUTCOME_SYSTEMS } from '../fhir/outcomes-fhir.ts'
import {
  readObservation,
  readQuestionnaire,
  readQuestionnaireResponse,
  searchOutcomes,
  searchQuestionnaires,
  type OutcomeResourceType,
} from '../fhir/outcomes-fhir.service.ts'

const idParams = z.object({ id: z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/, 'not a FHIR id') })
const resourceShape = z.object({ resourceType: z.string(), id: z.string() }).loose()
const searchsetShape = z
  .object({ resourceType: z.literal('Bundle'), type: z.literal('searchset'), total: z.number().int().min(0) })
  .loose()
const paging = {
  _count: z.coerce.number().int().min(1).max(100).default(20),
  _offset: z.coerce.number().int().min(0).max(10_000).default(0),
}
const outcomeQuery = z
  .object({
    patient: z.string().max(200).optional(),
    'based-on': z.string().max(200).optional(),
    questionnaire: z.string().max(300).optional(),
    'derived-from': z.string().max(200).optional(),
    _lastUpdated: z.union([z.string().max(60), z.array(z.string().max(60)).max(2)]).optional(),
    ...paging,
  })
  .strict()
const questionnaireQuery = z.object({ url: z.string().max(300).optional(), ...paging }).strict()

const SEARCH_DOCS = [
  {
    name: 'patient',
    type: 'token',
    documentation: 'The person by NHS number: https://fhir.nhs.uk/Id/nhs-number|<10 digits>',
  },
  { name: 'based-on', type: 'reference', documentation: 'The referral: ServiceRequest/<id>' },
  {
    name: 'questionnaire',
    type: 'reference',
    documentation: `The instrument by canonical URL, ${OUTCOME_SYSTEMS.questionnaire}/<key>, optionally |<version>`,
  },
  {
    name: '_lastUpdated',
    type: 'date',
    documentation: 'When recorded: gt, ge, lt or le then an ISO date or date-time',
  },
  { name: '_count', type: 'number', documentation: 'Page size, 1 to 100 (default 20)' },
]

const READ_BY_SERVICE =
  'Readable only by a client of the social prescribing service supporting the person (others get 404 on read and 403 on search); every read is audited.'

/** Declares the outcome resources in /fhir/metadata and registers their routes. */
export async function registerOutcomesFhirRoutes(
  app: FastifyInstance,
  options: { db: Database; baseUrl: string; rateLimit: number },
): Promise<void> {
  const { db, baseUrl } = options
  registerApiClientContext(app)
  const client = apiClientRoute({ db, rateLimit: options.rateLimit })
  declareFhirResource({
    type: 'Questionnaire',
    documentation:
      'Each version of a wellbeing or loneliness instrument Waymark scores (ONS4, the ONS loneliness question, UCLA-3, De Jong Gierveld 6, SWEMWBS, WEMWBS), id <key>-v<version>. Licensed instruments carry their wording only for an organisation that has loaded its content pack. Answer codes carry their score in the ordinalValue extension.',
    interaction: [{ code: 'read' }, { code: 'search-type' }],
    searchParam: [{ name: 'url', type: 'uri', documentation: 'The canonical URL, optionally |<version>' }],
  })
  declareFhirResource({
    type: 'QuestionnaireResponse',
    documentation: `A completed questionnaire: the answers exactly as given (unanswered items left out), basedOn the referral, with the timepoint (baseline, follow-up, close) in an extension. ${READ_BY_SERVICE}`,
    interaction: [{ code: 'read' }, { code: 'search-type' }],
    searchParam: SEARCH_DOCS,
  })
  declareFhirResource({
    type: 'Observation',
    documentation: `One score of a completed questionnaire (category survey), coded with SNOMED CT where the instrument has a concept and always with ${OUTCOME_SYSTEMS.score}; derivedFrom its QuestionnaireResponse; the band as interpretation.text. A score the instrument's missing-item rule withholds is not sent. Search pages by questionnaire: a page holds every score of up to _count questionnaires and total counts questionnaires. ${READ_BY_SERVICE}`,
    interaction: [{ code: 'read' }, { code: 'search-type' }],
    searchParam: [
      ...SEARCH_DOCS,
      { name: 'derived-from', type: 'reference', documentation: 'QuestionnaireResponse/<id>' },
    ],
  })

  await registerFhirScope(app, (scoped) => {
    const api = scoped.withTypeProvider<ZodTypeProvider>()

    api.get(
      '/fhir/Questionnaire/:id',
      { ...client, schema: { params: idParams, response: { 200: resourceShape } } },
      async (request, reply) =>
        sendFhir(reply, 200, await readQuestionnaire(db, apiClientOf(request), request.params.id)),
    )
    api.get(
      '/fhir/Questionnaire',
      { ...client, schema: { querystring: questionnaireQuery, response: { 200: searchsetShape } } },
      async (request, reply) => {
        const { url, _count: count, _offset: offset } = request.query
        const all = await searchQuestionnaires(db, apiClientOf(request), url)
        return sendFhir(
          reply,
          200,
          toSearchset(
            baseUrl,
            '/fhir/Questionnaire',
            url ? { url } : {},
            all.slice(offset, offset + count),
            all.length,
            {
              count,
              offset,
            },
          ),
        )
      },
    )

    const reads = {
      QuestionnaireResponse: readQuestionnaireResponse,
      Observation: readObservation,
    } as const
    for (const resourceType of ['QuestionnaireResponse', 'Observation'] as const satisfies OutcomeResourceType[]) {
      api.get(
        `/fhir/${resourceType}/:id`,
        { ...client, schema: { params: idParams, response: { 200: resourceShape } } },
        async (request, reply) => {
          const apiClient = apiClientOf(request)
          const read = reads[resourceType]
          return sendFhir(
            reply,
            200,
            await read(db, apiClient, request.params.id, auditActorForClient(request, apiClient)),
          )
        },
      )
      api.get(
        `/fhir/${resourceType}`,
        { ...client, schema: { querystring: outcomeQuery, response: { 200: searchsetShape } } },
        async (request, reply) => {
          const apiClient = apiClientOf(request)
          const query = request.query
          if (query['derived-from'] !== undefined && resourceType !== 'Observation') {
            throw new FhirRequestError(400, [
              { code: 'not-supported', expression: 'derived-from', diagnostics: 'derived-from searches Observation' },
            ])
          }
          const range = lastUpdatedRange(query._lastUpdated)
          if ('issue' in range) throw new FhirRequestError(400, [{ code: 'value', ...range.issue }])
          const found = await searchOutcomes(
            db,
            apiClient,
            resourceType,
            {
              ...(query.patient !== undefined ? { patient: query.patient } : {}),
              ...(query['based-on'] !== undefined ? { basedOn: query['based-on'] } : {}),
              ...(query.questionnaire !== undefined ? { questionnaire: query.questionnaire } : {}),
              ...(query['derived-from'] !== undefined ? { derivedFrom: query['derived-from'] } : {}),
              ...range,
              count: query._count,
              offset: query._offset,
            },
            auditActorForClient(request, apiClient),
          )
          const linkQuery: Record<string, string> = {}
          for (const [key, value] of Object.entries(query))
            if (key !== '_count' && key !== '_offset' && value !== undefined)
              linkQuery[key] = Array.isArray(value) ? value.join(',') : String(value)
          return sendFhir(
            reply,
            200,
            toSearchset(baseUrl, `/fhir/${resourceType}`, linkQuery, found.resources, found.total, {
              count: query._count,
              offset: query._offset,
            }),
          )
        },
      )
    }
  })
}

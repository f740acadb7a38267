// SPDX-License-Identifier: AGPL-3.0-or-later
// The /fhir scope every FHIR route is registered in: zod compilers, the application/fhir+json parser and one error
// handler that answers every refusal as an OperationOutcome. Referrals' routes use it here; other modules (outcomes)
// reach it through the referrals index, so the whole API answers errors one way.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod'
import { operationOutcome } from '../../../../platform/http/operation-outcome.ts'
import { ApiClientsError } from '../../../api-clients/index.ts'
import type { Json } from '../fhir-json.ts'
import { FhirRequestError } from '../fhir-errors.ts'

export const FHIR_JSON = 'application/fhir+json; charset=utf-8'

export function sendFhir(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply.code(status).type(FHIR_JSON).send(body)
}

function additionalPropertyOf(params: unknown): string {
  const value = (params as { additionalProperty?: unknown } | undefined)?.additionalProperty
  return typeof value === 'string' ? value : ''
}

const declaredResources: Json[] = []

/**
 * Adds a resource's CapabilityStatement entry (`rest.resource[]`) to /fhir/metadata; called by a module that
 * serves that resource when it registers its routes.
 */
export function declareFhirResource(resource: Json): void {
  if (!declaredResources.some((r) => r.type === resource.type)) declaredResources.push(resource)
}

export function declaredFhirResources(): readonly Json[] {
  return declaredResources
}

/** Registers `routes` in an encapsulated scope that speaks FHIR JSON and answers every error as an OperationOutcome. */
export async function registerFhirScope(
  app: FastifyInstance,
  routes: (scoped: FastifyInstance) => Promise<void> | void,
): Promise<void> {
  await app.register(async (scoped) => {
    scoped.setValidatorCompiler(validatorCompiler)
    scoped.setSerializerCompiler(serializerCompiler)
    scoped.addContentTypeParser(
      'application/fhir+json',
      { parseAs: 'string', bodyLimit: 1024 * 1024 },
      scoped.getDefaultJsonParser('error', 'error'),
    )
    scoped.setErrorHandler(
      async (error: FastifyError | FhirRequestError, request: FastifyRequest, reply: FastifyReply) => {
        if (error instanceof FhirRequestError) {
          request.log.info({ statusCode: error.statusCode, issues: error.issues.length }, 'FHIR request refused')
          return sendFhir(
            reply,
            error.statusCode,
            operationOutcome(
              error.issues.map((issue) => ({
                code: issue.code,
                diagnostics: issue.diagnostics,
                expression: [issue.expression],
              })),
            ),
          )
        }
        const validation = error.validation
        if (validation) {
          return sendFhir(
            reply,
            400,
            operationOutcome(
              validation.map((v) => ({
                code: 'value',
                diagnostics: v.message ?? 'invalid',
                expression: [
                  v.instancePath.replace(/^\//, '').replaceAll('/', '.') ||
                    additionalPropertyOf(v.params) ||
                    (error.validationContext ?? ''),
                ],
              })),
            ),
          )
        }
        if (error instanceof ApiClientsError) {
          return sendFhir(reply, 401, operationOutcome([{ code: 'login', diagnostics: error.message }]))
        }
        if (error.statusCode === 429) {
          return sendFhir(
            reply,
            429,
            operationOutcome([
              {
                code: 'throttled',
                diagnostics: 'Too many requests for this API key; slow down and retry after a minute',
              },
            ]),
          )
        }
        if (error.statusCode === 415) {
          return sendFhir(
            reply,
            415,
            operationOutcome([
              {
                code: 'not-supported',
                diagnostics: 'Send JSON: Content-Type application/fhir+json or application/json',
              },
            ]),
          )
        }
        if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
          return sendFhir(
            reply,
            400,
            operationOutcome([{ code: 'structure', diagnostics: 'The body is not valid JSON' }]),
          )
        }
        throw error
      },
    )
    await routes(scoped)
  })
}

/**
 * `_lastUpdated=gt2026-01-01` (repeatable: gt/ge/lt/le then an ISO date or date-time) as a range, `after`
 * exclusive and `before` inclusive; an unreadable value is an issue to send back, never ignored.
 */
export function lastUpdatedRange(
  values: string | readonly string[] | undefined,
): { lastUpdatedAfter?: Date; lastUpdatedBefore?: Date } | { issue: { expression: string; diagnostics: string } } {
  const range: { lastUpdatedAfter?: Date; lastUpdatedBefore?: Date } = {}
  for (const value of values === undefined ? [] : typeof values === 'string' ? [values] : values) {
    const match =
      /^(gt|ge|lt|le)(\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2}))?)$/.exec(value)
    const when = match ? new Date(match[2]!) : undefined
    if (!match || !when || Number.isNaN(when.getTime())) {
      return {
        issue: {
          expression: '_lastUpdated',
          diagnostics: 'Use _lastUpdated=gt2026-01-01 (prefix gt, ge, lt or le, then an ISO date or date-time)',
        },
      }
    }
    // Times are stored to the microsecond; ge/le on a millisecond-precision instant are gt/lt of its neighbour.
    if (match[1] === 'gt') range.lastUpdatedAfter = when
    else if (match[1] === 'ge') range.lastUpdatedAfter = new Date(when.getTime() - 1)
    else if (match[1] === 'le') range.lastUpdatedBefore = when
    else range.lastUpdatedBefore = new Date(when.getTime() - 1)
  }
  return range
}

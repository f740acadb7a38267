// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify'
import { z } from 'zod'
import { UUID_PATTERN } from '../../shared/uuid.ts'
import { NotFoundError } from './errors.ts'

const uuid = z.string().regex(UUID_PATTERN)
/** Random link tokens and signatures: base64url, hex or UUID text. */
const token = z.string().regex(/^[A-Za-z0-9_-]{1,200}$/)

/**
 * Every path parameter any route uses, by name, with its shape. A route whose path names a parameter missing
 * here stops the app starting, so a new route cannot skip the check. A request whose parameter does not fit
 * is the 404 page (or the API's 404), before the handler runs: a malformed id never reaches a query.
 */
export const ROUTE_PARAMS: Record<string, z.ZodType<string>> = {
  id: uuid,
  areaId: uuid,
  bookingId: uuid,
  connectionId: uuid,
  coverId: uuid,
  escalationId: uuid,
  flagId: uuid,
  importId: uuid,
  /** An outcome questionnaire, named by its key in modules/outcomes/instruments. */
  instrument: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/),
  mergeId: uuid,
  organisationId: uuid,
  otherId: uuid,
  personId: uuid,
  referralId: uuid,
  serviceId: uuid,
  userId: uuid,
  version: z.string().regex(/^[1-9][0-9]{0,8}$/),
  /** A page of a question-per-page journey, named by its slug. */
  step: z.string().regex(/^[a-z][a-z-]{1,39}$/),
  token,
  signature: token,
}

export class UndeclaredRouteParamError extends Error {
  constructor(readonly routes: string[]) {
    super(`These route parameters have no shape in ROUTE_PARAMS (platform/http/route-params.ts): ${routes.join(', ')}`)
    this.name = 'UndeclaredRouteParamError'
  }
}

function paramNames(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1]!)
}

/**
 * Checks each route's path parameters against ROUTE_PARAMS before its handler (after the access check).
 * Routes that declare their own `schema.params` (the FHIR API, with its own error format) keep theirs.
 * Register before any route.
 */
export function checkRouteParams(app: FastifyInstance): void {
  const undeclared: string[] = []
  app.addHook('onRoute', (route: RouteOptions) => {
    if (route.schema?.params) return
    const names = paramNames(route.url)
    if (names.length === 0) return
    const missing = names.filter((name) => !(name in ROUTE_PARAMS))
    if (missing.length > 0) {
      undeclared.push(...missing.map((name) => `${route.url} :${name}`))
      return
    }
    const schema = z.object(Object.fromEntries(names.map((name) => [name, ROUTE_PARAMS[name]!])))
    const check = async (request: FastifyRequest): Promise<void> => {
      if (!schema.safeParse(request.params).success) throw new NotFoundError('page')
    }
    route.preHandler = [check, ...(route.preHandler === undefined ? [] : [route.preHandler].flat())]
  })
  app.addHook('onReady', async () => {
    if (undeclared.length > 0) throw new UndeclaredRouteParamError([...new Set(undeclared)])
  })
}

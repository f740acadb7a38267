// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify'
import { ForbiddenError, UnauthenticatedError } from '../http/errors.ts'
import type { Role } from './roles.ts'

/**
 * Who may call a route. Every route must declare one; the app refuses to start otherwise.
 * - `public`: anyone, signed in or not.
 * - `signed-in`: any signed-in person, before or after choosing an organisation.
 * - `api-client`: a machine client authenticated by its own credentials (checked by the route).
 * - `{ roles }`: a signed-in person holding at least one of the roles in their active organisation.
 */
export type RouteAccess = 'public' | 'signed-in' | 'api-client' | { readonly roles: readonly Role[] }

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess
    /** Set to false only on routes that do not use cookie authentication (machine APIs). */
    csrf?: boolean
  }
}

export class MissingAccessDeclarationError extends Error {
  constructor(readonly routes: string[]) {
    super(`These routes do not declare who may call them (config.access): ${routes.join(', ')}`)
    this.name = 'MissingAccessDeclarationError'
  }
}

export interface RouteAccessEntry {
  method: string
  url: string
  access: string
}

/** Describes an access declaration in one line, for the route table snapshot. */
export function describeAccess(access: RouteAccess): string {
  if (typeof access === 'string') return access
  return `roles: ${[...access.roles].sort().join(', ')}`
}

/**
 * Registers the hooks that enforce access declarations (and CSRF on unsafe methods). Must be registered
 * before any route.
 * Returns the table of every route and its access, filled as routes are added.
 */
export function enforceRouteAccess(
  app: FastifyInstance,
  csrfCheck: (request: FastifyRequest, reply: FastifyReply) => Promise<void>,
): RouteAccessEntry[] {
  const table: RouteAccessEntry[] = []
  const undeclared: string[] = []
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    const access = route.config?.access
    for (const method of methods) {
      if (method === 'HEAD') continue
      if (!access) undeclared.push(`${method} ${route.url}`)
      else table.push({ method, url: route.url, access: describeAccess(access) })
    }
    if (!access) return
    const check = async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => assertAccess(request, access)
    // Cookie-authenticated state changes need a CSRF token; the check runs after the access check so a
    // signed-out visitor is sent to sign in rather than shown a token error.
    const unsafe = methods.some((method) => !['GET', 'HEAD', 'OPTIONS'].includes(method))
    const needsCsrf = unsafe && route.config?.csrf !== false && access !== 'api-client'
    route.preHandler = [check, ...(needsCsrf ? [csrfCheck] : []), ...toArray(route.preHandler)]
  })
  app.addHook('onReady', async () => {
    if (undeclared.length > 0) throw new MissingAccessDeclarationError(undeclared)
  })
  return table
}

function toArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return []
  return Array.isArray(value) ? value : [value]
}

function assertAccess(request: FastifyRequest, access: RouteAccess): void {
  if (access === 'public' || access === 'api-client') return
  const actor = request.actor
  if (!actor) throw new UnauthenticatedError()
  if (access === 'signed-in') return
  if (!actor.organisation) throw new UnauthenticatedError('ORGANISATION_NOT_CHOSEN')
  if (!access.roles.some((role) => actor.roles.includes(role))) {
    throw new ForbiddenError(`Requires one of: ${access.roles.join(', ')}`)
  }
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify'
import type { AuditEvent } from '../../platform/audit/audit.service.ts'
import { recordAuditEvent } from '../../platform/audit/audit.service.ts'
import type { Database } from '../../platform/db/database.ts'
import { createOrgScope, type OrgScope } from '../../platform/db/org-scope.ts'
import { ApiClientsError } from './api-clients.errors.ts'
import { auditActorForClient, authenticateApiKey } from './api-clients.service.ts'
import type { AuthenticatedApiClient } from './api-clients.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** The machine client authenticated by its API key, on `api-client` routes. */
    apiClient: AuthenticatedApiClient | null
  }
}

export interface ApiClientRouteOptions {
  db: Database
  /** Requests per minute per key. */
  rateLimit: number
}

/** Decorates requests with `apiClient`; call once before registering `api-client` routes. */
export function registerApiClientContext(app: FastifyInstance): void {
  if (!app.hasRequestDecorator('apiClient')) app.decorateRequest('apiClient', null)
}

/**
 * Route options for a machine route: the access declaration, no CSRF (no cookies are used), a per-key rate
 * limit, and a preHandler that resolves the bearer key to its organisation or refuses with a 401.
 */
export function apiClientRoute(options: ApiClientRouteOptions): RouteShorthandOptions {
  return {
    config: {
      access: 'api-client',
      csrf: false,
      rateLimit: {
        max: options.rateLimit,
        timeWindow: '1 minute',
        // Keyed on the credential (hashed, so keys never sit in memory as plain text), falling back to the address.
        keyGenerator: (request: FastifyRequest) => {
          const header = request.headers.authorization
          return header
            ? `api-key:${createHash('sha256').update(header).digest('hex').slice(0, 32)}`
            : `api-ip:${request.ip}`
        },
      },
    },
    preHandler: async (request: FastifyRequest, reply: FastifyReply) => {
      try {
        request.apiClient = await authenticateApiKey(options.db, request.headers.authorization)
      } catch (error) {
        if (error instanceof ApiClientsError) void reply.header('www-authenticate', 'Bearer realm="waymark"')
        throw error
      }
    },
  }
}

/** The authenticated client of this request; throws if the route forgot `apiClientRoute`. */
export function apiClientOf(request: FastifyRequest): AuthenticatedApiClient {
  const client = request.apiClient
  if (!client) throw new ApiClientsError('API_CLIENTS_UNAUTHENTICATED')
  return client
}

/** The client's organisation as a tenant scope: machine requests are scoped exactly as people's are. */
export function orgScopeForClient(db: Database, client: AuthenticatedApiClient): OrgScope {
  return createOrgScope(db, client.organisationId, client.areaId)
}

/** Audits a read (or a refusal) made by the request's client, in a transaction of its own. */
export async function auditClientEvent(db: Database, request: FastifyRequest, event: AuditEvent): Promise<void> {
  await recordAuditEvent(db, auditActorForClient(request, apiClientOf(request)), event)
}

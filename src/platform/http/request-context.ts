// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Actor, ActorResolver } from '../auth/actor.ts'
import { recordAuditEvent, type AuditActor, type AuditEvent } from '../audit/audit.service.ts'
import type { Database } from '../db/database.ts'
import { createOrgScope, createReferrerScope, type OrgScope, type ReferrerScope } from '../db/org-scope.ts'
import { UnauthenticatedError } from './errors.ts'

export const SESSION_COOKIE = 'waymark_session'

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null
    /** The audit identity of this request: who, in which organisation and role, from where. */
    auditActor(): AuditActor
    /** Records an audit event for this request in its own transaction (use `appendAuditEvent` inside one). */
    audit(event: AuditEvent): Promise<void>
    /** The database scoped to the signed-in person's active organisation. Throws when there is none. */
    orgScope(): OrgScope
    /** The database bound to the signed-in person's organisation as a referrer ("made by" reads). */
    referrerScope(): ReferrerScope
  }
  interface FastifyInstance {
    db: Database
  }
}

/** Loads the actor from the session cookie on every request and decorates the request with context helpers. */
export function registerRequestContext(app: FastifyInstance, db: Database, resolveActor: ActorResolver): void {
  app.decorate('db', db)
  app.decorateRequest('actor', null)
  app.decorateRequest('auditActor', function auditActor(this: FastifyRequest): AuditActor {
    const actor = this.actor
    return {
      userId: actor?.userId ?? null,
      organisationId: actor?.organisation?.id ?? null,
      role: actor && actor.roles.length > 0 ? [...actor.roles].sort().join(',') : null,
      ipAddress: this.ip,
      correlationId: this.id,
    }
  })
  app.decorateRequest('audit', async function audit(this: FastifyRequest, event: AuditEvent): Promise<void> {
    await recordAuditEvent(db, this.auditActor(), event)
  })
  app.decorateRequest('orgScope', function orgScope(this: FastifyRequest): OrgScope {
    const organisation = this.actor?.organisation
    if (!organisation) throw new UnauthenticatedError('ORGANISATION_NOT_CHOSEN')
    return createOrgScope(db, organisation.id, organisation.areaId)
  })

  app.decorateRequest('referrerScope', function referrerScope(this: FastifyRequest): ReferrerScope {
    const organisation = this.actor?.organisation
    if (!organisation) throw new UnauthenticatedError('ORGANISATION_NOT_CHOSEN')
    return createReferrerScope(db, organisation.id)
  })

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE]
    if (!token || token.length > 200) return
    request.actor = await resolveActor(token)
  })
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-correlation-id', request.id)
  })
}

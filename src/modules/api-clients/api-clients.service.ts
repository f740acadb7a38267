// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyRequest } from 'fastify'
import { appendAuditEvent, type AuditActor } from '../../platform/audit/audit.service.ts'
import type { Database } from '../../platform/db/database.ts'
import { inTransaction, scopeForSystemTask, type OrgScope } from '../../platform/db/org-scope.ts'
import { ApiClientsError } from './api-clients.errors.ts'
import * as repo from './api-clients.repository.ts'
import {
  bearerKeyFrom,
  generateApiKey,
  hashApiKey,
  MAX_CLIENT_NAME_LENGTH,
  type ApiClient,
  type AuthenticatedApiClient,
} from './api-clients.ts'

export interface ApiKeyCreated {
  client: ApiClient
  /** The only time the key is available: it is stored hashed. */
  key: string
}

/** Issues a new key for the scope's organisation and audits it. */
export async function createApiKey(
  scope: OrgScope,
  input: { name: string; createdBy: string | null; submissionKey?: string },
  origin: AuditActor,
): Promise<ApiKeyCreated> {
  const name = input.name.trim()
  if (name.length === 0 || name.length > MAX_CLIENT_NAME_LENGTH) throw new ApiClientsError('API_CLIENTS_INVALID_NAME')
  const { key, prefix, hash } = generateApiKey()
  const client = await scope.db.transaction(async (tx) => {
    const created = await repo.insertApiClient(inTransaction(scope, tx), {
      name,
      keyPrefix: prefix,
      keyHash: hash,
      createdBy: input.createdBy,
      submissionKey: input.submissionKey ?? null,
    })
    if (!created) throw new ApiClientsError('API_CLIENTS_ALREADY_CREATED')
    await appendAuditEvent(tx, origin, {
      action: 'create-api-key',
      recordType: 'api-client',
      recordId: created.id,
      details: { keyPrefix: prefix },
    })
    return created
  })
  return { client, key }
}

export async function revokeApiKey(
  scope: OrgScope,
  id: string,
  revokedBy: string | null,
  origin: AuditActor,
): Promise<void> {
  await scope.db.transaction(async (tx) => {
    const revoked = await repo.revokeApiClient(inTransaction(scope, tx), id, revokedBy)
    if (!revoked) throw new ApiClientsError('API_CLIENTS_NOT_FOUND')
    await appendAuditEvent(tx, origin, { action: 'revoke-api-key', recordType: 'api-client', recordId: id })
  })
}

export async function listApiKeys(
  scope: OrgScope,
  page: { limit: number; offset: number },
): Promise<{ rows: ApiClient[]; total: number }> {
  return repo.listApiClients(scope, page)
}

export async function findApiKeyOrThrow(scope: OrgScope, id: string): Promise<ApiClient> {
  const client = await repo.findApiClient(scope, id)
  if (!client) throw new ApiClientsError('API_CLIENTS_NOT_FOUND')
  return client
}

/**
 * For the operator CLI: issues a key for an organisation named by id or ODS code.
 * Audited on the organisation's chain with no person as the actor.
 */
export async function createApiKeyForOrganisation(
  db: Database,
  input: { organisation: string; name: string },
): Promise<ApiKeyCreated & { organisationName: string }> {
  const organisation = await repo.findOrganisationForKeyIssue(db, input.organisation.trim())
  if (!organisation) throw new ApiClientsError('API_CLIENTS_ORGANISATION_NOT_FOUND')
  const scope = scopeForSystemTask(db, organisation, 'an operator issuing an API key from the command line')
  const created = await createApiKey(
    scope,
    { name: input.name, createdBy: null },
    { userId: null, organisationId: organisation.id, role: 'operator-cli', ipAddress: null, correlationId: null },
  )
  return { ...created, organisationName: organisation.name }
}

/** Resolves an `Authorization` header to a live client, or throws a 401 the FHIR routes turn into an OperationOutcome. */
export async function authenticateApiKey(db: Database, header: string | undefined): Promise<AuthenticatedApiClient> {
  const key = bearerKeyFrom(header)
  if (!key) throw new ApiClientsError('API_CLIENTS_UNAUTHENTICATED')
  const found = await repo.findLiveClientByKeyHash(db, hashApiKey(key))
  if (!found) throw new ApiClientsError('API_CLIENTS_UNAUTHENTICATED')
  if (!found.lastUsedAt || found.lastUsedAt.getTime() < Date.now() - 60_000) await repo.touchApiClient(db, found)
  return {
    id: found.id,
    name: found.name,
    organisationId: found.organisationId,
    organisationName: found.organisationName,
    organisationType: found.organisationType,
    organisationOdsCode: found.organisationOdsCode,
    areaId: found.areaId,
  }
}

/** The audit identity of a machine request: no person, the client's organisation, the client named in the role. */
export function auditActorForClient(request: FastifyRequest, client: AuthenticatedApiClient): AuditActor {
  return {
    userId: null,
    organisationId: client.organisationId,
    role: `api-client:${client.id}`,
    ipAddress: request.ip,
    correlationId: request.id,
  }
}

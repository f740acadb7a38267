// SPDX-License-Identifier: AGPL-3.0-or-later
import { and, count, desc, eq, isNull, lt, or, sql } from 'drizzle-orm'
import type { Queryable } from '../../platform/db/database.ts'
import type { AnyScope } from '../../platform/db/org-scope.ts'
import { organisations } from '../identity/index.ts'
import { apiClients } from './api-clients.table.ts'
import type { ApiClient, AuthenticatedApiClient } from './api-clients.ts'
import { isUuid } from '../../shared/uuid.ts'
import { inTenant } from '../../platform/db/tenant.ts'

const clientColumns = {
  id: apiClients.id,
  organisationId: apiClients.organisationId,
  name: apiClients.name,
  keyPrefix: apiClients.keyPrefix,
  createdAt: apiClients.createdAt,
  lastUsedAt: apiClients.lastUsedAt,
  revokedAt: apiClients.revokedAt,
}

export async function insertApiClient(
  scope: AnyScope,
  values: { name: string; keyPrefix: string; keyHash: string; createdBy: string | null; submissionKey: string | null },
): Promise<ApiClient | undefined> {
  const [row] = await scope.db
    .insert(apiClients)
    .values({ ...values, organisationId: scope.organisationId })
    .onConflictDoNothing()
    .returning(clientColumns)
  return row
}

export async function listApiClients(
  scope: AnyScope,
  page: { limit: number; offset: number },
): Promise<{ rows: ApiClient[]; total: number }> {
  const where = inTenant(scope, apiClients)
  const rows = await scope.db
    .select(clientColumns)
    .from(apiClients)
    .where(where)
    .orderBy(sql`${apiClients.revokedAt} is not null`, desc(apiClients.createdAt))
    .limit(page.limit)
    .offset(page.offset)
  const [total] = await scope.db.select({ n: count() }).from(apiClients).where(where)
  return { rows, total: total?.n ?? 0 }
}

export async function findApiClient(scope: AnyScope, id: string): Promise<ApiClient | undefined> {
  const [row] = await scope.db
    .select(clientColumns)
    .from(apiClients)
    .where(inTenant(scope, apiClients, eq(apiClients.id, id)))
    .limit(1)
  return row
}

export async function revokeApiClient(scope: AnyScope, id: string, revokedBy: string | null): Promise<boolean> {
  const rows = await scope.db
    .update(apiClients)
    .set({ revokedAt: new Date(), revokedBy })
    .where(inTenant(scope, apiClients, eq(apiClients.id, id), isNull(apiClients.revokedAt)))
    .returning({ id: apiClients.id })
  return rows.length > 0
}

/**
 * Finds the live client holding a key hash. Not tenant-scoped by design: this is how a request learns its
 * organisation. The key hash is unique across all organisations.
 */
export async function findLiveClientByKeyHash(
  db: Queryable,
  keyHash: string,
): Promise<(AuthenticatedApiClient & { lastUsedAt: Date | null }) | undefined> {
  const [row] = await db
    .select({
      id: apiClients.id,
      name: apiClients.name,
      organisationId: apiClients.organisationId,
      organisationName: organisations.name,
      organisationType: organisations.type,
      organisationOdsCode: organisations.odsCode,
      areaId: organisations.areaId,
      lastUsedAt: apiClients.lastUsedAt,
    })
    .from(apiClients)
    .innerJoin(organisations, eq(organisations.id, apiClients.organisationId))
    .where(and(eq(apiClients.keyHash, keyHash), isNull(apiClients.revokedAt)))
    .limit(1)
  return row
}

/** Records use at most once a minute per key, so a busy client does not write on every request. */
export async function touchApiClient(db: Queryable, client: { organisationId: string; id: string }): Promise<void> {
  const now = new Date()
  await db
    .update(apiClients)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiClients.organisationId, client.organisationId),
        eq(apiClients.id, client.id),
        or(isNull(apiClients.lastUsedAt), lt(apiClients.lastUsedAt, new Date(now.getTime() - 60_000))),
      ),
    )
}

export async function findOrganisationForKeyIssue(
  db: Queryable,
  reference: string,
): Promise<{ id: string; areaId: string; name: string } | undefined> {
  const [row] = await db
    .select({ id: organisations.id, areaId: organisations.areaId, name: organisations.name })
    .from(organisations)
    .where(isUuid(reference) ? eq(organisations.id, reference) : eq(organisations.odsCode, reference.toUpperCase()))
    .limit(1)
  return row
}

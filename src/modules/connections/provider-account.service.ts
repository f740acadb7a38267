// SPDX-License-Identifier: AGPL-3.0-or-later
// A community provider with Waymark accounts (issue 11): every connection sent to the services a directory editor
// linked to it, from any social prescribing service in the area, in one list, answered there instead of by link.
// Each shows only what its person agreed to share, re-read now; reads and answers are audited on the chain of the
// service the connection belongs to, as the provider's user.
import { appendAuditEvent, type AuditActor } from '../../platform/audit/audit.service.ts'
import type { Database } from '../../platform/db/database.ts'
import { createOrgScope, type OrgScope } from '../../platform/db/org-scope.ts'
import type { ChangeActor } from '../casework/index.ts'
import { isServiceRunByProvider, listServicesRunByProvider } from '../directory/index.ts'
import type { Connection, ProviderAnswer } from './connection.ts'
import { ConnectionsError } from './connections.errors.ts'
import * as repo from './connections.repository.ts'
import { answerConnection, peopleWhoAgreedToShare } from './group-links.service.ts'

export const PROVIDER_PAGE_SIZE = 25

/** The provider's own organisation and area, and the user acting for it. */
export interface ProviderAccount {
  organisationId: string
  areaId: string
  audit: AuditActor
  userId: string
  name: string
}

export interface ProviderListItem {
  organisationId: string
  connection: Connection
  /** False once the person has withdrawn their consent: the row then shows no name. */
  mayShow: boolean
}

/** One page of what was sent to the provider's services, newest first, and the services it covers. */
export async function listForProvider(
  db: Database,
  provider: ProviderAccount,
  page: number,
): Promise<{ services: { id: string; name: string }[]; items: ProviderListItem[]; total: number }> {
  const services = await listServicesRunByProvider({ db, areaId: provider.areaId }, provider.organisationId)
  const { items, total } = await repo.listSentToServices(
    db,
    services.map((s) => s.id),
    { limit: PROVIDER_PAGE_SIZE, offset: (page - 1) * PROVIDER_PAGE_SIZE },
  )
  // Consent is re-read per service that sent people (one query each, however many people).
  const byOrganisation = new Map<string, string[]>()
  for (const item of items)
    byOrganisation.set(item.organisationId, [
      ...(byOrganisation.get(item.organisationId) ?? []),
      item.connection.personId,
    ])
  const agreed = new Set<string>()
  await Promise.all(
    [...byOrganisation].map(async ([organisationId, personIds]) => {
      const scope = await scopeOf(db, organisationId)
      if (!scope) return
      for (const id of await peopleWhoAgreedToShare(scope, personIds)) agreed.add(`${organisationId}:${id}`)
    }),
  )
  await db.transaction(async (tx) => {
    for (const organisationId of byOrganisation.keys())
      await appendAuditEvent(
        tx,
        { ...provider.audit, organisationId },
        { action: 'list', recordType: 'connection', recordId: null, details: { through: 'provider account' } },
      )
  })
  return {
    services,
    items: items.map((item) => ({
      ...item,
      mayShow: agreed.has(`${item.organisationId}:${item.connection.personId}`),
    })),
    total,
  }
}

async function scopeOf(db: Database, organisationId: string): Promise<OrgScope | undefined> {
  const organisation = await repo.findOrganisation(db, organisationId)
  return organisation ? createOrgScope(db, organisationId, organisation.areaId) : undefined
}

/**
 * Opens one connection for the provider: only one sent to a service it runs, never a self-contact, and (with
 * nothing shown) refused once the person has withdrawn consent. Audited as a read on the sending service's chain.
 */
export async function openForProvider(
  db: Database,
  provider: ProviderAccount,
  organisationId: string,
  connectionId: string,
): Promise<{ scope: OrgScope; connection: Connection }> {
  const scope = await scopeOf(db, organisationId)
  const connection = scope ? await repo.findById(scope, connectionId) : undefined
  if (!scope || !connection || connection.sharing === 'self-contact')
    throw new ConnectionsError('CONNECTIONS_NOT_FOUND')
  const area = { db, areaId: provider.areaId }
  if (!(await isServiceRunByProvider(area, connection.directoryServiceId, provider.organisationId)))
    throw new ConnectionsError('CONNECTIONS_NOT_FOUND')
  if (!(await peopleWhoAgreedToShare(scope, [connection.personId])).has(connection.personId))
    throw new ConnectionsError('CONNECTIONS_CONSENT_WITHDRAWN')
  await db.transaction((tx) =>
    appendAuditEvent(
      tx,
      { ...provider.audit, organisationId },
      { action: 'view', recordType: 'connection', recordId: connection.id, details: { through: 'provider account' } },
    ),
  )
  return { scope, connection }
}

/** The provider answers from its account, as it would from the link (a second answer is refused). */
export async function answerForProvider(
  db: Database,
  provider: ProviderAccount,
  organisationId: string,
  connectionId: string,
  rowVersion: number,
  answer: { status: ProviderAnswer; reason: string | null; note: string },
  now = new Date(),
): Promise<Connection> {
  const { scope, connection } = await openForProvider(db, provider, organisationId, connectionId)
  if (connection.rowVersion !== rowVersion) throw new ConnectionsError('CONNECTIONS_CHANGED_BY_SOMEONE_ELSE')
  const actor: ChangeActor = {
    audit: { ...provider.audit, organisationId },
    userId: provider.userId,
    name: `${provider.name} (${connection.serviceName})`,
  }
  return answerConnection(scope, connection, answer, actor, now)
}

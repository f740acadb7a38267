// SPDX-License-Identifier: AGPL-3.0-or-later
// A listing's versions (what changed, who approved it) and the provider links that let a group update it.
import { and, asc, desc, eq, sql } from 'drizzle-orm'
import type { Database, Tx } from '../../platform/db/database.ts'
import type { AreaScope } from '../../platform/db/org-scope.ts'
import { directoryProviderLinks, directoryServices, directoryServiceVersions } from './directory.table.ts'
import { inArea } from '../../platform/db/tenant.ts'

// ---------------------------------------------------------------------------------------------------------
// Versions

export async function insertVersion(
  scope: AreaScope<Tx>,
  version: {
    serviceId: string
    state: 'approved' | 'pending' | 'rejected'
    baseVersion: number
    snapshot: unknown
    source: 'staff' | 'provider' | 'import' | 'system'
    submittedByUserId?: string | null
    submittedByEmail?: string | null
    decidedByUserId?: string | null
    decidedAt?: Date | null
    decisionNote?: string | null
  },
): Promise<string> {
  const [row] = await scope.db
    .insert(directoryServiceVersions)
    .values({ areaId: scope.areaId, ...version })
    .returning({ id: directoryServiceVersions.id })
  return row!.id
}

export async function listVersions(scope: AreaScope, serviceId: string) {
  return scope.db
    .select()
    .from(directoryServiceVersions)
    .where(inArea(scope, directoryServiceVersions, eq(directoryServiceVersions.serviceId, serviceId)))
    .orderBy(desc(directoryServiceVersions.createdAt))
    .limit(200)
}

export async function findVersion(scope: AreaScope, versionId: string) {
  const [row] = await scope.db
    .select()
    .from(directoryServiceVersions)
    .where(inArea(scope, directoryServiceVersions, eq(directoryServiceVersions.id, versionId)))
    .limit(1)
  return row ?? null
}

export async function findLatestApprovedVersion(scope: AreaScope, serviceId: string) {
  const [row] = await scope.db
    .select()
    .from(directoryServiceVersions)
    .where(
      inArea(
        scope,
        directoryServiceVersions,
        eq(directoryServiceVersions.serviceId, serviceId),
        eq(directoryServiceVersions.state, 'approved'),
      ),
    )
    .orderBy(desc(directoryServiceVersions.createdAt))
    .limit(1)
  return row ?? null
}

export async function decideVersion(
  scope: AreaScope<Tx>,
  versionId: string,
  decision: { state: 'approved' | 'rejected'; userId: string; note: string | null },
): Promise<boolean> {
  const rows = await scope.db
    .update(directoryServiceVersions)
    .set({
      state: decision.state,
      decidedByUserId: decision.userId,
      decidedAt: new Date(),
      decisionNote: decision.note,
    })
    .where(
      inArea(
        scope,
        directoryServiceVersions,
        eq(directoryServiceVersions.id, versionId),
        eq(directoryServiceVersions.state, 'pending'),
      ),
    )
    .returning({ id: directoryServiceVersions.id })
  return rows.length === 1
}

export async function listPendingVersions(scope: AreaScope) {
  return scope.db
    .select({
      id: directoryServiceVersions.id,
      serviceId: directoryServiceVersions.serviceId,
      createdAt: directoryServiceVersions.createdAt,
      submittedByEmail: directoryServiceVersions.submittedByEmail,
      serviceName: directoryServices.name,
    })
    .from(directoryServiceVersions)
    .innerJoin(
      directoryServices,
      and(
        eq(directoryServices.areaId, directoryServiceVersions.areaId),
        eq(directoryServices.id, directoryServiceVersions.serviceId),
      ),
    )
    .where(inArea(scope, directoryServiceVersions, eq(directoryServiceVersions.state, 'pending')))
    .orderBy(asc(directoryServiceVersions.createdAt))
    .limit(200)
}

// ---------------------------------------------------------------------------------------------------------
// Provider links

export async function insertProviderLink(
  scope: AreaScope<Tx>,
  link: { serviceId: string; tokenHash: string; sentTo: string; reason: string; expiresAt: Date },
): Promise<void> {
  await scope.db.insert(directoryProviderLinks).values({ areaId: scope.areaId, ...link })
}

/** Finds a link by its token hash alone: the token is the credential, and it tells us the area. */
export async function findProviderLinkByTokenHash(db: Database, tokenHash: string) {
  const [row] = await db
    .select()
    .from(directoryProviderLinks)
    .where(eq(directoryProviderLinks.tokenHash, tokenHash))
    .limit(1)
  return row ?? null
}

export async function markProviderLinkUsed(scope: AreaScope<Tx>, linkId: string): Promise<void> {
  await scope.db
    .update(directoryProviderLinks)
    .set({ usedAt: new Date() })
    .where(inArea(scope, directoryProviderLinks, eq(directoryProviderLinks.id, linkId)))
}

/** Listings due a check whose contact has an email address and who were not sent a link recently. */
export async function listServicesDueReminder(
  db: Database,
  assuredBefore: string,
  notSentSince: Date,
  limit: number,
): Promise<{ areaId: string; serviceId: string; name: string; email: string }[]> {
  const result = await db.execute<{ areaId: string; serviceId: string; name: string; email: string }>(sql`
    select s.area_id as "areaId", s.id as "serviceId", s.name, c.email
    from directory_services s
    join lateral (
      select email from directory_contacts c
      where c.area_id = s.area_id and c.service_id = s.id and c.email is not null
      order by c.is_listing_contact desc limit 1
    ) c on true
    where s.status in ('active', 'temporarily closed')
      and (s.assured_date is null or s.assured_date < ${assuredBefore}::date)
      and not exists (
        select 1 from directory_provider_links p
        where p.area_id = s.area_id and p.service_id = s.id and p.created_at > ${notSentSince.toISOString()}::timestamptz
      )
    order by s.assured_date asc nulls first
    limit ${limit}`)
  return result.rows
}

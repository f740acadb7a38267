// SPDX-License-Identifier: AGPL-3.0-or-later
// The feed's vocabularies and areas: taxonomies are shared (no area, see directory.table.ts) and public by nature.
import { asc, eq, sql } from 'drizzle-orm'
import type { Queryable } from '../../../platform/db/database.ts'
import { directoryTaxonomies, directoryTaxonomyTerms } from '../directory.table.ts'
import type { PageQuery } from './oruk.query.ts'
import type { TaxonomyRow, TermRow } from './oruk-relations.repository.ts'
import { anyOf } from '../../../platform/db/tenant.ts'

export async function listTaxonomies(
  db: Queryable,
  paging: PageQuery,
): Promise<{ total: number; rows: TaxonomyRow[] }> {
  const rows = await db
    .select({ taxonomy: directoryTaxonomies, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(directoryTaxonomies)
    .orderBy(asc(directoryTaxonomies.name), asc(directoryTaxonomies.id))
    .limit(paging.perPage)
    .offset((paging.page - 1) * paging.perPage)
  const total =
    rows[0]?.total ??
    (await db.select({ count: sql<number>`count(*)`.mapWith(Number) }).from(directoryTaxonomies))[0]?.count ??
    0
  return { total, rows: rows.map((r) => r.taxonomy) }
}

export async function findTaxonomy(db: Queryable, id: string): Promise<TaxonomyRow | undefined> {
  const [row] = await db.select().from(directoryTaxonomies).where(eq(directoryTaxonomies.id, id)).limit(1)
  return row
}

export async function listTermsOfTaxonomy(db: Queryable, taxonomyId: string): Promise<TermRow[]> {
  return db
    .select()
    .from(directoryTaxonomyTerms)
    .where(eq(directoryTaxonomyTerms.taxonomyId, taxonomyId))
    .orderBy(asc(directoryTaxonomyTerms.name), asc(directoryTaxonomyTerms.id))
    .limit(10_000)
}

export async function listTaxonomyTerms(
  db: Queryable,
  paging: PageQuery,
  taxonomyId?: string,
): Promise<{ total: number; rows: TermRow[] }> {
  const where = taxonomyId ? eq(directoryTaxonomyTerms.taxonomyId, taxonomyId) : undefined
  const rows = await db
    .select({ term: directoryTaxonomyTerms, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(directoryTaxonomyTerms)
    .where(where)
    .orderBy(asc(directoryTaxonomyTerms.taxonomyId), asc(directoryTaxonomyTerms.name), asc(directoryTaxonomyTerms.id))
    .limit(paging.perPage)
    .offset((paging.page - 1) * paging.perPage)
  const total =
    rows[0]?.total ??
    (
      await db
        .select({ count: sql<number>`count(*)`.mapWith(Number) })
        .from(directoryTaxonomyTerms)
        .where(where)
    )[0]?.count ??
    0
  return { total, rows: rows.map((r) => r.term) }
}

export async function findTaxonomyTerm(db: Queryable, id: string): Promise<TermRow | undefined> {
  const [row] = await db.select().from(directoryTaxonomyTerms).where(eq(directoryTaxonomyTerms.id, id)).limit(1)
  return row
}

export async function findTaxonomiesByIds(db: Queryable, ids: readonly string[]): Promise<TaxonomyRow[]> {
  if (ids.length === 0) return []
  return db.select().from(directoryTaxonomies).where(anyOf(directoryTaxonomies.id, ids))
}

/** The area the open feed at `/oruk` publishes when none is configured: the first one created. */
export async function findDefaultAreaId(db: Queryable): Promise<string | undefined> {
  const rows = await db.execute<{ id: string }>(sql`select id from areas order by created_at, id limit 1`)
  return rows.rows[0]?.id
}

export async function areaExists(db: Queryable, areaId: string): Promise<boolean> {
  const rows = await db.execute(sql`select 1 from areas where id = ${areaId} limit 1`)
  return rows.rows.length > 0
}

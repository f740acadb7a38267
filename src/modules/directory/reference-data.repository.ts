// SPDX-License-Identifier: AGPL-3.0-or-later
// National reference data the directory reads: ONS postcodes and shared taxonomies. Neither belongs to an area
// or organisation, so these take a bare handle on purpose (see directory.table.ts).
import { eq, sql } from 'drizzle-orm'
import type { Database, Queryable } from '../../platform/db/database.ts'
import { directoryTaxonomies, directoryTaxonomyTerms, postcodes } from './directory.table.ts'

/** A postcode from the ONS Postcode Directory, where it is and how deprived its small area is. */
export interface PostcodeRow {
  postcode: string
  latitude: number
  longitude: number
  imdRank: number | null
  imdDecile: number | null
  localAuthorityCode: string | null
  countryCode: string | null
  terminatedOn: string | null
}

export async function upsertPostcodes(db: Database, rows: PostcodeRow[]): Promise<void> {
  if (rows.length === 0) return
  await db
    .insert(postcodes)
    .values(rows)
    .onConflictDoUpdate({
      target: postcodes.postcode,
      set: {
        latitude: sql`excluded.latitude`,
        longitude: sql`excluded.longitude`,
        imdRank: sql`excluded.imd_rank`,
        imdDecile: sql`excluded.imd_decile`,
        localAuthorityCode: sql`excluded.local_authority_code`,
        countryCode: sql`excluded.country_code`,
        terminatedOn: sql`excluded.terminated_on`,
      },
    })
}

export async function findPostcode(db: Database, postcode: string): Promise<PostcodeRow | undefined> {
  const [row] = await db.select().from(postcodes).where(eq(postcodes.postcode, postcode)).limit(1)
  return row
}

/** Adds a taxonomy, or updates its name, description and version. */
export async function upsertTaxonomy(db: Queryable, row: typeof directoryTaxonomies.$inferInsert): Promise<void> {
  await db
    .insert(directoryTaxonomies)
    .values(row)
    .onConflictDoUpdate({
      target: directoryTaxonomies.id,
      set: { name: row.name, description: row.description, version: row.version },
    })
}

/** Adds terms, or updates them in place, a thousand to a statement. */
export async function upsertTaxonomyTerms(
  db: Queryable,
  rows: (typeof directoryTaxonomyTerms.$inferInsert)[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insert(directoryTaxonomyTerms)
      .values(rows.slice(i, i + 1000))
      .onConflictDoUpdate({
        target: directoryTaxonomyTerms.id,
        set: {
          name: sql`excluded.name`,
          description: sql`excluded.description`,
          parentId: sql`excluded.parent_id`,
          termUri: sql`excluded.term_uri`,
          taxonomy: sql`excluded.taxonomy`,
        },
      })
  }
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Database, Queryable } from '../../platform/db/database.ts'
import { REFERENCE_TAXONOMIES, taxonomyIdFor, termIdFor, type TaxonomyDefinition } from './taxonomies.ts'
import { upsertTaxonomy, upsertTaxonomyTerms } from './reference-data.repository.ts'

// Taxonomies are shared vocabularies, not area data (see directory.table.ts), so these take a bare handle.

export interface TaxonomyToLoad {
  name: string
  description?: string
  uri: string
  version?: string
  terms: readonly {
    code: string
    name: string
    description?: string
    termUri?: string
    /** The code of the parent term in the same taxonomy. */
    parentCode?: string
  }[]
}

export interface LoadedTaxonomy {
  taxonomyId: string
  /** term code → term id */
  termIds: Map<string, string>
}

/**
 * Loads (or updates) a taxonomy and its terms. Ids are uuid v5 of the taxonomy URI and term code, so the
 * same vocabulary loaded twice, or on two installations, gets the same ids. Importers call this for
 * vocabularies a feed uses that we do not ship.
 */
export async function loadTaxonomy(db: Queryable, taxonomy: TaxonomyToLoad): Promise<LoadedTaxonomy> {
  const taxonomyId = taxonomyIdFor(taxonomy.uri)
  await upsertTaxonomy(db, {
    id: taxonomyId,
    name: taxonomy.name,
    description: taxonomy.description ?? '',
    uri: taxonomy.uri,
    version: taxonomy.version ?? null,
  })
  const termIds = new Map(taxonomy.terms.map((t) => [t.code, termIdFor(taxonomy.uri, t.code)]))
  if (taxonomy.terms.length > 0) {
    const rows = taxonomy.terms.map((t) => ({
      id: termIds.get(t.code)!,
      taxonomyId,
      code: t.code,
      name: t.name,
      description: t.description ?? '',
      parentId: t.parentCode ? (termIds.get(t.parentCode) ?? null) : null,
      taxonomy: taxonomy.name,
      language: 'en',
      termUri: t.termUri ?? null,
    }))
    await upsertTaxonomyTerms(db, rows)
  }
  return { taxonomyId, termIds }
}

function toLoad(definition: TaxonomyDefinition): TaxonomyToLoad {
  return {
    name: definition.name,
    description: definition.description,
    uri: definition.uri,
    version: definition.version,
    terms: definition.terms,
  }
}

/** Makes sure the vocabularies we ship exist (five ways, needs, esd subset, accessibility). Idempotent. */
export async function ensureReferenceTaxonomies(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    for (const taxonomy of REFERENCE_TAXONOMIES) await loadTaxonomy(tx, toLoad(taxonomy))
  })
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// ADR 0019: a query of a tenant table names its scope through `inTenant` / `inArea` (platform/db/tenant.ts), so
// the filter is written in one place. This refuses source that writes the scope's tenant filter by hand.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

const SRC = fileURLToPath(new URL('../../src', import.meta.url))
const HELPERS = path.join(SRC, 'platform/db/tenant.ts')
/** `eq(people.organisationId, scope.organisationId)`, `eq(t.areaId, txScope.areaId)`, `eq(t.areaId, areaId)`. */
const HAND_WRITTEN = /eq\(\s*[\w.]+\.(organisationId|areaId)\s*,\s*(\w*[sS]cope\.)?(organisationId|areaId)\s*\)/g

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sources(full)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : []
  })
}

export function handWrittenTenantFilters(text: string): string[] {
  return [...text.matchAll(HAND_WRITTEN)].map((match) => match[0])
}

describe('tenant filters', () => {
  it('recognises a hand-written filter, and not the helper or a join between two tenant tables', () => {
    assert.deepEqual(handWrittenTenantFilters('.where(and(eq(bookings.organisationId, scope.organisationId)))'), [
      'eq(bookings.organisationId, scope.organisationId)',
    ])
    assert.equal(handWrittenTenantFilters('eq(directoryServices.areaId, txScope.areaId)').length, 1)
    assert.equal(
      handWrittenTenantFilters('and(eq(directoryPhones.areaId, areaId), eq(directoryPhones.id, id))').length,
      1,
    )
    assert.equal(handWrittenTenantFilters('.where(inTenant(scope, bookings, eq(bookings.id, id)))').length, 0)
    assert.equal(handWrittenTenantFilters('eq(episodes.organisationId, referrals.organisationId)').length, 0)
  })

  it('finds none in the source: every scoped query goes through inTenant or inArea', () => {
    const found = sources(SRC)
      .filter((file) => file !== HELPERS)
      .flatMap((file) =>
        handWrittenTenantFilters(readFileSync(file, 'utf8')).map((hit) => `${path.relative(SRC, file)}: ${hit}`),
      )
    assert.deepEqual(found, [], 'use inTenant(scope, table, …) or inArea(scope, table, …) from platform/db/tenant.ts')
  })
})

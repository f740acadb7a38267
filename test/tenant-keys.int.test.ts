// SPDX-License-Identifier: AGPL-3.0-or-later
// ADR 0004: every table holding an organisation's (or an area's) records carries the tenant key first in its
// primary key and in every unique key, so no lookup by key can cross tenants and Citus can later distribute
// each tenant table by that key. This reads every table the migrations created and checks each one: a new
// table must either be keyed so, or be named below with the reason it holds no tenant's records.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { sql } from 'drizzle-orm'
import { useTestContext } from './helpers/test-app.ts'

/** The columns a tenant table may be keyed by: organisation, area (the directory), audit chain (= organisation). */
const TENANT_KEYS = ['organisation_id', 'area_id', 'chain_id']

const NOT_TENANT_TABLES: Record<string, string> = {
  areas: 'the tenancy root for the directory: directory tables are keyed by its id',
  organisations: 'the tenancy root: tenant tables are keyed by its id',
  users: 'one person who signs in may belong to several organisations; memberships carry the tenant key',
  sessions: 'found by the cookie’s id before the organisation is known; holds ids only',
  rate_limits: 'request counters per route and client address, found before any organisation is known',
  user_identities: 'a user’s account at an identity provider, found at sign-in before any organisation is chosen',
  self_referral_drafts:
    'a member of the public’s answers before they choose a service; found by the hash of their browser’s token',
  referrer_preferences: 'a referrer’s own settings, which follow the user across organisations',
  postcodes: 'public reference data shared by every tenant (ONS postcode directory)',
  concept_codes: 'public reference data shared by every tenant (SNOMED CT and other code systems)',
  directory_taxonomies: 'public reference data shared by every area (taxonomies a feed may use)',
  directory_taxonomy_terms: 'public reference data shared by every area (the terms of those taxonomies)',
}

/** Unique keys on tenant tables that must not carry the tenant key, each with the reason. */
const GLOBAL_UNIQUE_KEYS: Record<string, string> = {
  'api_clients(key_hash)': 'an API key is found by its hash before its organisation is known',
  'casework_diary_feeds(token_hash)': 'a diary address is found by its hash before its organisation is known',
  'outcome_short_codes(short_code_hash)':
    'a printed short code is typed without its organisation, so it is found by its hash before the organisation is known',
}

const context = useTestContext()

async function readTables(): Promise<Map<string, { columns: string[]; keys: { kind: string; columns: string[] }[] }>> {
  const tables = await context.db.execute<{ table_name: string; columns: string[] }>(sql`
    select c.relname as table_name, array_agg(a.attname::text order by a.attnum) as columns
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname <> '__drizzle_migrations'
    group by c.relname`)
  const keys = await context.db.execute<{ table_name: string; kind: string; columns: string[] }>(sql`
    select t.relname as table_name, case when x.indisprimary then 'primary' else 'unique' end as kind,
      array(select a.attname::text from unnest(x.indkey) with ordinality k(attnum, ord)
            join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum order by k.ord) as columns
    from pg_index x
    join pg_class t on t.oid = x.indrelid
    join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = 'public' and (x.indisprimary or x.indisunique)`)
  return new Map(
    tables.rows.map((table) => [
      table.table_name,
      {
        columns: table.columns,
        keys: keys.rows.filter((key) => key.table_name === table.table_name),
      },
    ]),
  )
}

describe('tenant keys (ADR 0004)', () => {
  it('lead the primary key and every unique key of every table that holds a tenant’s records', async () => {
    const tables = await readTables()
    assert.ok(tables.size >= 50, `expected the whole schema, found ${tables.size} tables`)
    const problems: string[] = []
    for (const [name, table] of [...tables].sort(([a], [b]) => a.localeCompare(b))) {
      if (name in NOT_TENANT_TABLES) continue
      const primary = table.keys.find((key) => key.kind === 'primary')
      const tenantKey = primary?.columns[0]
      if (!primary || !tenantKey || !TENANT_KEYS.includes(tenantKey)) {
        problems.push(
          `${name}: primary key (${primary?.columns.join(', ') ?? 'none'}) does not start with a tenant key`,
        )
        continue
      }
      for (const key of table.keys) {
        const label = `${name}(${key.columns.join(', ')})`
        if (key.columns[0] !== tenantKey && !(label in GLOBAL_UNIQUE_KEYS))
          problems.push(`${label}: unique key does not start with ${tenantKey}`)
      }
    }
    assert.deepEqual(problems, [])
  })

  it('names only tables and keys that exist, so an exception cannot outlive its table', async () => {
    const tables = await readTables()
    for (const name of Object.keys(NOT_TENANT_TABLES)) assert.ok(tables.has(name), `${name} is not a table`)
    for (const label of Object.keys(GLOBAL_UNIQUE_KEYS)) {
      const [, name, columns] = /^(\w+)\((.+)\)$/.exec(label) ?? []
      const keys = tables.get(name ?? '')?.keys.map((key) => key.columns.join(', ')) ?? []
      assert.ok(keys.includes(columns ?? ''), `${label} is not a unique key`)
    }
  })
})

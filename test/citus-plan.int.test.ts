// SPDX-License-Identifier: AGPL-3.0-or-later
// The Citus distribution (migrations-citus/0001_distribute.sql, ADR 0026) checked against the schema the migrations
// make, so it cannot fall behind: every table is placed; a distributed table's primary and unique keys carry its
// distribution column; a foreign key between distributed tables stays inside one colocation group and joins on the
// distribution column; no reference table points at a distributed one; and each table is distributed after the
// tables it refers to, as Citus requires.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { sql } from 'drizzle-orm'
import { useTestContext } from './helpers/test-app.ts'

const PLAN = readFileSync(new URL('../migrations-citus/0001_distribute.sql', import.meta.url), 'utf8')
const context = useTestContext()

interface Placement {
  kind: 'reference' | 'distributed'
  column: string | null
  /** The colocation group: the first table of the group names it. */
  group: string | null
  order: number
}

function readPlan(): { placements: Map<string, Placement>; dropped: Set<string>; functions: string[] } {
  const placements = new Map<string, Placement>()
  let order = 0
  for (const match of PLAN.matchAll(
    /create_reference_table\('(\w+)'\)|create_distributed_table\('(\w+)', '(\w+)', colocate_with => '(\w+)'\)/g,
  )) {
    const [, reference, distributed, column, colocate] = match
    const name = reference ?? distributed!
    assert.ok(!placements.has(name), `${name} is placed twice`)
    const group = distributed ? (colocate === 'none' ? name : placements.get(colocate!)?.group) : null
    if (distributed) assert.ok(group, `${name} colocates with ${colocate}, which is not distributed before it`)
    placements.set(name, {
      kind: reference ? 'reference' : 'distributed',
      column: column ?? null,
      group: group ?? null,
      order: order++,
    })
  }
  const dropped = new Set([...PLAN.matchAll(/drop index if exists (\w+)/g)].map((m) => m[1]!))
  const functions = [...PLAN.matchAll(/create_distributed_function\(\s*'([^']+)'/g)].map((m) => m[1]!)
  return { placements, dropped, functions }
}

describe('the Citus distribution plan', () => {
  it('places every table once, keys each distributed table by its column, and keeps foreign keys within a group', async () => {
    const { placements, dropped } = readPlan()
    const tables = (
      await context.db.execute<{ name: string }>(sql`
        select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`)
    ).rows.map((r) => r.name)
    const problems: string[] = []
    for (const table of tables) if (!placements.has(table)) problems.push(`${table} is not in the plan`)
    for (const table of placements.keys()) if (!tables.includes(table)) problems.push(`${table} is not a table`)

    const keys = await context.db.execute<{ table_name: string; index_name: string; columns: string[] }>(sql`
      select t.relname as table_name, i.relname as index_name,
        array(select a.attname::text from unnest(x.indkey) with ordinality k(attnum, ord)
              join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum order by k.ord) as columns
      from pg_index x join pg_class t on t.oid = x.indrelid join pg_class i on i.oid = x.indexrelid
      join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = 'public' and x.indisunique`)
    for (const key of keys.rows) {
      const placement = placements.get(key.table_name)
      if (placement?.kind !== 'distributed' || dropped.has(key.index_name)) continue
      if (!key.columns.includes(placement.column!))
        problems.push(`${key.index_name} on ${key.table_name} (${key.columns.join(', ')}) lacks ${placement.column}`)
    }

    const foreignKeys = await context.db.execute<{
      name: string
      source: string
      target: string
      from: string[]
      to: string[]
    }>(sql`
      select c.conname as name, s.relname as source, t.relname as target,
        array(select a.attname::text from unnest(c.conkey) with ordinality k(attnum, ord)
              join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum order by k.ord) as "from",
        array(select a.attname::text from unnest(c.confkey) with ordinality k(attnum, ord)
              join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.attnum order by k.ord) as "to"
      from pg_constraint c join pg_class s on s.oid = c.conrelid join pg_class t on t.oid = c.confrelid
      join pg_namespace n on n.oid = s.relnamespace
      where c.contype = 'f' and n.nspname = 'public'`)
    for (const fk of foreignKeys.rows) {
      const source = placements.get(fk.source)
      const target = placements.get(fk.target)
      if (!source || !target || fk.source === fk.target) continue
      const label = `${fk.name} (${fk.source} → ${fk.target})`
      if (target.order > source.order) problems.push(`${label}: ${fk.target} must be placed before ${fk.source}`)
      if (target.kind === 'reference') continue
      if (source.kind === 'reference') {
        problems.push(`${label}: a reference table cannot refer to a distributed one`)
        continue
      }
      if (source.group !== target.group) problems.push(`${label}: crosses colocation groups`)
      const at = fk.from.indexOf(source.column!)
      if (at < 0 || fk.to[at] !== target.column)
        problems.push(`${label}: does not join ${source.column} to ${target.column}`)
    }
    assert.deepEqual(problems, [])
  })

  it('distributes functions that exist, by their first argument', async () => {
    const { functions } = readPlan()
    assert.ok(functions.length > 0)
    for (const signature of functions) {
      const found = await context.db.execute<{ oid: string }>(sql`select to_regprocedure(${signature})::text as oid`)
      assert.ok(found.rows[0]?.oid, `${signature} is not a function`)
    }
  })
})

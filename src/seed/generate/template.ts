// SPDX-License-Identifier: AGPL-3.0-or-later
// Copying a template row many times in one statement. Every column not overridden is copied from a real row the
// demo seed wrote through the services, so the generated rows stay valid as tables gain columns; the overrides
// give each copy its identity and its share of a realistic distribution.
import { sql, type SQL } from 'drizzle-orm'
import type { Queryable } from '../../platform/db/database.ts'

const columnCache = new Map<string, string[]>()

async function columnsOf(db: Queryable, table: string): Promise<string[]> {
  const cached = columnCache.get(table)
  if (cached) return cached
  const result = await db.execute<{ name: string }>(sql`
    select column_name as name from information_schema.columns
    where table_schema = current_schema() and table_name = ${table} and is_generated = 'NEVER'
    order by ordinal_position`)
  const names = result.rows.map((r) => r.name)
  if (names.length === 0) throw new Error(`No table ${table}`)
  columnCache.set(table, names)
  return names
}

/**
 * `insert into <table> select <override or template column>, … from (one template row) tpl cross join <from>`.
 * @param from - the rows to make, aliased so the overrides can read them (e.g. `gen_case g`); may end in `where`
 * @param overrides - column name → expression; `tpl.<column>` reads the template
 * @returns the number of rows written
 */
export async function insertFromTemplate(
  db: Queryable,
  table: string,
  from: SQL,
  overrides: Record<string, SQL>,
  templateWhere: SQL = sql`true`,
): Promise<number> {
  const columns = await columnsOf(db, table)
  for (const name of Object.keys(overrides))
    if (!columns.includes(name)) throw new Error(`${table} has no column ${name}`)
  const ident = (name: string) => sql.raw(`"${name}"`)
  const template = await db.execute<{ found: boolean }>(
    sql`select exists (select 1 from ${ident(table)} where ${templateWhere}) as found`,
  )
  if (!template.rows[0]?.found) throw new Error(`No ${table} row to copy: seed the demo area first`)
  const values = sql.join(
    columns.map((name) => overrides[name] ?? sql`tpl.${ident(name)}`),
    sql`, `,
  )
  const result = await db.execute(sql`
    insert into ${ident(table)} (${sql.join(columns.map(ident), sql`, `)})
    select ${values}
    from (select * from ${ident(table)} where ${templateWhere} limit 1) tpl
    cross join ${from}`)
  return result.rowCount ?? 0
}

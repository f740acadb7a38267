// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { sql } from 'drizzle-orm'
import { useTestContext } from '../../../test/helpers/test-app.ts'
import { maintainDatabase } from './database.ts'

const context = useTestContext()

describe('maintainDatabase', () => {
  it('gives the planner real row counts and column statistics, which the embedded database never collects itself', async () => {
    const table = `maintenance_${Math.random().toString(36).slice(2, 8)}`
    await context.db.execute(
      sql.raw(`create table ${table} as select n, n % 7 as bucket from generate_series(1, 3000) n`),
    )
    const statistics = async () =>
      (
        await context.db.execute(
          sql`select (select count(*)::int from pg_stats where tablename = ${table}) as columns,
                     (select reltuples::int from pg_class where relname = ${table}) as estimated`,
        )
      ).rows[0] as { columns: number; estimated: number }
    assert.equal((await statistics()).columns, 0)
    await maintainDatabase(context.db, { vacuum: false })
    assert.deepEqual(await statistics(), { columns: 2, estimated: 3000 })
    await context.db.execute(sql.raw(`delete from ${table} where bucket = 0`))
    await maintainDatabase(context.db, { vacuum: true })
    assert.equal((await statistics()).estimated, 3000 - Math.floor(3000 / 7))
    await context.db.execute(sql.raw(`drop table ${table}`))
  })
})

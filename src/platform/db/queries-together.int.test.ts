// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { sql } from 'drizzle-orm'
import { useTestContext } from '../../../test/helpers/test-app.ts'
import { queriesTogether } from './queries-together.ts'

const context = useTestContext()

describe('queriesTogether', () => {
  it('returns results in order on the pool and inside a transaction, without overlapping a transaction', async () => {
    const onPool = await queriesTogether(context.db, [
      async () => (await context.db.execute(sql`select 1 as n`)).rows[0]!['n'],
      async () => (await context.db.execute(sql`select 'two' as n`)).rows[0]!['n'],
    ] as const)
    assert.deepEqual(onPool, [1, 'two'])

    let running = 0
    let overlapped = false
    const timed = (tx: Parameters<Parameters<typeof context.db.transaction>[0]>[0], n: number) => async () => {
      running += 1
      if (running > 1) overlapped = true
      const result = (await tx.execute(sql`select ${n}::int as n, pg_sleep(0.01)`)).rows[0]!['n']
      running -= 1
      return result
    }
    const inTx = await context.db.transaction(async (tx) =>
      queriesTogether(tx, [timed(tx, 1), timed(tx, 2), timed(tx, 3)]),
    )
    assert.deepEqual(inTx, [1, 2, 3])
    assert.equal(overlapped, false)
  })
})

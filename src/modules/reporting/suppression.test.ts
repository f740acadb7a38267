// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  HES_RULE,
  NO_SUPPRESSION,
  roundCount,
  showCount,
  showShare,
  suppressList,
  suppressTable,
  type ShownCount,
} from './suppression.ts'

describe('small-number suppression', () => {
  it('hides 1 to 7, keeps 0, and rounds the rest to the nearest 5', () => {
    assert.deepEqual(
      [0, 1, 7, 8, 12, 13, 22, 23, 100].map((n) => showCount(n, HES_RULE)),
      [0, '*', '*', 10, 10, 15, 20, 25, 100],
    )
    assert.equal(roundCount(7, NO_SUPPRESSION), 7)
    assert.equal(showCount(3, NO_SUPPRESSION), 3)
  })

  it('hides a second cell in a row when one is hidden and the row total is shown', () => {
    // Practice A: 3 accepted, 20 declined, 30 waiting (53). Practice B: 40, 12, 9 (61).
    const table = suppressTable(
      [
        [3, 20, 30],
        [40, 12, 9],
      ],
      HES_RULE,
    )
    // Rows first: in A, 3 is hidden, so its smallest other part (20) follows. Then columns: "accepted" has 3
    // hidden, so 40 follows; "declined" has 20 hidden, so 12 follows. Row B now has two hidden; nothing more.
    assert.deepEqual(table.cells, [
      ['*', '*', 30],
      ['*', '*', 10],
    ])
    assert.deepEqual(table.rowTotals, [55, 60])
    assert.deepEqual(table.columnTotals, [45, 30, 40])
    assert.equal(table.total, 115)
  })

  it('hides a shown total instead when there is no other part to hide', () => {
    const { cells, total } = suppressList([5], HES_RULE)
    assert.deepEqual(cells, ['*'])
    assert.equal(total, '*')
  })

  it('prefers a non-zero part, since a hidden zero reads as 1 to 7', () => {
    const { cells, total } = suppressList([4, 0, 30, 11], HES_RULE)
    assert.deepEqual(cells, ['*', 0, 30, '*'])
    assert.equal(total, 45)
  })

  it('gives a share only when neither the part, the whole nor the rest is small', () => {
    assert.equal(showShare(40, 50, HES_RULE), '80%')
    assert.equal(showShare(45, 50, HES_RULE), '*')
    assert.equal(showShare(3, 50, HES_RULE), '*')
    assert.equal(showShare(3, 4, NO_SUPPRESSION), '75%')
    assert.equal(showShare(0, 0, HES_RULE), null)
  })

  it('never leaves one hidden part beside a shown total, never shows 1 to 7, and stays within half a step', () => {
    const tables = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 })).chain(([rows, columns]) =>
      fc.array(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 400 })), {
          minLength: columns,
          maxLength: columns,
        }),
        { minLength: rows, maxLength: rows },
      ),
    )
    fc.assert(
      fc.property(tables, (counts) => {
        const t = suppressTable(counts, HES_RULE)
        const grid: ShownCount[][] = [
          ...t.cells.map((row, r) => [...row, t.rowTotals[r]!]),
          [...t.columnTotals, t.total],
        ]
        const exact = [
          ...counts.map((row) => [...row, sum(row)]),
          [...counts[0]!.map((_, c) => sum(counts.map((row) => row[c]!))), sum(counts.flat())],
        ]
        for (let r = 0; r < grid.length; r++) {
          for (let c = 0; c < grid[r]!.length; c++) {
            const shown = grid[r]![c]!
            if (shown === '*') continue
            assert.ok(shown === 0 || shown >= 8 || (shown % 5 === 0 && shown >= 10), `shown ${shown}`)
            assert.ok(Math.abs(shown - exact[r]![c]!) <= 2.5)
            if (exact[r]![c]! > 0 && exact[r]![c]! < 8) assert.fail(`a count of ${exact[r]![c]} was shown`)
          }
        }
        const lines = [
          ...grid.map((row) => ({ parts: row.slice(0, -1), total: row.at(-1)! })),
          ...grid[0]!.map((_, c) => ({ parts: grid.slice(0, -1).map((row) => row[c]!), total: grid.at(-1)![c]! })),
        ]
        for (const { parts, total } of lines) {
          if (total === '*' || parts.length < 2) continue
          assert.notEqual(parts.filter((p) => p === '*').length, 1, 'one hidden part beside its shown total')
        }
      }),
      { numRuns: 500 },
    )
  })
})

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0)
}

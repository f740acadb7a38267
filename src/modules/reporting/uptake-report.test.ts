// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { HES_RULE, NO_SUPPRESSION } from './suppression.ts'
import { buildDemandTable, buildUptakeTable, UPTAKE_ROWS } from './uptake-report.ts'

const service = (serviceName: string, connected: number) => ({
  directoryServiceId: `id-${serviceName}`,
  serviceName,
  connected,
  accepted: connected - 1,
  started: connected - 2,
  stillGoing: 1,
  waitingList: 1,
  declined: 0,
})

describe('the uptake table', () => {
  it('lists the busiest services and adds up the rest in one row', () => {
    const counts = Array.from({ length: UPTAKE_ROWS + 2 }, (_, i) => service(`Service ${i}`, 100 - i))
    const table = buildUptakeTable(counts, NO_SUPPRESSION)
    assert.equal(table.rows.length, UPTAKE_ROWS + 1)
    assert.deepEqual(table.rows[0], { label: 'Service 0', cells: [100, 99, 98, 1, 1, 0] })
    // Services 25 and 26: 75 + 74 connected.
    assert.deepEqual(table.rows.at(-1), { label: '2 other services', cells: [149, 147, 145, 2, 2, 0] })
  })

  it('suppresses each column with its total for a commissioner', () => {
    const table = buildUptakeTable([service('Walking group', 30), service('Choir', 20)], HES_RULE)
    // "Still going" 1 and 1 (2): both hidden and so is their total; "Connected" 30, 20 (50) shown.
    assert.deepEqual(table.rows[0]!.cells.slice(0, 4), [30, 30, 30, '*'])
    assert.deepEqual(table.totals?.slice(0, 4), [50, 50, 45, '*']) // 50, 48, 46, 2
  })
})

describe('demand against the places groups offer', () => {
  // A whole financial year: 365 days, 11.99 months.
  const year = { from: '2025-04-01', to: '2026-03-31' }
  const counts = [service('Walking group', 24), service('Choir', 60), service('Cafe', 12), service('Allotment', 5)]
  const places = new Map([
    ['id-Walking group', { monthlyPlaces: 4 }],
    ['id-Choir', { monthlyPlaces: 3 }],
    ['id-Cafe', { monthlyPlaces: null }],
    ['id-Allotment', { monthlyPlaces: 2 }],
  ])

  it('gives each group its connections a month against its places, busiest first, and flags over capacity', () => {
    const table = buildDemandTable(counts, places, year, NO_SUPPRESSION)
    assert.deepEqual(
      table.rows.map((row) => [row.label, ...row.cells]),
      [
        ['Choir', 60, '5.0', 3, '167% (over)'], // 60 / 11.99 = 5.00 a month, for 3 places
        ['Walking group', 24, '2.0', 4, '50%'],
        ['Cafe', 12, '1.0', 'Not said', 'Not known'],
        ['Allotment', 5, '0.4', 2, '21%'],
      ],
    )
  })

  it('works a commissioner’s shares from the rounded counts and hides small ones', () => {
    const table = buildDemandTable(counts, places, year, HES_RULE)
    assert.deepEqual(
      table.rows.map((row) => [row.label, ...row.cells]),
      [
        ['Choir', 60, '5.0', 3, '167% (over)'],
        ['Walking group', 25, '2.1', 4, '52%'], // 24 shown as 25
        ['Cafe', 10, '0.8', 'Not said', 'Not known'],
        ['Allotment', '*', '*', 2, '*'],
      ],
    )
  })
})

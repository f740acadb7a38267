// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { financialYearOf, monthLabel, monthsOf, periodChoices, periodFor } from './period.ts'

describe('report periods', () => {
  it('starts the financial year on 1 April', () => {
    assert.equal(financialYearOf('2026-03-31'), 2025)
    assert.equal(financialYearOf('2026-04-01'), 2026)
  })

  it('offers this year, its quarters so far, the last 12 months and last year with its quarters', () => {
    const choices = periodChoices('2026-12-04')
    assert.deepEqual(
      choices.map((c) => c.key),
      ['fy-2026', 'q-2026-3', 'q-2026-2', 'q-2026-1', '12m', 'fy-2025', 'q-2025-4', 'q-2025-3', 'q-2025-2', 'q-2025-1'],
    )
    const thisYear = choices[0]!
    assert.deepEqual([thisYear.from, thisYear.to, thisYear.partial], ['2026-04-01', '2026-12-04', true])
    const lastQ4 = periodFor('q-2025-4', '2026-12-04')!
    assert.deepEqual([lastQ4.from, lastQ4.to, lastQ4.partial], ['2026-01-01', '2026-03-31', false])
    assert.equal(lastQ4.label, 'Quarter 4 2025 to 2026 (January to March 2026)')
    assert.deepEqual(
      [periodFor('12m', '2026-12-04')!.from, periodFor('12m', '2024-02-29')!.from],
      ['2025-12-05', '2023-03-01'],
    )
  })

  it('reads no key as this financial year and refuses one it does not offer', () => {
    assert.equal(periodFor('', '2026-12-04')?.key, 'fy-2026')
    assert.equal(periodFor('q-2026-4', '2026-12-04'), undefined, 'a quarter that has not started')
    assert.equal(periodFor('fy-2019', '2026-12-04'), undefined)
  })

  it('lists the months a period touches', () => {
    assert.deepEqual(monthsOf({ from: '2025-11-15', to: '2026-02-01' }), ['2025-11', '2025-12', '2026-01', '2026-02'])
    assert.equal(monthLabel('2026-01'), 'Jan 2026')
  })
})

// SPDX-License-Identifier: AGPL-3.0-or-later
// The return on investment worked by hand from the service-use summaries of the worked example in
// outcomes/service-use-change.test.ts.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { ServiceUseChangeSummary } from '../outcomes/index.ts'
import { buildReturnTables } from './return-report.ts'
import type { ReportTable } from './activity-report.ts'

/** Both tables' rows as lines, the value last: as they read one after the other. */
const lines = (tables: ReportTable[]) => tables.flatMap((table) => table.rows.map((row) => [row.label, ...row.cells]))
import { HES_RULE, NO_SUPPRESSION } from './suppression.ts'

const summary = (count: ServiceUseChangeSummary['count'], label: string, n: number, before: number, after: number) => ({
  count,
  label,
  n,
  totalBefore: before,
  totalAfter: after,
  meanBefore: before / n,
  meanAfter: after / n,
  meanChange: (after - before) / n,
  interval: null,
})
const summaries: ServiceUseChangeSummary[] = [
  summary('gpAppointments', 'GP appointments', 10, 60, 40),
  summary('aeAttendances', 'A&E attendances', 10, 6, 3),
  summary('emergencyCalls', '999 calls', 3, 2, 0),
  summary('admissions', 'Hospital admissions', 10, 2, 1),
]
const costs = {
  unit: { gpAppointments: 40, aeAttendances: 250, emergencyCalls: 400, admissions: 2000 },
  service: 20000,
}

describe('return on investment', () => {
  it('values each change at the unit cost, doubles six months to a year, and divides by the cost', () => {
    assert.deepEqual(lines(buildReturnTables(summaries, costs, NO_SUPPRESSION)), [
      ['GP appointments', 10, '−20.0', '£40', '£800'], // 20 fewer × £40
      ['A&E attendances', 10, '−3.0', '£250', '£750'],
      ['999 calls', 3, '−2.0', '£400', '£800'],
      ['Hospital admissions', 10, '−1.0', '£2,000', '£2,000'],
      ['Value over six months', '£4,350'],
      ['Value over a year, if the change lasts', '£8,700'],
      ['Cost of the service in the period (as entered)', '£20,000'],
      ['Returned for each £1 spent', '£0.44'], // 8,700 / 20,000 = 0.435
    ])
  })

  it('hides a commissioner’s small rows and leaves them out of the totals', () => {
    const [table, summary] = buildReturnTables(summaries, costs, HES_RULE)
    assert.deepEqual(table!.rows[2]!.cells, ['*', '*', '£400', '*'])
    assert.deepEqual(summary!.rows[0]!.cells.at(-1), '£3,550') // without the 999 calls
    assert.equal(table!.rows[1]!.cells[0], 10)
  })

  it('shows no change as £0, never −£0', () => {
    const flat = [summary('admissions', 'Hospital admissions', 10, 2, 2)]
    assert.deepEqual(lines(buildReturnTables(flat, costs, NO_SUPPRESSION))[0], [
      'Hospital admissions',
      10,
      '0.0',
      '£2,000',
      '£0',
    ])
  })

  it('says when nothing was returned', () => {
    const rising = [summary('gpAppointments', 'GP appointments', 10, 40, 60)]
    assert.deepEqual(
      lines(buildReturnTables(rising, costs, NO_SUPPRESSION)).map((line) => line.at(-1)),
      ['−£800', '−£800', '−£1,600', '£20,000', 'Nothing returned'],
    )
  })
})

// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { ActivityReport } from '../../activity-report.ts'
import { periodFor } from '../../period.ts'
import type { ReportReader } from '../../reporting.service.ts'
import { HES_RULE } from '../../suppression.ts'
import { describeSource, monthlySummary, presentActivity, presentFilters } from './activity.presenter.ts'

const period = periodFor('q-2025-1', '2026-12-04')!
const NO_COSTS = { 'cost-gp': '', 'cost-ae': '', 'cost-999': '', 'cost-admission': '', 'cost-service': '' }
const report: ActivityReport = {
  received: 20,
  acceptedShare: '75%',
  withinTargetShare: '*',
  medianDaysToContact: '*',
  overdue: 15,
  monthly: [
    { month: '2025-04', label: 'Apr 2025', total: 15 },
    { month: '2025-05', label: 'May 2025', total: '*' },
    { month: '2025-06', label: 'Jun 2025', total: 0 },
  ],
  tables: [
    { id: 'by-month', caption: 'Months', columns: ['Month', 'Total'], rows: [{ label: 'Apr 2025', cells: [15] }] },
  ],
}
const commissioner: ReportReader = {
  kind: 'commissioner',
  areaId: 'area',
  services: [
    { id: 'a', name: 'North' },
    { id: 'b', name: 'South' },
  ],
  rule: HES_RULE,
}

describe('the activity page', () => {
  it('says in words what the chart shows, using only figures the reader may see', () => {
    assert.equal(
      monthlySummary(report, period),
      'The 20 referrals were received in quarter 1 2025 to 2026 (april to june 2025). The most in one month was 15, in Apr 2025.'
        .replace('The 20', '20')
        .replace('(april to june', '(April to June'),
    )
    assert.match(monthlySummary({ ...report, received: '*', monthly: [] }, period), /^Fewer than 8 referrals/)
  })

  it('offers a commissioner the services of their area, and a supervisor no choice', () => {
    const filters = presentFilters(commissioner, { period: 'q-2025-1', service: 'b', costs: NO_COSTS }, '2026-12-04')
    assert.deepEqual(
      filters.serviceItems?.map((item) => [item.text, Boolean('selected' in item && item.selected)]),
      [
        ['All services in the area', false],
        ['North', false],
        ['South', true],
      ],
    )
    assert.equal(filters.periodItems.find((item) => item.selected)?.value, 'q-2025-1')
    const supervisor: ReportReader = { ...commissioner, kind: 'service', services: [{ id: 'a', name: 'North' }] }
    assert.equal(
      presentFilters(supervisor, { period: '', service: '', costs: NO_COSTS }, '2026-12-04').serviceItems,
      null,
    )
  })

  it('links each table to its CSV with the same filters, and draws the chart with no bar for a hidden month', () => {
    const costs = { ...NO_COSTS, 'cost-gp': '£42' }
    const model = presentActivity(report, commissioner, period, { period: 'q-2025-1', service: 'b', costs }, new Date())
    assert.equal(
      model.tables[0]!.csvHref,
      '/reports/table.csv?period=q-2025-1&service=b&cost-gp=%C2%A342&table=by-month',
    )
    assert.equal(model.suppressed, true)
    assert.match(model.chart.svg, /^<svg[^>]* role="img"/)
    assert.match(model.chart.svg, /aria-label="Referrals received each month: bar chart\./)
    assert.equal((model.chart.svg.match(/<rect/g) ?? []).length, 3, 'one bar per month, a hidden one drawn at 0')
  })
})

describe('where the counts came from', () => {
  const at = new Date('2026-06-01T09:30:00Z')
  it('says live records on the primary', () => {
    assert.equal(
      describeSource(at, { replica: false, lagSeconds: null }),
      'Counted from live records at 1 June 2026 at 10:30.',
    )
  })
  it('says the reporting copy was up to date when it had applied everything', () => {
    assert.match(
      describeSource(at, { replica: true, lagSeconds: 0 }),
      /reporting copy of the records, which was up to date\.$/,
    )
  })
  it('says how far behind the copy was, in seconds and then minutes', () => {
    assert.match(describeSource(at, { replica: true, lagSeconds: 42.4 }), /42 seconds behind the live records/)
    assert.match(describeSource(at, { replica: true, lagSeconds: 600 }), /10 minutes behind the live records/)
  })
})

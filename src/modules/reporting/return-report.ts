// SPDX-License-Identifier: AGPL-3.0-or-later
// Return on investment (issue #14): the change in health service use, valued at the unit costs the reader entered,
// against what the service cost in the period. Pure. Method and caveats travel with the table.
import type { Count, ServiceUseChangeSummary } from '../outcomes/index.ts'
import type { ReportTable } from './activity-report.ts'
import { isSmall, showCount, type SuppressionRule } from './suppression.ts'

/** What each use costs locally, and what the service cost in the period, in pounds (entered by the reader). */
export interface ReturnCosts {
  readonly unit: Readonly<Record<Count, number>>
  readonly service: number
}

const POUNDS = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 })
const PENCE = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', minimumFractionDigits: 2 })

const signed = (value: number) => `${value > 0 ? '+' : value < 0 ? '−' : ''}${Math.abs(value).toFixed(1)}`
// A value that rounds to nothing is £0, never −£0.
const money = (value: number) => (Math.round(value) < 0 ? `−${POUNDS.format(-value)}` : POUNDS.format(Math.abs(value)))

/**
 * Two tables: each kind of use valued at its unit cost, then the totals against the service's cost (a table of its
 * own, so a phone shows each sum as one line, not a card of empty cells).
 */
export function buildReturnTables(
  summaries: readonly ServiceUseChangeSummary[],
  costs: ReturnCosts,
  rule: SuppressionRule,
): ReportTable[] {
  let sixMonths = 0
  const rows = summaries.map((s) => {
    if (isSmall(s.n, rule)) return { label: s.label, cells: ['*', '*', POUNDS.format(costs.unit[s.count]), '*'] }
    const change = s.totalAfter - s.totalBefore
    const value = -change * costs.unit[s.count]
    sixMonths += value
    return {
      label: s.label,
      cells: [showCount(s.n, rule), signed(change), POUNDS.format(costs.unit[s.count]), money(value)],
    }
  })
  const year = sixMonths * 2
  return [
    {
      id: 'return',
      caption: 'Return on investment: health service use valued at your unit costs',
      columns: [
        'Service used',
        'People counted',
        'Change over everyone (6 months)',
        'Unit cost',
        'Value of the change',
      ],
      rows,
    },
    {
      id: 'return-summary',
      caption: 'Return on investment: value against cost',
      columns: ['Figure', 'Amount'],
      rows: [
        { label: 'Value over six months', cells: [money(sixMonths)] },
        { label: 'Value over a year, if the change lasts', cells: [money(year)] },
        { label: 'Cost of the service in the period (as entered)', cells: [POUNDS.format(costs.service)] },
        {
          label: 'Returned for each £1 spent',
          cells: [year > 0 ? PENCE.format(year / costs.service) : 'Nothing returned'],
        },
      ],
      note: 'Method: for each kind of use, the change between the six months before the referral and the six months after support, added up over the people with both figures (the table above), times the unit cost entered here; a fall in use is a positive value. The year doubles the six months, assuming the change lasts; the return divides that by the cost entered for the period. Caveats: there is no comparison group, so this is change, not what the service caused (people are often referred at a difficult time and use tends to fall back anyway); only people with both figures are counted; hidden rows (fewer than the suppression threshold) are left out of the totals; savings are usually freed capacity, not cash. Enter local unit costs (for example from the PSSRU Unit Costs of Health and Social Care and the NHS National Cost Collection).',
    },
  ]
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// Uptake: connections made in the period, by directory service, at each step from connected to still going. Pure.
import type { UptakeCount } from '../connections/index.ts'
import type { ReportTable } from './activity-report.ts'
import { columnwiseTable } from './columnwise-table.ts'
import type { SuppressionRule } from './suppression.ts'

/** Services listed by name; the rest are added up in one row, so the table stays readable across an area. */
export const UPTAKE_ROWS = 25

export function buildUptakeTable(counts: readonly UptakeCount[], rule: SuppressionRule): ReportTable {
  const steps = (c: UptakeCount) => [c.connected, c.accepted, c.started, c.stillGoing, c.waitingList, c.declined]
  const sorted = [...counts].sort((a, b) => b.connected - a.connected || a.serviceName.localeCompare(b.serviceName))
  const rows = sorted.slice(0, UPTAKE_ROWS).map((c) => ({ label: c.serviceName, counts: steps(c) }))
  const rest = sorted.slice(UPTAKE_ROWS)
  if (rest.length > 0) {
    rows.push({
      label: `${rest.length} other ${rest.length === 1 ? 'service' : 'services'}`,
      counts: rest.map(steps).reduce((sum, row) => sum.map((value, i) => value + row[i]!)),
    })
  }
  return columnwiseTable(
    {
      id: 'uptake',
      caption: 'Uptake: connections to community services, and how far people got',
      heading: 'Service',
      columns: ['Connected', 'Accepted', 'Started', 'Still going', 'On a waiting list', 'Declined by the group'],
      note: 'Connections made in the period. Accepted includes everyone who went on to start; started means they went at least once (a register, a check-in or the link worker recorded it); still going means the group or the link worker says they go regularly, or they were still going when support ended.',
    },
    rows,
    rule,
  )
}

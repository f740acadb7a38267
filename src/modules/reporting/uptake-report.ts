// SPDX-License-Identifier: AGPL-3.0-or-later
// Uptake: connections made in the period, by directory service, at each step from connected to still going. Pure.
import type { UptakeCount } from '../connections/index.ts'
import type { ReportTable } from './activity-report.ts'
import { columnwiseTable } from './columnwise-table.ts'
import { daysIn, type Period } from './period.ts'
import { showCount, type SuppressionRule } from './suppression.ts'

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

const DAYS_PER_MONTH = 365.25 / 12

/**
 * Demand on each community group against the places a month it said it has (where the community offer needs
 * investment): the 25 groups people were most often connected to, with their connections a month and the share of
 * their places that uses. Shares come from the count as shown (rounded for commissioners), so a share can never
 * give a hidden count away.
 */
export function buildDemandTable(
  counts: readonly UptakeCount[],
  places: ReadonlyMap<string, { monthlyPlaces: number | null }>,
  period: Pick<Period, 'from' | 'to'>,
  rule: SuppressionRule,
): ReportTable {
  const months = daysIn(period) / DAYS_PER_MONTH
  const busiest = [...counts]
    .sort((a, b) => b.connected - a.connected || a.serviceName.localeCompare(b.serviceName))
    .slice(0, UPTAKE_ROWS)
  return {
    id: 'demand',
    caption: 'Demand on community groups against the places they offer',
    columns: ['Service', 'Connected in the period', 'Connected a month', 'Places a month', 'Share of places'],
    rows: busiest.map((c) => {
      const shown = showCount(c.connected, rule)
      const monthlyPlaces = places.get(c.directoryServiceId)?.monthlyPlaces ?? null
      if (shown === '*') return { label: c.serviceName, cells: ['*', '*', monthlyPlaces ?? 'Not said', '*'] }
      const perMonth = shown / months
      const share =
        monthlyPlaces === null || monthlyPlaces === 0
          ? 'Not known'
          : `${Math.round((perMonth / monthlyPlaces) * 100)}%${perMonth > monthlyPlaces ? ' (over)' : ''}`
      return { label: c.serviceName, cells: [shown, perMonth.toFixed(1), monthlyPlaces ?? 'Not said', share] }
    }),
    note: 'Connections made in the period to each group, a month on average, against the new places a month the group gave in the directory (a listing without them shows "Not said"). A share over 100% means more people are being sent than the group said it can take: the groups to talk to, and where the community offer may need investment.',
  }
}

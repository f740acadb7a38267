// SPDX-License-Identifier: AGPL-3.0-or-later
// The gaps: needs no service could meet, by need, by reason and by postcode district. Pure.
import { UNMET_REASON_LABELS, type UnmetReason } from '../connections/index.ts'
import { NEED_LABELS, type Need } from '../referrals/index.ts'
import type { ReportTable } from './activity-report.ts'
import { suppressList, type SuppressionRule } from './suppression.ts'

export interface UnmetNeedCount {
  need: Need
  reason: UnmetReason
  district: string
  count: number
}

function listTable(
  id: string,
  caption: string,
  heading: string,
  counts: ReadonlyMap<string, number>,
  rule: SuppressionRule,
  note?: string,
): ReportTable {
  const entries = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  const shown = suppressList(
    entries.map(([, count]) => count),
    rule,
  )
  return {
    id,
    caption,
    columns: [heading, 'Unmet needs'],
    rows: entries.map(([label], i) => ({ label, cells: [shown.cells[i]!] })),
    totals: entries.length > 0 ? [shown.total] : undefined,
    note,
  }
}

function tally(rows: readonly UnmetNeedCount[], key: (row: UnmetNeedCount) => string): Map<string, number> {
  const counts = new Map<string, number>()
  for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + row.count)
  return counts
}

export function buildUnmetNeedTables(rows: readonly UnmetNeedCount[], rule: SuppressionRule): ReportTable[] {
  return [
    listTable(
      'unmet-by-need',
      'Needs no service could meet',
      'Need',
      tally(rows, (r) => NEED_LABELS[r.need]),
      rule,
      'Recorded by link workers when nothing in the directory fitted: the list the community offer needs investment for.',
    ),
    listTable(
      'unmet-by-reason',
      'Why no service could meet them',
      'Reason',
      tally(rows, (r) => UNMET_REASON_LABELS[r.reason]),
      rule,
    ),
    listTable(
      'unmet-by-district',
      'Where the gaps are, by postcode district',
      'Postcode district',
      tally(rows, (r) => r.district),
      rule,
      'The district of the home postcode of each person whose need went unmet.',
    ),
  ]
}

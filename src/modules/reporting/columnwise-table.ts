// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ReportTable } from './activity-report.ts'
import { suppressList, type SuppressionRule } from './suppression.ts'

/**
 * A table whose columns count the same people at successive steps (referred, accepted, contacted…), so a row has
 * no total of its own: each column is suppressed as a list with its total.
 */
export function columnwiseTable(
  spec: { id: string; caption: string; heading: string; columns: readonly string[]; note?: string },
  rows: readonly { label: string; counts: readonly number[] }[],
  rule: SuppressionRule,
): ReportTable {
  const columns = spec.columns.map((_, c) =>
    suppressList(
      rows.map((row) => row.counts[c] ?? 0),
      rule,
    ),
  )
  return {
    id: spec.id,
    caption: spec.caption,
    columns: [spec.heading, ...spec.columns],
    rows: rows.map((row, i) => ({ label: row.label, cells: columns.map((column) => column.cells[i]!) })),
    totals: rows.length > 0 ? columns.map((column) => column.total) : undefined,
    note: spec.note,
  }
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// A report table as CSV, exactly as the page shows it (suppressed cells stay "*"). A cell that a spreadsheet would
// read as a formula (an organisation named "=HYPERLINK(…)") is written with a leading apostrophe (OWASP: CSV
// injection).
import { stringify } from 'csv-stringify/sync'
import type { ReportTable } from './activity-report.ts'

const FORMULA_START = /^[=+\-@\t\r]/

function safe(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell
}

export function tableCsv(table: ReportTable): string {
  const rows = [
    table.columns,
    ...table.rows.map((row) => [row.label, ...row.cells.map(String)]),
    ...(table.totals ? [['Total', ...table.totals.map(String)]] : []),
  ]
  return stringify(
    rows.map((row) => row.map(safe)),
    { record_delimiter: 'windows' },
  )
}

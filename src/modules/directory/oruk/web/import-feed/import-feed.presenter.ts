// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FeedImportRow } from '../../feed-imports.repository.ts'
import type { ImportReportLine, StoredReport } from '../../oruk.import.ts'

const FORMAT_LABELS: Record<string, string> = {
  'oruk-3': 'Open Referral UK 3.0',
  'oruk-1': 'Open Referral UK 1.0',
  'hsds-csv': 'HSDS CSV datapackage',
}

/** Lines shown per kind on the report page; the full counts are always shown. */
export const REPORT_LINES_SHOWN = 200

export function feedLabel(sourceFeed: string): string {
  return sourceFeed.startsWith('upload:') ? `${sourceFeed.slice('upload:'.length)} (uploaded file)` : sourceFeed
}

export function formatLabel(format: string): string {
  return FORMAT_LABELS[format] ?? format
}

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`
}

export function importSummary(row: Pick<FeedImportRow, 'added' | 'updated' | 'unchanged' | 'rejected'>): string {
  return [
    plural(row.added, 'listing added', 'listings added'),
    `${row.updated.toLocaleString('en-GB')} updated`,
    `${row.unchanged.toLocaleString('en-GB')} unchanged`,
    `${row.rejected.toLocaleString('en-GB')} rejected`,
  ].join(', ')
}

export function recentImportRows(rows: Omit<FeedImportRow, 'report'>[]) {
  return rows.map((row) => ({
    href: `/directory/import/${row.id}`,
    importedAt: row.createdAt,
    feed: feedLabel(row.sourceFeed),
    summary: importSummary(row),
  }))
}

function listingLines(lines: ImportReportLine[], total: number) {
  return {
    total,
    items: lines
      .slice(0, REPORT_LINES_SHOWN)
      .map((line) => ({ name: line.name, href: `/directory/services/${line.id}`, sourceId: line.sourceId })),
    more: Math.max(0, total - Math.min(lines.length, REPORT_LINES_SHOWN)),
  }
}

export function importReportModel(row: FeedImportRow) {
  const report = row.report as StoredReport
  return {
    pageTitle: 'Feed import report',
    feed: feedLabel(row.sourceFeed),
    format: formatLabel(row.format),
    importedAt: row.createdAt,
    summary: importSummary(row),
    added: listingLines(report.added, row.added),
    updated: listingLines(report.updated, row.updated),
    unchanged: listingLines(report.unchanged, row.unchanged),
    missing: listingLines(report.missing ?? [], report.missing?.length ?? 0),
    rejected: {
      total: row.rejected,
      rows: report.rejected
        .slice(0, REPORT_LINES_SHOWN)
        .map((r) => [{ text: r.sourceId }, { text: r.name ?? 'No name' }, { text: r.reason }]),
      more: Math.max(0, row.rejected - Math.min(report.rejected.length, REPORT_LINES_SHOWN)),
    },
  }
}

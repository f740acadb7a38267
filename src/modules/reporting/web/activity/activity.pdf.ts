// SPDX-License-Identifier: AGPL-3.0-or-later
// The report as a printable, tagged PDF (issue #14): the same figures as the page — suppressed exactly as shown —
// with each table's header cells marked as headers for screen readers, and each table's note beneath it.
import { startPdf } from '../../../../platform/views/pdf.ts'
import type { presentActivity } from './activity.presenter.ts'

type ActivityModel = ReturnType<typeof presentActivity>
type Cell = string | number | { text: string; type?: 'TH' | 'TD'; colSpan?: number; font?: { src: string } }

/** A table tagged as one, rows and header cells included (pdfkit tags a table given a structure parent). */
function taggedTable(doc: PDFKit.PDFDocument, data: Cell[][]): void {
  const rows = data.map((row) => row.map((cell) => (typeof cell === 'number' ? String(cell) : cell)))
  // @types/pdfkit does not list `structParent` for tables yet; pdfkit 0.17+ reads it.
  doc.table({ data: rows, structParent: doc } as Parameters<PDFKit.PDFDocument['table']>[0])
}

export function activityPdf(model: ActivityModel, scope: string): Promise<Buffer> {
  const title = `Referral activity: ${model.periodLabel}`
  const { doc, finished } = startPdf({ Title: title, Author: 'Waymark', Subject: scope })
  doc.font('Helvetica-Bold').fontSize(18).text(title)
  doc.font('Helvetica').fontSize(11).moveDown(0.3).text(scope).text(model.source)
  if (model.partial) doc.text('This period is still running, so its figures will change.')
  if (model.suppressed)
    doc
      .moveDown(0.3)
      .fontSize(10)
      .text(
        `So that no person can be recognised, counts of 1 to ${model.rule.below - 1} are shown as * and other counts are rounded to the nearest ${model.rule.roundTo}; where a total would give a hidden count away, another is hidden too.`,
      )
  const header = (text: string) => ({ text, type: 'TH' as const, font: { src: 'Helvetica-Bold' } })
  doc.moveDown(0.6).fontSize(9)
  taggedTable(
    doc,
    model.headline.map((item) => [header(item.key), String(item.value)]),
  )
  doc.moveDown(0.6).font('Helvetica-Bold').fontSize(12).text(model.chart.title)
  doc.font('Helvetica').fontSize(10).text(model.chart.summary)
  for (const table of model.tables) {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).text(table.caption)
    doc.moveDown(0.2).font('Helvetica').fontSize(8)
    const rows = [
      table.columns.map(header),
      ...table.rows.map((row) => [header(row.label), ...row.cells]),
      ...(table.totals ? [[header('Total'), ...table.totals]] : []),
    ]
    if (table.rows.length === 0)
      doc.table({
        data: [table.columns.map(header), [{ text: 'None in this period.', colSpan: table.columns.length }]],
      })
    else doc.table({ data: rows })
    if (table.note) doc.moveDown(0.3).fontSize(8).text(table.note)
  }
  doc.end()
  return finished
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// A subject access export as the person reads it: each kind of record under a heading, each record as labelled
// lines in plain words ("Contact on: 3 December 2026"), empty values left out. The JSON keeps every value as stored.
import { startPdf } from '../../../../../platform/views/pdf.ts'
import type { SubjectAccessExport } from '../../../subject-access.service.ts'

const dateTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
})
const date = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
const ACRONYMS: Record<string, string> = { nhs: 'NHS', id: 'ID', gp: 'GP', ip: 'IP', ons4: 'ONS4', sms: 'SMS' }

/** `nhsNumber` → "NHS number", `contactOn` → "Contact on". */
export function labelOf(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(' ')
    .map((w) => ACRONYMS[w] ?? w)
  const first = words[0] ?? ''
  return [first.charAt(0).toUpperCase() + first.slice(1), ...words.slice(1)].join(' ')
}

/** A stored value in words, or undefined when there is nothing to say. */
export function describeValue(value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return undefined
  if (value instanceof Date) return dateTime.format(value)
  if (typeof value === 'boolean') return value ? 'Yes' : 'No'
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return date.format(new Date(`${value}T00:00:00Z`))
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined
    return value.every((v) => typeof v !== 'object' || v === null) ? value.join(', ') : JSON.stringify(value)
  }
  if (typeof value === 'object') return Object.keys(value).length === 0 ? undefined : JSON.stringify(value)
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'bigint') return value.toString()
  return undefined
}

export function presentHeldRecords(exported: SubjectAccessExport, serviceName: string) {
  const { person } = exported
  return {
    name: `${person.givenName} ${person.familyName}`,
    serviceName,
    generated: dateTime.format(exported.generatedAt),
    mergedRecords: exported.mergedRecordIds.length,
    sections: exported.sections.map((section) => ({
      title: section.title,
      count: section.rows.length,
      records: section.rows.map((row) =>
        Object.entries(row).flatMap(([key, value]): [string, string][] => {
          const text = describeValue(value)
          return text === undefined ? [] : [[labelOf(key), text]]
        }),
      ),
    })),
  }
}

/** The export as a tagged, en-GB PDF for the person to read. */
export function heldRecordsPdf(view: ReturnType<typeof presentHeldRecords>): Promise<Buffer> {
  const { doc, finished: done } = startPdf({
    Title: `What ${view.serviceName} holds about ${view.name}`,
    Author: view.serviceName,
  })
  doc.font('Helvetica-Bold').fontSize(18).text(`What ${view.serviceName} holds about ${view.name}`)
  doc
    .font('Helvetica')
    .fontSize(11)
    .text(`Everything recorded about you, as it is stored, on ${view.generated}.`)
    .text('Each heading is one kind of record; under it, each record in turn.')
  for (const section of view.sections) {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(14).text(`${section.title} (${section.count})`)
    doc.font('Helvetica').fontSize(10)
    if (section.count === 0) doc.text('None held.')
    section.records.forEach((lines, i) => {
      doc
        .moveDown(0.4)
        .font('Helvetica-Bold')
        .text(`Record ${i + 1}`)
      for (const [label, text] of lines)
        doc.font('Helvetica-Bold').text(`${label}: `, { continued: true }).font('Helvetica').text(text)
    })
  }
  doc.end()
  return done
}

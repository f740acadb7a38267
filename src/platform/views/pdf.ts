// SPDX-License-Identifier: AGPL-3.0-or-later
// Every PDF Waymark makes (leaflets, message backs, signposting sheets, subject access exports) starts the same
// way: A4, tagged, in British English, with its title shown, collected into one buffer when it ends.
import PDFDocument from 'pdfkit'

export interface PdfStart {
  doc: PDFKit.PDFDocument
  /** The whole PDF, once `doc.end()` has been called. */
  finished: Promise<Buffer>
}

export function startPdf(
  info: { Title: string; Author?: string; Subject?: string },
  options: { margin?: number; compress?: boolean } = {},
): PdfStart {
  const doc = new PDFDocument({
    size: 'A4',
    margin: options.margin ?? 56,
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    compress: options.compress ?? true,
    info,
  })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const finished = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))))
  return { doc, finished }
}

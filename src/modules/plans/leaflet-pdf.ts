// SPDX-License-Identifier: AGPL-3.0-or-later
import { startPdf } from '../../platform/views/pdf.ts'
import type { LeafletProfile } from '../casework/index.ts'
import {
  describeAction,
  type LeafletAction,
  type LeafletService,
  type LeafletSize,
  type LeafletView,
} from './leaflet.ts'

type Photo = NonNullable<LeafletProfile['photo']>

/**
 * Type sizes in points. Large print follows the RNIB's clear print guidance: 18 point body text or more,
 * bold headings, left aligned, a plain sans-serif face, no italics and no capitals-only text.
 */
const SIZES: Record<LeafletSize, { body: number; h1: number; h2: number; h3: number; photo: number; gap: number }> = {
  standard: { body: 12, h1: 22, h2: 16, h3: 13, photo: 96, gap: 0.5 },
  large: { body: 18, h1: 28, h2: 24, h3: 20, photo: 132, gap: 0.45 },
}

const MARGIN = 50
const REGULAR = 'Helvetica'
const BOLD = 'Helvetica-Bold'

export interface LeafletPdfOptions {
  size: LeafletSize
  photo: Photo | null
  /** Tests turn compression off to read the text back. */
  compress?: boolean
}

/**
 * The plan leaflet as a tagged, en-GB A4 PDF: headings, paragraphs, lists and the photo (with its alternative
 * text) are marked up, so screen readers read it in order. Black on white throughout: nothing relies on colour.
 */
export function leafletPdf(view: LeafletView, options: LeafletPdfOptions): Promise<Buffer> {
  const size = SIZES[options.size]
  const { doc, finished: done } = startPdf(
    { Title: view.title, Author: view.serviceName, Subject: 'Personalised plan leaflet' },
    { margin: MARGIN, ...(options.compress === undefined ? {} : { compress: options.compress }) },
  )
  const root = doc.struct('Document')
  doc.addStructure(root)
  const width = doc.page.width - MARGIN * 2
  const bottom = (): number => doc.page.height - MARGIN

  /** Starts a new page rather than leave a heading alone at the foot of one. */
  const keepRoomFor = (height: number): void => {
    if (doc.y + height > bottom()) doc.addPage()
  }
  const block = (tag: string, draw: () => void): void => {
    root.add(doc.struct(tag, {}, draw))
  }
  const heading = (tag: 'H1' | 'H2' | 'H3', text: string): void => {
    const points = tag === 'H1' ? size.h1 : tag === 'H2' ? size.h2 : size.h3
    keepRoomFor(points * 1.4 + size.body * 4)
    if (tag !== 'H1') doc.moveDown(tag === 'H2' ? 0.9 : 0.5)
    block(tag, () => doc.font(BOLD).fontSize(points).text(text, MARGIN, doc.y, { width, lineGap: 2 }))
    doc.moveDown(0.25)
  }
  const paragraph = (text: string, options: { bold?: boolean } = {}): void => {
    block('P', () =>
      doc
        .font(options.bold ? BOLD : REGULAR)
        .fontSize(size.body)
        .text(text, MARGIN, doc.y, { width, lineGap: size.body * 0.3 }),
    )
    doc.moveDown(size.gap)
  }
  /** A heading inside a goal, in body size: keeps at least a few lines of what follows with it. */
  const subheading = (text: string): void => {
    keepRoomFor(size.body * 6)
    block('H4', () => doc.font(BOLD).fontSize(size.body).text(text, MARGIN, doc.y, { width }))
    doc.moveDown(size.gap * 0.6)
  }
  const labelled = (label: string, value: string, x = MARGIN, w = width): void => {
    block('P', () =>
      doc
        .font(BOLD)
        .fontSize(size.body)
        .text(`${label}: `, x, doc.y, { width: w, continued: true, lineGap: size.body * 0.3 })
        .font(REGULAR)
        .text(value, { width: w, lineGap: size.body * 0.3 }),
    )
    doc.moveDown(size.gap * 0.5)
  }
  const list = (items: string[]): void => {
    if (items.length === 0) return
    const list = doc.struct('L')
    root.add(list)
    const indent = size.body * 1.2
    for (const item of items) {
      keepRoomFor(size.body * 2)
      const top = doc.y
      // The bullet is decoration; the list structure tells a screen reader it is a list.
      doc.markContent('Artifact', { type: 'Layout' })
      doc
        .font(REGULAR)
        .fontSize(size.body)
        .text('•', MARGIN + size.body * 0.3, top, { lineBreak: false })
      doc.endMarkedContent()
      list.add(
        doc.struct('LI', {}, () =>
          doc
            .font(REGULAR)
            .fontSize(size.body)
            .text(item, MARGIN + indent, top, { width: width - indent, lineGap: size.body * 0.3 }),
        ),
      )
      doc.moveDown(size.gap * 0.5)
    }
    list.end()
    doc.moveDown(size.gap * 0.5)
  }
  const actionsList = (actions: LeafletAction[]): void => list(actions.map(describeAction))
  const services = (items: LeafletService[]): void => {
    for (const service of items) {
      keepRoomFor(size.body * 5)
      paragraph(service.name, { bold: true })
      if (service.details) paragraph(service.details)
      for (const [label, value] of service.contact) labelled(label, value)
    }
  }
  /** A ruled box (decoration only, so marked as an artifact) around text that must stand out in black and white. */
  const boxed = (text: string): void => {
    const padding = size.body * 0.6
    doc.font(BOLD).fontSize(size.body)
    const height = doc.heightOfString(text, { width: width - padding * 2 }) + padding * 2
    keepRoomFor(height + size.body)
    const top = doc.y
    doc.markContent('Artifact', { type: 'Layout' })
    doc.lineWidth(1.5).rect(MARGIN, top, width, height).stroke('#000000')
    doc.endMarkedContent()
    block('P', () =>
      doc
        .font(BOLD)
        .fontSize(size.body)
        .text(text, MARGIN + padding, top + padding, { width: width - padding * 2 }),
    )
    doc.x = MARGIN
    doc.y = top + height
    doc.moveDown(size.gap)
  }

  doc.fillColor('#000000')
  paragraph(view.serviceName)
  heading('H1', view.title)
  paragraph(`For ${view.personName}`)
  if (view.draft) boxed(`${view.status}. This plan may still change.`)
  else paragraph(view.status)

  heading('H2', 'Your link worker')
  const photo = readablePhoto(doc, options.photo)
  const top = doc.y
  const textX = photo ? MARGIN + size.photo + size.body : MARGIN
  const textWidth = width - (textX - MARGIN)
  if (photo) {
    root.add(
      doc.struct('Figure', { alt: view.linkWorker.photoAlt }, () =>
        doc.image(photo.content, MARGIN, top, { fit: [size.photo, size.photo] }),
      ),
    )
  }
  doc.y = top
  block('P', () =>
    doc
      .font(BOLD)
      .fontSize(size.body + 2)
      .text(view.linkWorker.name, textX, doc.y, { width: textWidth }),
  )
  doc.moveDown(0.3)
  if (view.linkWorker.phone) labelled('Phone', view.linkWorker.phone, textX, textWidth)
  if (view.linkWorker.email) labelled('Email', view.linkWorker.email, textX, textWidth)
  if (view.linkWorker.availability) labelled('When', view.linkWorker.availability, textX, textWidth)
  doc.x = MARGIN
  doc.y = Math.max(doc.y, photo ? top + size.photo : doc.y)
  // Urgent help on the first page, straight after who to call, where it is seen first.
  doc.moveDown(0.5)
  boxed(view.urgentHelp)

  heading('H2', 'What matters to you')
  if (view.whatMatters) paragraph(`“${view.whatMatters}”`)
  if (view.goals.length === 0) paragraph('We have not written down any goals yet.')
  for (const goal of view.goals) {
    heading('H3', `Goal ${goal.number}`)
    paragraph(`“${goal.inTheirWords}”`)
    if (goal.workingOn) labelled('Ways to wellbeing', goal.workingOn)
    if (goal.actions.length > 0) {
      subheading('What we will do')
      actionsList(goal.actions)
    }
    if (goal.services.length > 0) {
      subheading('Services to try')
      services(goal.services)
    }
  }
  if (view.otherActions.length > 0) {
    heading('H2', 'Other things we agreed to do')
    actionsList(view.otherActions)
  }
  if (view.otherServices.length > 0) {
    heading('H2', 'Other services to try')
    services(view.otherServices)
  }
  if (view.nextSteps) {
    heading('H2', 'Next steps')
    paragraph(view.nextSteps)
  }
  heading('H2', 'Your next review')
  paragraph(
    view.nextReview
      ? `We will look at this plan together again on ${view.nextReview}.`
      : `${view.linkWorker.name} will arrange a time to look at this plan together again.`,
  )
  paragraph(`Reference ${view.reference}`)
  root.end()
  doc.end()
  return done
}

/**
 * The photo if the PDF library can read it. Uploads are checked for a JPEG or PNG signature, but a file can
 * start like one and still be broken or use a variant the library cannot embed: then the leaflet prints
 * without the photo rather than not at all.
 */
function readablePhoto(doc: PDFKit.PDFDocument, photo: Photo | null): Photo | null {
  if (!photo) return null
  try {
    ;(doc as unknown as { openImage(src: Buffer): unknown }).openImage(photo.content)
    return photo
  } catch {
    return null
  }
}

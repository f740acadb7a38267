// SPDX-License-Identifier: AGPL-3.0-or-later
import { startPdf } from '../../platform/views/pdf.ts'
import { HOW_TO_JOIN_LABELS, describeCost, isOneOf, HOW_TO_JOIN_VALUES } from './directory.ts'
import { describeSchedule, formatDate, formatTime, nextSession, ukNow } from './schedules.ts'
import {
  listCostsForServices,
  listLocationsForServices,
  listPhonesForServices,
  listSchedulesForServices,
  listServiceSummaries,
} from './search-details.repository.ts'
import type { AreaScope } from '../../platform/db/org-scope.ts'

/** One service on a signposting sheet, in plain language. */
export interface SheetItem {
  id: string
  name: string
  organizationName: string
  description: string
  when: string[]
  next: string | null
  where: string | null
  cost: string
  howToJoin: string
  phones: string[]
  email: string | null
  url: string | null
  feedbackUrl: string | null
  /** False for a listing that is no longer open: callers that print contact details leave it out. */
  active: boolean
}

const PLAIN_HOW_TO_JOIN: Record<(typeof HOW_TO_JOIN_VALUES)[number], string> = {
  signpost: 'You can just go along, or get in touch with them first.',
  'direct-referral': 'Your link worker will refer you. They will then get in touch with you.',
  'accompany-first-visit': 'Your link worker can go with you the first time. Ask them.',
}

/** Builds the sheet in a fixed number of queries, whatever the number of services. */
export async function buildSheet(
  scope: AreaScope,
  serviceIds: readonly string[],
  feedbackUrlFor: ((serviceId: string) => string) | null,
): Promise<SheetItem[]> {
  const [summaries, locations, schedules, costs, phones] = await Promise.all([
    listServiceSummaries(scope, serviceIds),
    listLocationsForServices(scope, serviceIds, null),
    listSchedulesForServices(scope, serviceIds),
    listCostsForServices(scope, serviceIds),
    listPhonesForServices(scope, serviceIds),
  ])
  const { today, time } = ukNow()
  // Keep the order the link worker chose.
  return serviceIds.flatMap((id) => {
    const s = summaries.find((x) => x.id === id)
    if (!s) return []
    const mine = schedules.filter((x) => x.serviceId === id)
    const next = nextSession(mine, today, time)
    const location = locations.find((l) => l.serviceId === id)
    return [
      {
        id,
        name: s.name,
        organizationName: s.organizationName,
        description: s.description,
        when: mine.map((x) => describeSchedule(x)),
        next: next ? `${formatDate(next.date)}${next.opensAt ? ` at ${formatTime(next.opensAt)}` : ''}` : null,
        where: location
          ? [location.name, location.address1, location.address2, location.city, location.postalCode]
              .filter(Boolean)
              .join(', ')
          : null,
        cost: describeCost(costs.filter((c) => c.serviceId === id)),
        howToJoin: isOneOf(HOW_TO_JOIN_VALUES, s.howToJoin)
          ? PLAIN_HOW_TO_JOIN[s.howToJoin]
          : HOW_TO_JOIN_LABELS.signpost,
        phones: phones.filter((p) => p.serviceId === id).map((p) => p.number),
        email: s.email,
        url: s.url,
        feedbackUrl: feedbackUrlFor ? feedbackUrlFor(id) : null,
        active: s.status === 'active',
      },
    ]
  })
}

export function sheetAsText(items: readonly SheetItem[], intro: string): string {
  const blocks = items.map((item) =>
    [
      item.name.toUpperCase(),
      item.description,
      item.when.length ? `When: ${item.when.join('; ')}` : 'When: get in touch to find out',
      item.next ? `Next time: ${item.next}` : null,
      item.where ? `Where: ${item.where}` : null,
      `Cost: ${item.cost}`,
      item.howToJoin,
      item.phones.length ? `Phone: ${item.phones.join(', ')}` : null,
      item.email ? `Email: ${item.email}` : null,
      item.url ? `Website: ${item.url}` : null,
      item.feedbackUrl ? `Tell us how it went: ${item.feedbackUrl}` : null,
    ]
      .filter(Boolean)
      .join('\n'),
  )
  return `${intro}\n\n${blocks.join('\n\n')}\n`
}

/** A tagged, plain A4 PDF of the sheet (built-in Helvetica, large type). */
export async function sheetAsPdf(items: readonly SheetItem[], title: string, intro: string): Promise<Buffer> {
  const { doc, finished: done } = startPdf({ Title: title })
  doc.font('Helvetica-Bold').fontSize(22).text(title)
  doc.moveDown(0.5).font('Helvetica').fontSize(13).text(intro)
  for (const item of items) {
    doc.moveDown(1).font('Helvetica-Bold').fontSize(16).text(item.name)
    doc.font('Helvetica').fontSize(12).text(item.organizationName)
    doc.moveDown(0.3).fontSize(13).text(item.description)
    const line = (label: string, value: string | null): void => {
      if (!value) return
      doc.moveDown(0.2).font('Helvetica-Bold').text(`${label}: `, { continued: true }).font('Helvetica').text(value)
    }
    line('When', item.when.length ? item.when.join('; ') : 'Get in touch to find out')
    line('Next time', item.next)
    line('Where', item.where)
    line('Cost', item.cost)
    line('How to go', item.howToJoin)
    line('Phone', item.phones.join(', ') || null)
    line('Email', item.email)
    line('Website', item.url)
    line('Tell us how it went', item.feedbackUrl)
  }
  doc.end()
  return done
}

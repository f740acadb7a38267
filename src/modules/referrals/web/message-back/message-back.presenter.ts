// SPDX-License-Identifier: AGPL-3.0-or-later
import { startPdf } from '../../../../platform/views/pdf.ts'
import { formatNhsNumber } from '../../../../shared/nhs-number.ts'
import { describePostcode } from '../../../../shared/postcode.ts'
import { BUSINESS_STATUS_LABELS, REFERRAL_STATUS_LABELS } from '../../referral-status.ts'
import { DECLINE_REASON_LABELS, NEED_LABELS, PROFESSION_LABELS, type MessageBack } from '../../referral.ts'

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
})

function day(value: Date | string): string {
  return dateFormat.format(typeof value === 'string' ? new Date(`${value}T12:00:00Z`) : value)
}

/** The outcome in words: why support ended when casework says, else the status once (never "Closed (Closed)"). */
function outcomeText(message: MessageBack): string {
  if (message.closingReason) return message.closingReason
  const status = REFERRAL_STATUS_LABELS[message.status]
  const business = BUSINESS_STATUS_LABELS[message.businessStatus]
  return status.toLowerCase() === business.toLowerCase() ? status : `${status}: ${business.toLowerCase()}`
}

/** The message back as headed sections of plain text: the page and the PDF show the same words. */
export function presentMessageBack(message: MessageBack) {
  const requester = [
    message.requester.name,
    message.requester.profession ? PROFESSION_LABELS[message.requester.profession] : null,
    message.requester.organisationName,
  ]
    .filter(Boolean)
    .join(', ')
  return {
    title: message.kind === 'declined' ? 'Social prescribing: declined' : 'Social prescribing: referral closed',
    reference: message.reference,
    issued: day(message.issuedAt),
    code: `SNOMED CT ${message.code.code} – ${message.code.display}`,
    codeValue: message.code.code,
    codeDisplay: message.code.display,
    service: message.service.name,
    rows: [
      ['Name', message.person.name],
      ['Date of birth', day(message.person.dateOfBirth)],
      ['NHS number', message.person.nhsNumber ? formatNhsNumber(message.person.nhsNumber) : 'Not known'],
      ['Postcode', describePostcode(message.person.postcode)],
      ['GP practice', message.person.gpPractice || 'Not given'],
      ['Referred by', requester || 'Self-referral'],
      ['Referral received', day(message.receivedAt)],
      ['Reasons', message.needs.map((n) => NEED_LABELS[n]).join(', ') || 'Not given'],
      ['Outcome', outcomeText(message)],
    ] as [string, string][],
    whatHappened: message.whatHappened,
    whatWasDone: message.whatWasDone,
    contact: message.contact
      ? {
          lines: [
            message.contact.name,
            message.contact.phone ? `Phone: ${message.contact.phone}` : '',
            message.contact.email ? `Email: ${message.contact.email}` : '',
            message.contact.hours ? `Working hours: ${message.contact.hours}` : '',
          ].filter(Boolean),
        }
      : null,
    declineReason: message.declineReason ? DECLINE_REASON_LABELS[message.declineReason] : null,
    guidance: message.guidance,
    connectedTo: message.connectedTo,
    outcomes: message.outcomes,
    history: message.history.map((h) => ({ when: day(h.occurredAt), text: h.text })),
  }
}

/** A tagged, en-GB PDF of the message back, for the GP record. */
export function messageBackPdf(message: MessageBack): Promise<Buffer> {
  const view = presentMessageBack(message)
  const { doc, finished: done } = startPdf({
    Title: `${view.title} – ${view.reference}`,
    Author: view.service,
    Subject: view.code,
  })
  const heading = (text: string, size = 14): void => {
    doc.moveDown(0.6).font('Helvetica-Bold').fontSize(size).text(text).font('Helvetica').fontSize(11)
  }
  doc.font('Helvetica-Bold').fontSize(18).text(view.title)
  doc.font('Helvetica').fontSize(11).text(`From ${view.service}. Reference ${view.reference}. Issued ${view.issued}.`)
  doc.text(`Coded: ${view.code}`)
  heading('About the person')
  for (const [key, value] of view.rows)
    doc.font('Helvetica-Bold').text(`${key}: `, { continued: true }).font('Helvetica').text(value)
  heading('What happened')
  doc.text(view.whatHappened)
  if (view.whatWasDone) doc.moveDown(0.3).text(view.whatWasDone)
  if (view.declineReason) doc.moveDown(0.3).text(`Reason: ${view.declineReason}`)
  if (view.guidance) doc.moveDown(0.3).text(`Guidance: ${view.guidance}`)
  if (view.connectedTo) {
    heading('Connected to')
    doc.text(view.connectedTo)
  }
  if (view.outcomes) {
    heading('Outcomes')
    doc.text(view.outcomes)
  }
  if (view.contact) {
    heading('Who to contact about this person')
    for (const line of view.contact.lines) doc.text(line)
  }
  heading('History')
  for (const item of view.history) doc.text(`${item.when}: ${item.text}`)
  doc.end()
  return done
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// GOV.UK Notify through its official client: text messages, and email when the deployment gives an email
// template. Each template is a shell with ((message)) (and ((subject))): the app writes the words, so one
// template serves every message and nothing is duplicated between Waymark and Notify.
import { NotifyClient } from 'notifications-node-client'
import type { EmailMessage, EmailSender } from '../email/email.ts'

export interface TextMessage {
  /** A UK mobile number, as the person gave it. */
  to: string
  message: string
  /** Our id for the message, stored by Notify, so a delivery report can be matched (never personal data). */
  reference: string
}

/** Sends text messages. `none` when the deployment has not set Notify up: pages say so instead of offering it. */
export interface TextSender {
  readonly kind: 'notify' | 'memory' | 'none'
  send(message: TextMessage): Promise<{ id: string }>
}

export interface NotifySettings {
  apiKey: string | undefined
  url: string
  textTemplateId: string | undefined
  emailTemplateId: string | undefined
}

export class TextsNotSetUpError extends Error {
  constructor() {
    super('Text messages are not set up: WAYMARK_NOTIFY_API_KEY and WAYMARK_NOTIFY_TEXT_TEMPLATE are needed')
    this.name = 'TextsNotSetUpError'
  }
}

function clientFor(settings: NotifySettings): NotifyClient | undefined {
  return settings.apiKey ? new NotifyClient(settings.url, settings.apiKey) : undefined
}

export function createTextSender(settings: NotifySettings): TextSender {
  const client = clientFor(settings)
  const templateId = settings.textTemplateId
  if (!client || !templateId)
    return {
      kind: 'none',
      async send() {
        throw new TextsNotSetUpError()
      },
    }
  return {
    kind: 'notify',
    async send(message) {
      const response = await client.sendSms(templateId, message.to, {
        personalisation: { message: message.message },
        reference: message.reference,
      })
      return { id: response.data.id }
    },
  }
}

/** Email through Notify, when its email template is set; otherwise undefined (SMTP or the log sender is used). */
export function createNotifyEmailSender(settings: NotifySettings): EmailSender | undefined {
  const client = clientFor(settings)
  const templateId = settings.emailTemplateId
  if (!client || !templateId) return undefined
  return {
    kind: 'notify',
    async send(message: EmailMessage) {
      await client.sendEmail(templateId, message.to, {
        personalisation: { subject: message.subject, message: message.text },
      })
    },
  }
}

export function createMemoryTextSender(): TextSender & { sent: TextMessage[] } {
  const sent: TextMessage[] = []
  return {
    kind: 'memory',
    sent,
    async send(message) {
      sent.push(message)
      return { id: `memory-${sent.length}` }
    },
  }
}

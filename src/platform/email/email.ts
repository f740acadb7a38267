// SPDX-License-Identifier: AGPL-3.0-or-later
import nodemailer from 'nodemailer'
import type { FastifyBaseLogger } from 'fastify'

export interface EmailMessage {
  to: string
  subject: string
  text: string
}

/** Sends email. Development logs a line (never the body: it may hold personal data); production uses SMTP. */
export interface EmailSender {
  readonly kind: 'log' | 'smtp' | 'memory' | 'notify'
  send(message: EmailMessage): Promise<void>
}

export function createEmailSender(options: {
  smtpUrl: string | undefined
  from: string
  log: FastifyBaseLogger
}): EmailSender {
  if (!options.smtpUrl) {
    return {
      kind: 'log',
      async send(message) {
        options.log.info(
          { emailSubject: message.subject },
          'email not sent: no WAYMARK_SMTP_URL configured (log-only sender)',
        )
      },
    }
  }
  const transport = nodemailer.createTransport(options.smtpUrl)
  return {
    kind: 'smtp',
    async send(message) {
      await transport.sendMail({ from: options.from, to: message.to, subject: message.subject, text: message.text })
    },
  }
}

/** Keeps messages in memory, for tests that check what would have been sent. */
export function createMemoryEmailSender(): EmailSender & { sent: EmailMessage[] } {
  const sent: EmailMessage[] = []
  return {
    kind: 'memory',
    sent,
    async send(message) {
      sent.push(message)
    },
  }
}

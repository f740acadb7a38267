// SPDX-License-Identifier: AGPL-3.0-or-later
// The group's page: no account, the link is the credential. It shows only what the person agreed to share, and
// nothing at all once the link has expired, been answered, or the person has withdrawn their consent.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Database } from '../../../../platform/db/database.ts'
import { queryField, type FieldErrors } from '../../../../platform/http/forms.ts'
import { CONNECTION_STATUS_LABELS, PROVIDER_ANSWERS, providerMayAnswer, type Connection } from '../../connection.ts'
import { ConnectionsError } from '../../connections.errors.ts'
import { answerAsProvider, readByProvider } from '../../group-links.service.ts'
import { parseAnswerForm, readAnswerForm, type StatusValues } from '../connections.form.ts'
import { answerPageModel } from '../connections.presenter.ts'

type TokenParams = { Params: { token: string } }
const TEMPLATE = 'modules/connections/web/respond/respond.njk'
const ENDED = 'platform/views/confirmation.njk'

function linkEnded(reply: FastifyReply, error: ConnectionsError): FastifyReply {
  if (error.code === 'CONNECTIONS_CONSENT_WITHDRAWN')
    return reply.page(
      ENDED,
      {
        pageTitle: 'These details are no longer available',
        panelTitle: 'These details are no longer available',
        paragraphs: [
          'The person has withdrawn their agreement to share their details with community groups, so we cannot show them any more.',
          'If you have already been in touch with them, please do not keep their details. Their link worker will be in touch if anything changes.',
        ],
      },
      410,
    )
  return reply.page(
    ENDED,
    {
      pageTitle: 'This link has expired',
      panelTitle: 'This link has expired or is not valid',
      paragraphs: [
        'Links to answer a connection work for 30 days. Reply to the email you were sent and the link worker will send a new one.',
      ],
    },
    404,
  )
}

function answered(reply: FastifyReply, connection: Connection, thanks: boolean): FastifyReply {
  return reply.page(ENDED, {
    pageTitle: thanks ? 'Thank you for your answer' : 'This connection has been answered',
    panelTitle: thanks ? 'Thank you for your answer' : 'This connection has been answered',
    paragraphs: [
      `Your answer has been recorded: ${CONNECTION_STATUS_LABELS[connection.status].toLowerCase()}. The person’s link worker can see it now.`,
      'If anything changes, reply to the email you were sent.',
    ],
  })
}

function render(
  reply: FastifyReply,
  token: string,
  connection: Connection,
  values: Partial<StatusValues>,
  errors: FieldErrors,
  status = 200,
  flash?: string,
): FastifyReply {
  return reply.page(
    TEMPLATE,
    {
      pageTitle: `Someone would like to join ${connection.serviceName}`,
      flash,
      ...answerPageModel(connection, { action: `/connections/respond/${token}`, values, errors }),
    },
    status,
  )
}

export function showRespond(db: Database) {
  return async (request: FastifyRequest<TokenParams>, reply: FastifyReply) => {
    const { token } = request.params
    try {
      const { connection } = await readByProvider(db, token, request.auditActor())
      const thanks = queryField(request.query, 'answered', 3) === 'yes'
      if (!PROVIDER_ANSWERS.some((a) => providerMayAnswer(connection.status, a)))
        return answered(reply, connection, thanks)
      // On the waiting list: the group can come back to this link when a place comes up.
      const flash = thanks
        ? 'Thank you for your answer. Come back to this link when you can welcome them, or if you cannot after all.'
        : undefined
      return render(reply, token, connection, {}, {}, 200, flash)
    } catch (error) {
      if (error instanceof ConnectionsError) return linkEnded(reply, error)
      throw error
    }
  }
}

export function submitRespond(db: Database) {
  return async (request: FastifyRequest<TokenParams>, reply: FastifyReply) => {
    const { token } = request.params
    try {
      const values = readAnswerForm(request.body)
      const parsed = parseAnswerForm(values)
      if (!parsed.ok) {
        const { connection } = await readByProvider(db, token, request.auditActor())
        return render(reply, token, connection, values, parsed.errors, 400)
      }
      await answerAsProvider(db, token, parsed.value, request.auditActor())
      return reply.redirect(`/connections/respond/${token}?answered=yes`, 303)
    } catch (error) {
      if (error instanceof ConnectionsError && error.code === 'CONNECTIONS_LINK_ANSWERED')
        return reply.redirect(`/connections/respond/${token}`, 303)
      if (error instanceof ConnectionsError) return linkEnded(reply, error)
      throw error
    }
  }
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// A community provider's account: every connection sent to its services in one list, and each one answered there.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Database } from '../../../../platform/db/database.ts'
import { paginationFor, pagingFrom, queryField, textField, type FieldErrors } from '../../../../platform/http/forms.ts'
import type { Connection } from '../../connection.ts'
import { ConnectionsError } from '../../connections.errors.ts'
import {
  answerForProvider,
  listForProvider,
  openForProvider,
  PROVIDER_PAGE_SIZE,
  type ProviderAccount,
} from '../../provider-account.service.ts'
import { parseAnswerForm, readAnswerForm, type StatusValues } from '../connections.form.ts'
import { formatDay, answerPageModel, statusTag } from '../connections.presenter.ts'

type ConnectionParams = { Params: { organisationId: string; connectionId: string } }

function accountOf(request: FastifyRequest): ProviderAccount {
  const actor = request.actor!
  return {
    organisationId: actor.organisation!.id,
    areaId: actor.organisation!.areaId,
    audit: request.auditActor(),
    userId: actor.userId,
    name: actor.displayName,
  }
}

export function showGroupConnections(db: Database) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const paging = pagingFrom(request.query, PROVIDER_PAGE_SIZE)
    const { services, items, total } = await listForProvider(db, accountOf(request), paging.page)
    return reply.page('modules/connections/web/group/group-list.njk', {
      pageTitle: 'People connected to your groups',
      organisationName: request.actor!.organisation!.name,
      services: services.map((s) => s.name),
      total,
      rows: items.map(({ organisationId, connection, mayShow }) => ({
        href: `/connections/group/${organisationId}/${connection.id}`,
        name: mayShow ? (connection.shared['name'] ?? 'Name not shared') : 'Details withdrawn',
        mayShow,
        serviceName: connection.serviceName,
        tag: statusTag(connection),
        sent: formatDay(connection.createdAt),
        waiting: connection.status === 'sent' || connection.status === 'waiting-list',
      })),
      pagination: paginationFor('/connections/group', {}, paging, total),
    })
  }
}

function render(
  reply: FastifyReply,
  organisationId: string,
  connection: Connection,
  values: Partial<StatusValues>,
  errors: FieldErrors,
  status = 200,
  flash?: string,
): FastifyReply {
  const action = `/connections/group/${organisationId}/${connection.id}`
  return reply.page(
    'modules/connections/web/respond/respond.njk',
    {
      pageTitle: `${connection.shared['name'] ?? 'Someone'}: ${connection.serviceName}`,
      backLinkHref: '/connections/group',
      flash,
      rowVersion: connection.rowVersion,
      ...answerPageModel(connection, { action, values, errors }),
    },
    status,
  )
}

function gone(reply: FastifyReply, error: ConnectionsError): FastifyReply {
  const withdrawn = error.code === 'CONNECTIONS_CONSENT_WITHDRAWN'
  return reply.page(
    'platform/views/confirmation.njk',
    {
      pageTitle: withdrawn ? 'These details are no longer available' : 'Connection not found',
      panelTitle: withdrawn ? 'These details are no longer available' : 'Connection not found',
      paragraphs: [
        withdrawn
          ? 'The person has withdrawn their agreement to share their details with community groups. If you have their details, please do not keep them.'
          : 'It may have been sent to a group your organisation does not run in Waymark.',
      ],
      nextHref: '/connections/group',
      nextText: 'Back to the people connected to your groups',
    },
    withdrawn ? 410 : 404,
  )
}

export function showGroupConnection(db: Database) {
  return async (request: FastifyRequest<ConnectionParams>, reply: FastifyReply) => {
    const { organisationId, connectionId } = request.params
    try {
      const { connection } = await openForProvider(db, accountOf(request), organisationId, connectionId)
      const flash =
        queryField(request.query, 'answered', 3) === 'yes'
          ? 'Your answer has been recorded. The person’s link worker can see it now.'
          : undefined
      return render(reply, organisationId, connection, {}, {}, 200, flash)
    } catch (error) {
      if (error instanceof ConnectionsError) return gone(reply, error)
      throw error
    }
  }
}

export function submitGroupConnection(db: Database) {
  return async (request: FastifyRequest<ConnectionParams>, reply: FastifyReply) => {
    const { organisationId, connectionId } = request.params
    const account = accountOf(request)
    const values = readAnswerForm(request.body)
    const parsed = parseAnswerForm(values)
    try {
      if (!parsed.ok) {
        const { connection } = await openForProvider(db, account, organisationId, connectionId)
        return render(reply, organisationId, connection, values, parsed.errors, 400)
      }
      const rowVersion = Number(textField(request.body, 'rowVersion', 10))
      await answerForProvider(db, account, organisationId, connectionId, rowVersion, parsed.value)
      return reply.redirect(`/connections/group/${organisationId}/${connectionId}?answered=yes`, 303)
    } catch (error) {
      if (
        error instanceof ConnectionsError &&
        (error.code === 'CONNECTIONS_LINK_ANSWERED' || error.code === 'CONNECTIONS_CHANGED_BY_SOMEONE_ELSE')
      ) {
        // Answered meanwhile (a colleague, or the emailed link): show it as it is now, keeping what was typed.
        const { connection } = await openForProvider(db, account, organisationId, connectionId)
        const message = 'Someone has answered since you opened this page. Check the answer below.'
        return render(reply, organisationId, connection, values, { status: message }, 409)
      }
      if (error instanceof ConnectionsError) return gone(reply, error)
      throw error
    }
  }
}

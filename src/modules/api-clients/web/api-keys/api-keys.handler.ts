// SPDX-License-Identifier: AGPL-3.0-or-later
import { randomUUID } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { UnauthenticatedError } from '../../../../platform/http/errors.ts'
import { errorListFor, paginationFor, pagingFrom, type FieldErrors } from '../../../../platform/http/forms.ts'
import { ApiClientsError } from '../../api-clients.errors.ts'
import { createApiKey, findApiKeyOrThrow, listApiKeys, revokeApiKey } from '../../api-clients.service.ts'
import { parseCreateApiKey, type CreateApiKeyValues } from './api-keys.form.ts'
import { presentApiKeyRows } from './api-keys.presenter.ts'
import { isUuid } from '../../../../shared/uuid.ts'

const DIR = 'modules/api-clients/web/api-keys'

export async function showApiKeys(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const paging = pagingFrom(request.query, 25)
  const { rows, total } = await listApiKeys(request.orgScope(), { limit: paging.pageSize, offset: paging.offset })
  return reply.page(`${DIR}/api-keys.njk`, {
    pageTitle: 'API keys',
    organisationName: request.actor?.organisation?.name,
    rows: presentApiKeyRows(rows),
    total,
    pagination: paginationFor('/admin/api-keys', {}, paging, total),
  })
}

function renderNew(
  request: FastifyRequest,
  reply: FastifyReply,
  values: CreateApiKeyValues,
  errors: FieldErrors,
  statusCode = 200,
): FastifyReply {
  return reply.page(
    `${DIR}/new-api-key.njk`,
    {
      pageTitle: 'Create an API key',
      organisationName: request.actor?.organisation?.name,
      values,
      errors,
      errorList: errorListFor(errors),
      backLinkHref: '/admin/api-keys',
    },
    statusCode,
  )
}

export async function showNewApiKey(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  return renderNew(request, reply, { name: '', submissionKey: randomUUID() }, {})
}

export async function submitNewApiKey(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const actor = request.actor
  if (!actor?.organisation) throw new UnauthenticatedError()
  const form = parseCreateApiKey(request.body)
  if (!form.ok) {
    return renderNew(
      request,
      reply,
      { ...form.values, submissionKey: form.values.submissionKey || randomUUID() },
      form.errors,
      400,
    )
  }
  try {
    const { client, key } = await createApiKey(
      request.orgScope(),
      { name: form.value.name, createdBy: actor.userId, submissionKey: form.value.submissionKey || randomUUID() },
      request.auditActor(),
    )
    // The key is in this response only: never cache it.
    void reply.header('cache-control', 'no-store')
    return reply.page(`${DIR}/api-key-created.njk`, {
      pageTitle: 'API key created',
      name: client.name,
      key,
    })
  } catch (error) {
    if (error instanceof ApiClientsError && error.code === 'API_CLIENTS_ALREADY_CREATED') {
      return reply.page(
        'platform/views/confirmation.njk',
        {
          pageTitle: 'This API key was already created',
          panelTitle: 'This API key was already created',
          paragraphs: [
            'You submitted this form twice. The key was created the first time and is shown only once.',
            'If you did not copy it, revoke it and create another.',
          ],
          nextHref: '/admin/api-keys',
          nextText: 'Go to API keys',
        },
        409,
      )
    }
    throw error
  }
}

function keyIdFrom(request: FastifyRequest): string {
  const id = (request.params as { id?: string }).id ?? ''
  if (!isUuid(id)) throw new ApiClientsError('API_CLIENTS_NOT_FOUND')
  return id
}

export async function showRevokeApiKey(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const client = await findApiKeyOrThrow(request.orgScope(), keyIdFrom(request))
  if (client.revokedAt) return reply.redirect('/admin/api-keys', 303)
  return reply.page(`${DIR}/revoke-api-key.njk`, {
    pageTitle: `Revoke ${client.name}`,
    client,
    backLinkHref: '/admin/api-keys',
  })
}

export async function submitRevokeApiKey(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const actor = request.actor
  if (!actor?.organisation) throw new UnauthenticatedError()
  const id = keyIdFrom(request)
  const client = await findApiKeyOrThrow(request.orgScope(), id)
  // Revoking twice (a resubmitted form) is harmless: the key is already dead.
  if (!client.revokedAt) await revokeApiKey(request.orgScope(), id, actor.userId, request.auditActor())
  return reply.redirect('/admin/api-keys', 303)
}

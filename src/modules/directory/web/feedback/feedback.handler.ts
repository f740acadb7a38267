// SPDX-License-Identifier: AGPL-3.0-or-later
import { randomUUID } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../../../../config.ts'
import type { Database } from '../../../../platform/db/database.ts'
import { NotFoundError, UnauthenticatedError } from '../../../../platform/http/errors.ts'
import { errorListFor, type FieldErrors } from '../../../../platform/http/forms.ts'
import { findListing } from '../../directory.service.ts'
import type { AreaScope } from '../../../../platform/db/org-scope.ts'
import { recordFeedback, verifyFeedbackSignature } from '../../signposting.service.ts'

import { parseFeedback, type FeedbackValues } from './feedback.form.ts'
import { isUuid } from '../../../../shared/uuid.ts'

const TEMPLATE = 'modules/directory/web/feedback/feedback.njk'

type Who = 'link-worker' | 'person'

function answerItems(selected: string, who: Who) {
  return [
    { value: 'yes', text: 'Yes', checked: selected === 'yes' },
    { value: 'no', text: 'No', checked: selected === 'no' },
    {
      value: 'not-sure',
      text: who === 'person' ? 'Not sure' : 'Not sure or did not say',
      checked: selected === 'not-sure',
    },
  ]
}

function render(
  reply: FastifyReply,
  model: { serviceName: string; action: string; who: Who; backLinkHref?: string },
  values: FeedbackValues,
  errors: FieldErrors,
  status = 200,
): FastifyReply {
  return reply.page(
    TEMPLATE,
    {
      pageTitle: model.who === 'person' ? `How did ${model.serviceName} go?` : 'Record how a connection went',
      ...model,
      values,
      errors,
      errorList: errorListFor(errors, { welcoming: 'welcoming', wouldRecommend: 'wouldRecommend' }),
      welcomingItems: answerItems(values.welcoming, model.who),
      recommendItems: answerItems(values.wouldRecommend, model.who),
    },
    status,
  )
}

const EMPTY = (): FeedbackValues => ({ welcoming: '', wouldRecommend: '', comment: '', idempotencyKey: randomUUID() })

// Link workers, signed in.

export async function showStaffFeedback(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) {
  const found = await findListing(request.orgScope(), request.params.id)
  if (!found) throw new NotFoundError('service')
  const id = found.service.id
  return render(
    reply,
    {
      serviceName: found.service.name,
      action: `/directory/services/${id}/feedback`,
      who: 'link-worker',
      backLinkHref: `/directory/services/${id}`,
    },
    EMPTY(),
    {},
  )
}

export async function submitStaffFeedback(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) {
  const actor = request.actor
  if (!actor) throw new UnauthenticatedError()
  const scope = request.orgScope()
  const found = await findListing(scope, request.params.id)
  if (!found) throw new NotFoundError('service')
  const id = found.service.id
  const form = parseFeedback(request.body, 'link-worker')
  if (!form.ok)
    return render(
      reply,
      {
        serviceName: found.service.name,
        action: `/directory/services/${id}/feedback`,
        who: 'link-worker',
        backLinkHref: `/directory/services/${id}`,
      },
      form.values,
      form.errors,
      400,
    )
  await recordFeedback(
    scope,
    {
      serviceId: id,
      source: 'link-worker',
      userId: actor.userId,
      welcoming: form.welcoming,
      wouldRecommend: form.wouldRecommend,
      comment: form.values.comment || null,
      idempotencyKey: form.values.idempotencyKey,
    },
    request.auditActor(),
  )
  return reply.redirect(`/directory/services/${id}?done=feedback`, 303)
}

// The person, from the link on their sheet: no account. The signature binds the link to one listing.

type PublicParams = { Params: { areaId: string; serviceId: string; signature: string } }

async function publicListing(db: Database, config: Config, params: PublicParams['Params']) {
  const { areaId, serviceId, signature } = params
  if (
    !isUuid(areaId) ||
    !isUuid(serviceId) ||
    !verifyFeedbackSignature(config.sessionSecret, areaId, serviceId, signature)
  )
    throw new NotFoundError('feedback link')
  // Written exception to request scopes: the signed link names the area, and only this listing is used.
  const scope: AreaScope<Database> = { areaId, db }
  const found = await findListing(scope, serviceId)
  if (!found) throw new NotFoundError('service')
  return { scope, found, action: `/directory/feedback/${areaId}/${serviceId}/${signature}` }
}

export function showPublicFeedback(config: Config, db: Database) {
  return async (request: FastifyRequest<PublicParams>, reply: FastifyReply) => {
    const { found, action } = await publicListing(db, config, request.params)
    return render(reply, { serviceName: found.service.name, action, who: 'person' }, EMPTY(), {})
  }
}

export function submitPublicFeedback(config: Config, db: Database) {
  return async (request: FastifyRequest<PublicParams>, reply: FastifyReply) => {
    const { scope, found, action } = await publicListing(db, config, request.params)
    const form = parseFeedback(request.body, 'person')
    if (!form.ok)
      return render(reply, { serviceName: found.service.name, action, who: 'person' }, form.values, form.errors, 400)
    await recordFeedback(
      scope,
      {
        serviceId: found.service.id,
        source: 'person',
        userId: null,
        welcoming: form.welcoming,
        wouldRecommend: form.wouldRecommend,
        comment: form.values.comment || null,
        idempotencyKey: form.values.idempotencyKey,
      },
      request.auditActor(),
    )
    return reply.page('platform/views/confirmation.njk', {
      pageTitle: 'Thank you',
      panelTitle: 'Thank you for telling us',
      paragraphs: [
        `What you said about ${found.service.name} helps link workers suggest the right things to other people.`,
      ],
    })
  }
}

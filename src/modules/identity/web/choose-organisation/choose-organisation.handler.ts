// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Database } from '../../../../platform/db/database.ts'
import { errorListFor, textField, type FieldErrors } from '../../../../platform/http/forms.ts'
import { UnauthenticatedError } from '../../../../platform/http/errors.ts'
import { ROLE_LABELS, isRole } from '../../identity.ts'
import { chooseOrganisation, listMembershipsOf } from '../../identity.service.ts'
import { safeReturnTo } from '../sign-in/sign-in.form.ts'

const TEMPLATE = 'modules/identity/web/choose-organisation/choose-organisation.njk'

async function render(
  db: Database,
  request: FastifyRequest,
  reply: FastifyReply,
  errors: FieldErrors,
  returnTo: string,
  statusCode = 200,
): Promise<FastifyReply> {
  const actor = request.actor
  if (!actor) throw new UnauthenticatedError()
  const memberships = await listMembershipsOf(db, actor.userId)
  return reply.page(
    TEMPLATE,
    {
      pageTitle: 'Choose your organisation',
      errors,
      errorList: errorListFor(errors, { organisationId: 'organisationId' }),
      returnTo,
      items: memberships.map((m) => ({
        value: m.organisationId,
        text: m.organisationName,
        hint: {
          text: m.roles
            .filter(isRole)
            .map((r) => ROLE_LABELS[r])
            .join(', '),
        },
        checked: actor.organisation?.id === m.organisationId,
      })),
    },
    statusCode,
  )
}

export function showChooseOrganisation(db: Database) {
  return async (request: FastifyRequest<{ Querystring: { returnTo?: string } }>, reply: FastifyReply) =>
    render(db, request, reply, {}, safeReturnTo(request.query.returnTo))
}

export function submitChooseOrganisation(db: Database) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const actor = request.actor
    if (!actor) throw new UnauthenticatedError()
    const organisationId = textField(request.body, 'organisationId', 36)
    const returnTo = safeReturnTo((request.body as Record<string, unknown> | undefined)?.['returnTo'])
    const memberships = await listMembershipsOf(db, actor.userId)
    if (!memberships.some((m) => m.organisationId === organisationId)) {
      return render(
        db,
        request,
        reply,
        { organisationId: 'Select the organisation you are working for' },
        returnTo,
        400,
      )
    }
    await chooseOrganisation(db, actor, organisationId, request.auditActor())
    return reply.redirect(returnTo, 303)
  }
}

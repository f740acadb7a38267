// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Database } from '../../../../platform/db/database.ts'
import { UnauthenticatedError } from '../../../../platform/http/errors.ts'
import { errorListFor, type FieldErrors } from '../../../../platform/http/forms.ts'
import { changePassword } from '../../identity.service.ts'
import { parseChangePassword } from './change-password.form.ts'

const TEMPLATE = 'modules/identity/web/change-password/change-password.njk'

function render(reply: FastifyReply, errors: FieldErrors, statusCode = 200): FastifyReply {
  return reply.page(
    TEMPLATE,
    { pageTitle: 'Change your password', errors, errorList: errorListFor(errors), backLinkHref: '/' },
    statusCode,
  )
}

export async function showChangePassword(_request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  return render(reply, {})
}

export function submitChangePassword(db: Database) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const actor = request.actor
    if (!actor) throw new UnauthenticatedError()
    const form = parseChangePassword(request.body, actor.email)
    if (!form.ok) return render(reply, form.errors, 400)
    const result = await changePassword(db, actor, form.value, request.auditActor())
    if (!result.ok) return render(reply, { currentPassword: 'Your current password is not correct' }, 400)
    return reply.page('platform/views/confirmation.njk', {
      pageTitle: 'Password changed',
      panelTitle: 'Password changed',
      paragraphs: ['You have been signed out on every other device.'],
      nextHref: '/',
      nextText: 'Go to your home page',
    })
  }
}

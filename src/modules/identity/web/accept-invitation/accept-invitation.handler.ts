// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Database } from '../../../../platform/db/database.ts'
import { NotFoundError } from '../../../../platform/http/errors.ts'
import { errorListFor, type FieldErrors } from '../../../../platform/http/forms.ts'
import { IdentityError } from '../../identity.errors.ts'
import { acceptInvitation, findInvitation } from '../../members.service.ts'
import { parseNewPassword } from '../change-password/change-password.form.ts'

type InvitationRequest = FastifyRequest<{ Params: { token: string } }>

const TOKEN = /^[A-Za-z0-9_-]{43}$/

async function loadOrThrow(
  db: Database,
  token: string,
): Promise<NonNullable<Awaited<ReturnType<typeof findInvitation>>>> {
  const found = TOKEN.test(token) ? await findInvitation(db, token) : undefined
  if (!found) throw new NotFoundError('invitation')
  return found
}

async function render(
  db: Database,
  request: InvitationRequest,
  reply: FastifyReply,
  errors: FieldErrors,
  statusCode = 200,
) {
  const found = await loadOrThrow(db, request.params.token)
  return reply.page(
    'modules/identity/web/accept-invitation/accept-invitation.njk',
    {
      pageTitle: 'Accept your invitation',
      token: request.params.token,
      email: found.invitation.email,
      organisationName: found.organisation.name,
      existingUser: found.existingUser,
      errors,
      errorList: errorListFor(errors),
    },
    statusCode,
  )
}

export function showAcceptInvitation(db: Database) {
  return async (request: InvitationRequest, reply: FastifyReply) => render(db, request, reply, {})
}

export function submitAcceptInvitation(db: Database) {
  return async (request: InvitationRequest, reply: FastifyReply) => {
    const found = await loadOrThrow(db, request.params.token)
    let password: string
    if (found.existingUser) {
      const raw = (request.body as Record<string, unknown> | undefined)?.['currentPassword']
      password = typeof raw === 'string' ? raw.slice(0, 201) : ''
      if (!password) return render(db, request, reply, { currentPassword: 'Enter your Waymark password' }, 400)
    } else {
      const form = parseNewPassword(request.body, found.invitation.email)
      if (!form.ok) return render(db, request, reply, form.errors, 400)
      password = form.value.newPassword
    }
    try {
      await acceptInvitation(
        db,
        request.params.token,
        { password },
        { ipAddress: request.ip, correlationId: request.id },
      )
    } catch (error) {
      if (error instanceof IdentityError && error.code === 'IDENTITY_WRONG_PASSWORD') {
        return render(db, request, reply, { currentPassword: 'Your password is not correct' }, 400)
      }
      throw error
    }
    return reply.page('platform/views/confirmation.njk', {
      pageTitle: 'Invitation accepted',
      panelTitle: 'Invitation accepted',
      paragraphs: [`You can now sign in to Waymark for ${found.organisation.name}.`],
      nextHref: '/sign-in',
      nextText: 'Sign in',
    })
  }
}

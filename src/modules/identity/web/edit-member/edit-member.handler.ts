// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import { errorListFor, type FieldErrors } from '../../../../platform/http/forms.ts'
import { NotFoundError } from '../../../../platform/http/errors.ts'
import { IdentityError } from '../../identity.errors.ts'
import { changeMemberRoles, findMemberOrThrow, removeMember } from '../../members.service.ts'
import { parseRoles } from '../invite-member/invite-member.form.ts'
import { roleItems } from '../invite-member/invite-member.handler.ts'

type MemberRequest = FastifyRequest<{ Params: { userId: string } }>

function userIdFrom(request: MemberRequest): string {
  return request.params.userId
}

async function render(
  request: MemberRequest,
  reply: FastifyReply,
  errors: FieldErrors,
  selectedRoles?: string[],
  statusCode = 200,
): Promise<FastifyReply> {
  const member = await findMemberOrThrow(request.orgScope(), userIdFrom(request), request.auditActor())
  return reply.page(
    'modules/identity/web/edit-member/edit-member.njk',
    {
      pageTitle: member.displayName,
      member,
      status: member.hasPassword ? 'Active' : 'Invited',
      organisationName: request.actor?.organisation?.name ?? '',
      roleItems: roleItems(selectedRoles ?? member.roles),
      errors,
      errorList: errorListFor(errors, { roles: 'roles' }),
      backLinkHref: '/admin/users',
    },
    statusCode,
  )
}

export async function showEditMember(request: MemberRequest, reply: FastifyReply): Promise<FastifyReply> {
  try {
    return await render(request, reply, {})
  } catch (error) {
    if (error instanceof IdentityError && error.code === 'IDENTITY_USER_NOT_FOUND') throw new NotFoundError('user')
    throw error
  }
}

export async function submitMemberRoles(request: MemberRequest, reply: FastifyReply): Promise<FastifyReply> {
  const userId = userIdFrom(request)
  const { roles, error } = parseRoles(request.body)
  if (error) return render(request, reply, { roles: error }, roles, 400)
  try {
    await changeMemberRoles(request.orgScope(), userId, roles, request.auditActor())
  } catch (caught) {
    if (caught instanceof IdentityError && caught.code === 'IDENTITY_LAST_ADMINISTRATOR') {
      return render(request, reply, { roles: 'Your organisation must keep at least one administrator' }, roles, 409)
    }
    if (caught instanceof IdentityError && caught.code === 'IDENTITY_USER_NOT_FOUND') throw new NotFoundError('user')
    throw caught
  }
  return reply.redirect(`/admin/users/${userId}`, 303)
}

export async function submitRemoveMember(request: MemberRequest, reply: FastifyReply): Promise<FastifyReply> {
  const userId = userIdFrom(request)
  try {
    await removeMember(request.orgScope(), userId, request.auditActor())
  } catch (caught) {
    if (caught instanceof IdentityError && caught.code === 'IDENTITY_LAST_ADMINISTRATOR') {
      return render(
        request,
        reply,
        { roles: 'You cannot remove the last administrator of your organisation' },
        undefined,
        409,
      )
    }
    if (caught instanceof IdentityError && caught.code === 'IDENTITY_USER_NOT_FOUND') throw new NotFoundError('user')
    throw caught
  }
  return reply.redirect('/admin/users', 303)
}

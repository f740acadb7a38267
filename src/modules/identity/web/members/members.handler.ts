// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import { paginationFor, pagingFrom } from '../../../../platform/http/forms.ts'
import { ROLE_LABELS, isRole } from '../../identity.ts'
import { listMembersOf, listOpenInvitationsOf } from '../../members.service.ts'
import type { MemberRow } from '../../identity.repository.ts'

export function roleLabels(roles: readonly string[]): string {
  return roles
    .filter(isRole)
    .map((r) => ROLE_LABELS[r])
    .join(', ')
}

function statusOf(member: MemberRow, now: Date): string {
  if (member.disabledAt) return 'Disabled'
  if (member.lockedUntil && member.lockedUntil > now) return 'Locked after failed sign-ins'
  if (!member.hasPassword) return 'Invited'
  return 'Active'
}

export async function showMembers(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const scope = request.orgScope()
  const paging = pagingFrom(request.query, 25)
  const [{ rows, total }, invitations] = await Promise.all([
    listMembersOf(scope, { limit: paging.pageSize, offset: paging.offset }, request.auditActor()),
    listOpenInvitationsOf(scope),
  ])
  const now = new Date()
  return reply.page('modules/identity/web/members/members.njk', {
    pageTitle: 'People in your organisation',
    organisationName: request.actor?.organisation?.name,
    total,
    members: rows.map((m) => ({ ...m, roleLabels: roleLabels(m.roles), status: statusOf(m, now) })),
    invitations,
    pagination: paginationFor('/admin/users', {}, paging, total),
  })
}

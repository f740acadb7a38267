// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../../../../config.ts'
import type { EmailSender } from '../../../../platform/email/email.ts'
import { UnauthenticatedError } from '../../../../platform/http/errors.ts'
import { errorListFor, type FieldErrors } from '../../../../platform/http/forms.ts'
import { ROLE_LABELS, ROLES } from '../../identity.ts'
import { IdentityError } from '../../identity.errors.ts'
import { inviteMember } from '../../members.service.ts'
import { parseInviteMember } from './invite-member.form.ts'

const TEMPLATE = 'modules/identity/web/invite-member/invite-member.njk'

const ROLE_HINTS: Record<(typeof ROLES)[number], string> = {
  referrer: 'Makes referrals and follows them',
  'link-worker': 'Supports people on their caseload',
  supervisor: 'Triages referrals, allocates work and supervises the team',
  provider: 'Runs community services and answers connections',
  commissioner: 'Sees aggregate reports, never personal data',
  'directory-editor': 'Keeps the area’s directory of community services right',
  administrator: 'Manages people and access for this organisation',
}

export function roleItems(
  selected: readonly string[],
): { value: string; text: string; hint: { text: string }; checked: boolean }[] {
  return ROLES.map((role) => ({
    value: role,
    text: ROLE_LABELS[role],
    hint: { text: ROLE_HINTS[role] },
    checked: selected.includes(role),
  }))
}

function render(
  request: FastifyRequest,
  reply: FastifyReply,
  values: { displayName: string; email: string; roles: string[] },
  errors: FieldErrors,
  statusCode = 200,
): FastifyReply {
  return reply.page(
    TEMPLATE,
    {
      pageTitle: 'Invite someone',
      organisationName: request.actor?.organisation?.name,
      values,
      errors,
      errorList: errorListFor(errors, { roles: 'roles' }),
      roleItems: roleItems(values.roles),
      backLinkHref: '/admin/users',
    },
    statusCode,
  )
}

export async function showInviteMember(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  return render(request, reply, { displayName: '', email: '', roles: [] }, {})
}

export function submitInviteMember(config: Config, email: EmailSender) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const actor = request.actor
    if (!actor?.organisation) throw new UnauthenticatedError()
    const form = parseInviteMember(request.body)
    if (!form.ok) return render(request, reply, form.values, form.errors, 400)
    try {
      const invitation = await inviteMember(request.orgScope(), actor.userId, form.value, request.auditActor())
      const link = `${config.publicUrl}/invitations/${invitation.token}`
      await email.send({
        to: form.value.email,
        subject: `You have been invited to Waymark by ${actor.organisation.name}`,
        text: `${actor.displayName} has invited you to use Waymark for ${actor.organisation.name}.\n\nSet your password here (the link lasts 7 days):\n${link}\n`,
      })
      return reply.page('platform/views/confirmation.njk', {
        pageTitle: 'Invitation sent',
        panelTitle: 'Invitation sent',
        paragraphs:
          email.kind === 'log'
            ? [
                'Email is not set up on this server, so the invitation was not emailed. Send this link to them yourself:',
                link,
              ]
            : [`We have emailed an invitation to ${form.value.email}. The link lasts 7 days.`],
        nextHref: '/admin/users',
        nextText: 'Back to people in your organisation',
      })
    } catch (error) {
      if (error instanceof IdentityError && error.code === 'IDENTITY_USER_EXISTS') {
        return render(
          request,
          reply,
          form.values,
          { email: 'This person is already a member of your organisation' },
          409,
        )
      }
      throw error
    }
  }
}

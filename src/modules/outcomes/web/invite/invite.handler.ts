// SPDX-License-Identifier: AGPL-3.0-or-later
// The link worker sends the person a link to answer questionnaires themselves, by email or text message, or
// prints it for them. Errors (a way they asked not to be contacted by, no address) show on the outcomes page.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { EmailSender } from '../../../../platform/email/email.ts'
import type { TextSender } from '../../../../platform/notify/notify.ts'
import { AppError } from '../../../../platform/http/errors.ts'
import { formatShortCode } from '../../../../platform/security/secrets.ts'
import { changeActorOf, openCase, referralIdOf } from '../../../casework/index.ts'
import { inviteToAnswer } from '../../invitations.service.ts'
import { instrumentsFor, isAskable } from '../../outcomes.service.ts'
import { renderOutcomes } from '../overview/overview.handler.ts'
import { parseInviteForm, readInviteForm } from './invite.form.ts'

type CaseRequest = FastifyRequest<{ Params: { referralId: string } }>

export function submitInvite(senders: { email: EmailSender; texts: TextSender; publicUrl: string }) {
  return async (request: CaseRequest, reply: FastifyReply) => {
    const scope = request.orgScope()
    const actor = changeActorOf(request)
    const found = await openCase(scope, referralIdOf(request), actor)
    const values = readInviteForm(request.body)
    const askable = (await instrumentsFor(scope)).filter(isAskable).map((i) => i.key)
    const parsed = parseInviteForm(values, askable)
    if (!parsed.ok) return renderOutcomes(request, reply, found, senders.texts, { values, errors: parsed.errors }, 400)
    try {
      const { url, shortCode } = await inviteToAnswer(scope, found, parsed.value, actor, {
        ...senders,
        serviceName: request.actor!.organisation!.name,
      })
      const base = `/caseload/${found.referral.id}/outcomes`
      if (parsed.value.via !== 'printed') return reply.redirect(`${base}?sent=${parsed.value.via}`, 303)
      const p = found.referral.person
      return reply.page('modules/outcomes/web/invite/printed.njk', {
        pageTitle: `A link for ${p.givenName} ${p.familyName} to answer questionnaires`,
        backLinkHref: base,
        personName: `${p.givenName} ${p.familyName}`,
        url,
        codePage: `${senders.publicUrl.replace(/\/$/, '')}/q`,
        code: shortCode ? formatShortCode(shortCode) : '',
        from: actor.name,
        serviceName: request.actor!.organisation!.name,
      })
    } catch (error) {
      if (error instanceof AppError && error.code === 'OUTCOMES_CANNOT_SEND') {
        const refused = String((error.details as { refused?: string } | undefined)?.refused ?? error.message)
        return renderOutcomes(request, reply, found, senders.texts, { values, errors: { via: refused } }, 409)
      }
      throw error
    }
  }
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// An episode's wellbeing and loneliness questionnaires: each score over time as a chart with its numbers, the
// band and whether the change is meaningful, what is due next, and the links sent for them to answer themselves.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FieldErrors } from '../../../../platform/http/forms.ts'
import { errorListFor, queryField } from '../../../../platform/http/forms.ts'
import type { TextSender } from '../../../../platform/notify/notify.ts'
import { changeActorOf, londonToday, openCase, referralIdOf, type Case } from '../../../casework/index.ts'
import { listInvitations, SEND_VIA, whyNotVia, type SendVia } from '../../invitations.service.ts'
import { TIMEPOINT_LABELS, TIMEPOINTS } from '../../outcome.ts'
import { isAskable, viewOutcomes } from '../../outcomes.service.ts'
import { dueText, presentInvitation, presentOutcomes, presentServiceUse } from '../outcomes.presenter.ts'
import { getServiceUse } from '../../service-use.service.ts'
import type { InviteValues } from '../invite/invite.form.ts'

type CaseRequest = FastifyRequest<{ Params: { referralId: string } }>

const VIA_LABELS: Record<SendVia, string> = {
  email: 'Email it to them',
  text: 'Send it by text message',
  printed: 'Print it for them',
}

const SENT_FLASHES: Record<string, string> = {
  email: 'The link has been emailed to them. Their answers will appear here as they finish each questionnaire.',
  text: 'The link has been sent by text message. Their answers will appear here as they finish each questionnaire.',
}

/** The page, with the "send a link" form as typed and its errors when a send was refused. */
export async function renderOutcomes(
  request: CaseRequest,
  reply: FastifyReply,
  found: Case,
  texts: TextSender,
  invite: { values: InviteValues; errors: FieldErrors } | undefined,
  status = 200,
) {
  const scope = request.orgScope()
  const today = londonToday()
  const [outcomes, invitations, serviceUse] = await Promise.all([
    viewOutcomes(scope, found, changeActorOf(request), today),
    listInvitations(scope, found.episode.id),
    getServiceUse(scope, found.episode.id),
  ])
  const p = found.referral.person
  const saved = outcomes.instruments.find((i) => i.key === queryField(request.query, 'saved', 40))
  const timepoint = outcomes.due?.timepoint ?? 'follow-up'
  const chosen =
    invite?.values.instruments ??
    (timepoint === 'baseline' ? outcomes.settings.baselineInstruments : outcomes.settings.followUpInstruments)
  const values = invite?.values ?? { timepoint, instruments: [...chosen], via: '' }
  const errors = invite?.errors ?? {}
  return reply.page(
    'modules/outcomes/web/overview/overview.njk',
    {
      pageTitle: `Wellbeing and loneliness for ${p.givenName} ${p.familyName}`,
      backLinkHref: `/caseload/${found.referral.id}`,
      flash: saved
        ? `Their answers to the ${saved.name} have been saved.`
        : queryField(request.query, 'saved', 40) === 'service-use'
          ? 'Their health and care use has been saved.'
          : SENT_FLASHES[queryField(request.query, 'sent', 10)],
      personName: `${p.givenName} ${p.familyName}`,
      givenName: p.givenName,
      recordHref: `/caseload/${found.referral.id}/outcomes/new`,
      inviteAction: `/caseload/${found.referral.id}/outcomes/invite`,
      due: outcomes.due ? dueText(outcomes.due, outcomes.settings.followUpWeeks) : null,
      firstContact: found.episode.firstContactOn,
      instruments: presentOutcomes(outcomes.instruments, outcomes.measures),
      serviceUse: presentServiceUse(serviceUse),
      serviceUseHref: `/caseload/${found.referral.id}/outcomes/service-use`,
      invitations: invitations.map((i) => presentInvitation(i, outcomes.instruments, new Date())),
      invite: {
        timepoints: TIMEPOINTS.map((t) => ({ value: t, text: TIMEPOINT_LABELS[t], checked: values.timepoint === t })),
        instruments: outcomes.instruments
          .filter(isAskable)
          .map((i) => ({ value: i.key, text: i.name, checked: values.instruments.includes(i.key) })),
        via: SEND_VIA.map((v) => {
          const why = whyNotVia(found, v, texts)
          return { value: v, text: VIA_LABELS[v], checked: values.via === v, hint: why ? { text: why } : undefined }
        }),
      },
      errors,
      errorList: errorListFor(errors, {
        inviteTimepoint: 'inviteTimepoint',
        inviteInstruments: 'inviteInstruments',
        via: 'via',
      }),
    },
    status,
  )
}

export function showOutcomes(texts: TextSender) {
  return async (request: CaseRequest, reply: FastifyReply) => {
    const found = await openCase(request.orgScope(), referralIdOf(request), changeActorOf(request))
    return renderOutcomes(request, reply, found, texts, undefined)
  }
}

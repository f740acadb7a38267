// SPDX-License-Identifier: AGPL-3.0-or-later
import { type Choice } from '../../../../platform/http/choices.ts'
import { randomUUID } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { errorListFor, type FieldErrors } from '../../../../platform/http/forms.ts'
import { NEED_LABELS, NEEDS, type Need } from '../../../referrals/index.ts'
import { londonToday } from '../../casework.ts'
import { openCase, viewCase, type Case } from '../../casework.service.ts'
import { listConversationsForEpisode, recordConversation } from '../../conversation.service.ts'
import type { Conversation } from '../../conversation.ts'
import { changeActorOf, referralIdOf, type CaseParams } from '../shared.ts'
import { parseConversationForm, readConversationForm, type ConversationFormValues } from './conversation.form.ts'

function needItems(needs: readonly Need[], ticked: readonly string[]): Choice[] {
  return needs.map((n) => ({ value: n, text: NEED_LABELS[n], checked: ticked.includes(n) }))
}

function presentConversation(c: Conversation) {
  return {
    ...c,
    needsConfirmed: c.needsConfirmed.map((n) => NEED_LABELS[n]),
    needsAdded: c.needsAdded.map((n) => NEED_LABELS[n]),
  }
}

async function render(
  reply: FastifyReply,
  request: FastifyRequest<CaseParams>,
  found: Case,
  values: Partial<ConversationFormValues>,
  errors: FieldErrors,
  status = 200,
) {
  const p = found.referral.person
  const history = await listConversationsForEpisode(request.orgScope(), found.episode.id)
  const referralNeeds = found.referral.needs
  const ticked = values.needs ?? []
  return reply.page(
    'modules/casework/web/conversation/conversation.njk',
    {
      pageTitle: `What matters to ${p.givenName} ${p.familyName}`,
      backLinkHref: `/caseload/${found.referral.id}`,
      referralId: found.referral.id,
      personName: `${p.givenName} ${p.familyName}`,
      givenName: p.givenName,
      referralWhatMatters: found.referral.whatMatters,
      values,
      errors,
      errorList: errorListFor(errors, {
        day: 'heldOn-day',
        needs: referralNeeds.length ? 'needsConfirmed' : 'needsAdded',
      }),
      confirmItems: needItems(referralNeeds, ticked),
      addItems: needItems(
        NEEDS.filter((n) => !referralNeeds.includes(n)),
        ticked,
      ),
      history: history.map(presentConversation),
    },
    status,
  )
}

/** The form, filled in from the current conversation so an update starts from what was said last time. */
export async function showConversation(request: FastifyRequest<CaseParams>, reply: FastifyReply) {
  const found = await viewCase(request.orgScope(), referralIdOf(request), changeActorOf(request))
  const [current] = await listConversationsForEpisode(request.orgScope(), found.episode.id)
  const [year, month, day] = londonToday().split('-')
  return render(
    reply,
    request,
    found,
    {
      submissionKey: randomUUID(),
      day,
      month,
      year,
      whatMatters: current?.whatMatters ?? '',
      strengths: current?.strengths ?? '',
      interests: current?.interests ?? '',
      whatGetsInTheWay: current?.whatGetsInTheWay ?? '',
      needs: current ? [...current.needsConfirmed, ...current.needsAdded] : [],
    },
    {},
  )
}

export async function submitConversation(request: FastifyRequest<CaseParams>, reply: FastifyReply) {
  const referralId = referralIdOf(request)
  const scope = request.orgScope()
  const actor = changeActorOf(request)
  const found = await openCase(scope, referralId, actor)
  const values = readConversationForm(request.body)
  const parsed = parseConversationForm(values, found.referral.needs, londonToday())
  if (!parsed.ok) return render(reply, request, found, values, parsed.errors, 400)
  await recordConversation(scope, referralId, parsed.value, actor)
  return reply.redirect(`/caseload/${referralId}?saved=conversation`, 303)
}

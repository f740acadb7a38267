// SPDX-License-Identifier: AGPL-3.0-or-later
import { choicesFrom } from '../../../../platform/http/choices.ts'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { errorListFor, textField, type FieldErrors } from '../../../../platform/http/forms.ts'
import { londonToday } from '../../casework.ts'
import { openCase, viewEpisode, type Case } from '../../casework.service.ts'
import { CLOSE_REASON_LABELS } from '../../closing.ts'
import { closeEpisode, findClosure, previewClosingDetails, suggestedConnectedTo } from '../../closing.service.ts'
import { changeActorOf, referralIdOf, type CaseParams } from '../shared.ts'
import { parseCloseForm, readCloseForm, type CloseFormValues } from './close.form.ts'

const FIELD_IDS = { day: 'closedOn-day', reason: 'reason' }

function render(reply: FastifyReply, found: Case, values: Partial<CloseFormValues>, errors: FieldErrors, status = 200) {
  const p = found.referral.person
  return reply.page(
    'modules/casework/web/close/close.njk',
    {
      pageTitle: `End support for ${p.givenName} ${p.familyName}`,
      backLinkHref: `/caseload/${found.referral.id}`,
      referralId: found.referral.id,
      personName: `${p.givenName} ${p.familyName}`,
      paused: found.referral.status === 'on-hold',
      values,
      errors,
      errorList: errorListFor(errors, FIELD_IDS),
      reasonItems: choicesFrom(CLOSE_REASON_LABELS, values.reason ?? ''),
    },
    status,
  )
}

export async function showClose(request: FastifyRequest<CaseParams>, reply: FastifyReply) {
  const scope = request.orgScope()
  const found = await openCase(scope, referralIdOf(request), changeActorOf(request))
  const [year, month, day] = londonToday().split('-')
  const connectedTo = await suggestedConnectedTo(scope, found.episode.id)
  return render(reply, found, { day, month, year, connectedTo }, {})
}

export async function submitClose(request: FastifyRequest<CaseParams>, reply: FastifyReply) {
  const referralId = referralIdOf(request)
  const scope = request.orgScope()
  const actor = changeActorOf(request)
  const values = readCloseForm(request.body)
  // The episode as the link worker may still read it: a second click after closing finds it closed.
  const found = await viewEpisode(scope, referralId, actor, { supervisor: false })
  if (found.episode.closedOn) return reply.redirect(`/caseload/${referralId}/closed`, 303)
  const parsed = parseCloseForm(values, londonToday(), found.episode.openedOn)
  if (!parsed.ok) return render(reply, found, values, parsed.errors, 400)
  // Ending support cannot be undone: first show what the GP and referrer will read, then end it on "confirm".
  const step = textField(request.body, 'step', 10)
  if (step === 'change') return render(reply, found, values, {})
  if (step !== 'confirm') {
    const p = found.referral.person
    return reply.page('modules/casework/web/close/close-check.njk', {
      pageTitle: `Check the message back for ${p.givenName} ${p.familyName}`,
      referralId,
      personName: `${p.givenName} ${p.familyName}`,
      values,
      preview: await previewClosingDetails(scope, found.episode, parsed.value, actor.name),
    })
  }
  await closeEpisode(scope, referralId, parsed.value, actor)
  return reply.redirect(`/caseload/${referralId}/closed`, 303)
}

export async function showClosed(request: FastifyRequest<CaseParams>, reply: FastifyReply) {
  const referralId = referralIdOf(request)
  const scope = request.orgScope()
  const found = await viewEpisode(scope, referralId, changeActorOf(request), { supervisor: false })
  const closure = await findClosure(scope, found.episode.id)
  if (!closure) return reply.redirect(`/caseload/${referralId}`, 303)
  const p = found.referral.person
  return reply.page('modules/casework/web/close/closed.njk', {
    pageTitle: `Support ended for ${p.givenName} ${p.familyName}`,
    referralId,
    personName: `${p.givenName} ${p.familyName}`,
    reasonLabel: CLOSE_REASON_LABELS[closure.reason],
    closedOn: closure.closedOn,
  })
}

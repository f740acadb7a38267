// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import { errorListFor, type FieldErrors } from '../../../../platform/http/forms.ts'
import { PAUSE_REASON_LABELS } from '../../casework.ts'
import { CaseworkError } from '../../casework.errors.ts'
import { openCase, pauseEpisode, type Case } from '../../casework.service.ts'
import { changeActorOf, choicesFrom, referralIdOf, type CaseParams } from '../shared.ts'
import { parsePauseForm, readPauseForm, type PauseFormValues } from './pause.form.ts'

function render(reply: FastifyReply, found: Case, values: Partial<PauseFormValues>, errors: FieldErrors, status = 200) {
  const p = found.referral.person
  return reply.page(
    'modules/casework/web/pause/pause.njk',
    {
      pageTitle: `Pause support for ${p.givenName} ${p.familyName}`,
      backLinkHref: `/caseload/${found.referral.id}`,
      referralId: found.referral.id,
      personName: `${p.givenName} ${p.familyName}`,
      values,
      errors,
      errorList: errorListFor(errors),
      reasonItems: choicesFrom(PAUSE_REASON_LABELS, values.reason ?? ''),
    },
    status,
  )
}

export async function showPause(request: FastifyRequest<CaseParams>, reply: FastifyReply) {
  const found = await openCase(request.orgScope(), referralIdOf(request), changeActorOf(request))
  if (found.referral.status === 'on-hold') return reply.redirect(`/caseload/${found.referral.id}`, 303)
  return render(reply, found, {}, {})
}

export async function submitPause(request: FastifyRequest<CaseParams>, reply: FastifyReply) {
  const referralId = referralIdOf(request)
  const scope = request.orgScope()
  const actor = changeActorOf(request)
  const values = readPauseForm(request.body)
  const parsed = parsePauseForm(values)
  if (!parsed.ok) return render(reply, await openCase(scope, referralId, actor), values, parsed.errors, 400)
  try {
    await pauseEpisode(scope, referralId, parsed.value.reason, parsed.value.reasonText, actor)
  } catch (error) {
    // A second click after the pause worked: show the page as it now is.
    if (!(error instanceof CaseworkError && error.code === 'CASEWORK_ALREADY_PAUSED')) throw error
  }
  return reply.redirect(`/caseload/${referralId}?saved=paused`, 303)
}

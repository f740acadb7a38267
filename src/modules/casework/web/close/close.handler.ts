// SPDX-License-Identifier: AGPL-3.0-or-later
import { choicesFrom } from '../../../../platform/http/choices.ts'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { errorListFor, textField, type FieldErrors } from '../../../../platform/http/forms.ts'
import { londonToday } from '../../casework.ts'
import { openCase, viewEpisode, type Case } from '../../casework.service.ts'
import { CLOSE_REASON_LABELS, STILL_ATTENDING_ANSWER_LABELS, type StillAttendingQuestion } from '../../closing.ts'
import {
  closeEpisode,
  findClosure,
  listStillAttendingQuestions,
  previewClosingDetails,
  suggestedClosingSummary,
  suggestedConnectedTo,
} from '../../closing.service.ts'
import { changeActorOf, referralIdOf, type CaseParams } from '../shared.ts'
import { parseCloseForm, readCloseForm, stillAttendingField, type CloseFormValues } from './close.form.ts'

const FIELD_IDS = { day: 'closedOn-day', reason: 'reason' }

function render(
  reply: FastifyReply,
  found: Case,
  questions: readonly StillAttendingQuestion[],
  values: Partial<CloseFormValues>,
  errors: FieldErrors,
  status = 200,
) {
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
      stillAttendingQuestions: stillAttendingQuestions(p.givenName, questions, values, errors),
    },
    status,
  )
}

/** One inline yes/no/not known question per group the person started going to. */
function stillAttendingQuestions(
  givenName: string,
  questions: readonly StillAttendingQuestion[],
  values: Partial<CloseFormValues>,
  errors: FieldErrors,
) {
  return questions.map((q) => {
    const name = stillAttendingField(q.connectionId)
    return {
      name,
      legend: `Is ${givenName} still going to ${q.serviceName}?`,
      items: choicesFrom(STILL_ATTENDING_ANSWER_LABELS, values.stillAttending?.[q.connectionId] ?? ''),
      error: errors[name],
    }
  })
}

export async function showClose(request: FastifyRequest<CaseParams>, reply: FastifyReply) {
  const scope = request.orgScope()
  const found = await openCase(scope, referralIdOf(request), changeActorOf(request))
  const [year, month, day] = londonToday().split('-')
  const [connectedTo, summary, questions] = await Promise.all([
    suggestedConnectedTo(scope, found.episode.id),
    suggestedClosingSummary(scope, found.episode.id),
    listStillAttendingQuestions(scope, found.episode.id),
  ])
  return render(reply, found, questions, { day, month, year, connectedTo, summary, stillAttending: {} }, {})
}

export async function submitClose(request: FastifyRequest<CaseParams>, reply: FastifyReply) {
  const referralId = referralIdOf(request)
  const scope = request.orgScope()
  const actor = changeActorOf(request)
  // The episode as the link worker may still read it: a second click after closing finds it closed.
  const found = await viewEpisode(scope, referralId, actor, { supervisor: false })
  if (found.episode.closedOn) return reply.redirect(`/caseload/${referralId}/closed`, 303)
  const questions = await listStillAttendingQuestions(scope, found.episode.id)
  const values = readCloseForm(request.body, questions)
  const parsed = parseCloseForm(values, londonToday(), found.episode.openedOn, questions)
  if (!parsed.ok) return render(reply, found, questions, values, parsed.errors, 400)
  // Ending support cannot be undone: first show what the GP and referrer will read, then end it on "confirm".
  const step = textField(request.body, 'step', 10)
  if (step === 'change') return render(reply, found, questions, values, {})
  if (step !== 'confirm') {
    const p = found.referral.person
    return reply.page('modules/casework/web/close/close-check.njk', {
      pageTitle: `Check the message back for ${p.givenName} ${p.familyName}`,
      referralId,
      personName: `${p.givenName} ${p.familyName}`,
      values,
      carriedStillAttending: questions.map((q) => ({
        name: stillAttendingField(q.connectionId),
        value: values.stillAttending[q.connectionId] ?? '',
      })),
      stillAttendingRows: questions.map((q) => ({
        key: { text: q.serviceName },
        value: { text: STILL_ATTENDING_ANSWER_LABELS[parsed.value.stillAttending![q.connectionId]!] },
      })),
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

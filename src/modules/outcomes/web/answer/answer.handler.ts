// SPDX-License-Identifier: AGPL-3.0-or-later
// The person's own pages, opened from the link their link worker sent: no account, the link is the credential.
// One question a screen by default (or all on one page), large radio buttons, no JavaScript needed; every
// screen keeps what they answered, so they can stop and come back until the link expires.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Database } from '../../../../platform/db/database.ts'
import { errorListFor, queryField, textField, type FieldErrors } from '../../../../platform/http/forms.ts'
import { londonToday } from '../../../casework/index.ts'
import { CURRENT_INSTRUMENTS } from '../../catalogue.ts'
import { NOT_AN_ANSWER, optionsOf, type Instrument } from '../../instrument.ts'
import {
  answerFromLink,
  openInvitation,
  personsOwnMeasures,
  wordsFromLastTime,
  type OpenedInvitation,
} from '../../invitations.service.ts'
import { OutcomesError } from '../../outcomes.errors.ts'
import { presentOutcomes, shortDate } from '../outcomes.presenter.ts'
import { answerField, textAnswers } from '../record/record.form.ts'

type LinkRequest = FastifyRequest<{ Params: { token: string } }>
type QuestionnaireRequest = FastifyRequest<{ Params: { token: string; instrument: string } }>

function statusOf(opened: OpenedInvitation, key: string): { text: string; classes: string } {
  if (opened.invitation.finished.includes(key)) return { text: 'Done', classes: 'nhsuk-tag--green' }
  if (opened.invitation.draft[key]) return { text: 'Started', classes: 'nhsuk-tag--blue' }
  return { text: 'Not started', classes: 'nhsuk-tag--grey' }
}

export function showStart(db: Database) {
  return async (request: LinkRequest, reply: FastifyReply) => {
    const opened = await openInvitation(db, request.params.token)
    const base = `/questionnaires/${request.params.token}`
    const done = opened.instruments.find((i) => i.key === queryField(request.query, 'done', 40))
    const remaining = opened.instruments.filter((i) => !opened.invitation.finished.includes(i.key))
    return reply.page('modules/outcomes/web/answer/start.njk', {
      pageTitle: `A few questions from ${opened.invitation.createdByName}`,
      flash: done
        ? `Thank you. Your answers to “${done.shortName}” have been sent.`
        : queryField(request.query, 'saved', 1) === '1'
          ? 'Your answers so far are saved. Come back to this link to finish.'
          : undefined,
      from: opened.invitation.createdByName,
      serviceName: opened.serviceName,
      until: shortDate(opened.invitation.expiresAt.toISOString().slice(0, 10)),
      allDone: remaining.length === 0,
      questionnaires: opened.instruments.map((i) => ({
        name: i.shortName,
        questions: i.items.length,
        href: `${base}/${i.key}`,
        allHref: `${base}/${i.key}?all=1`,
        status: statusOf(opened, i.key),
        open: !opened.invitation.finished.includes(i.key),
      })),
      answersHref: `${base}/answers`,
    })
  }
}

function instrumentOf(opened: OpenedInvitation, key: string): Instrument {
  const instrument = opened.instruments.find((i) => i.key === key)
  if (!instrument) throw new OutcomesError('OUTCOMES_NOT_FOUND')
  return instrument
}

/** Which question a one-at-a-time screen shows: `?question=N` (from 1), else the first not yet answered. */
function questionIndex(request: FastifyRequest, opened: OpenedInvitation, instrument: Instrument): number {
  const asked = Number(queryField(request.query, 'question', 3))
  if (Number.isInteger(asked) && asked >= 1 && asked <= instrument.items.length) return asked - 1
  const draft = opened.invitation.draft[instrument.key] ?? {}
  const next = instrument.items.findIndex((i) => !(i.id in draft))
  return next === -1 ? 0 : next
}

function render(
  reply: FastifyReply,
  token: string,
  opened: OpenedInvitation,
  instrument: Instrument,
  shown: { all: true } | { all: false; index: number },
  typed: Record<string, string>,
  errors: FieldErrors,
  status = 200,
) {
  const base = `/questionnaires/${token}`
  const items = shown.all ? instrument.items : [instrument.items[shown.index]!]
  const total = instrument.items.length
  return reply.page(
    'modules/outcomes/web/answer/questionnaire.njk',
    {
      pageTitle:
        shown.all || total === 1
          ? instrument.shortName
          : `${instrument.shortName}: question ${shown.index + 1} of ${total}`,
      backLinkHref: !shown.all && shown.index > 0 ? `${base}/${instrument.key}?question=${shown.index}` : base,
      action: `${base}/${instrument.key}`,
      name: instrument.shortName,
      preamble: shown.all || shown.index === 0 ? instrument.preamble : '',
      progress: shown.all || total === 1 ? '' : `Question ${shown.index + 1} of ${total}`,
      all: shown.all,
      index: shown.all ? '' : String(shown.index),
      last: shown.all || shown.index === total - 1,
      notice: instrument.licence.notice,
      questions: items.map((item) => {
        const field = answerField(item.id)
        if (item.type === 'text')
          return { type: 'text', field, legend: item.text, error: errors[field], value: typed[item.id] ?? '' }
        const options = optionsOf(instrument, item)
        return {
          type: 'choice',
          field,
          legend: item.text,
          hint: item.anchors
            ? `${options[0]!.label} means ${item.anchors[0].toLowerCase()}, ${options[options.length - 1]!.label} means ${item.anchors[1].toLowerCase()}`
            : '',
          error: errors[field],
          items: options.map((o) => ({
            value: String(o.value),
            text: o.label,
            checked: typed[item.id] === String(o.value),
          })),
        }
      }),
      errors,
      errorList: errorListFor(errors),
    },
    status,
  )
}

function draftAsTyped(opened: OpenedInvitation, instrument: Instrument): Record<string, string> {
  const draft = opened.invitation.draft[instrument.key] ?? {}
  return Object.fromEntries(Object.entries(draft).map(([id, v]) => [id, v === null ? '' : String(v)]))
}

export function showQuestionnaire(db: Database) {
  return async (request: QuestionnaireRequest, reply: FastifyReply) => {
    const opened = await openInvitation(db, request.params.token)
    const instrument = instrumentOf(opened, request.params.instrument)
    if (opened.invitation.finished.includes(instrument.key))
      return reply.redirect(`/questionnaires/${request.params.token}`, 303)
    const all = queryField(request.query, 'all', 1) === '1'
    const shown = all
      ? ({ all: true } as const)
      : ({ all: false, index: questionIndex(request, opened, instrument) } as const)
    const typed = { ...(await wordsFromLastTime(opened, instrument)), ...draftAsTyped(opened, instrument) }
    return render(reply, request.params.token, opened, instrument, shown, typed, {})
  }
}

export function submitQuestionnaire(db: Database) {
  return async (request: QuestionnaireRequest, reply: FastifyReply) => {
    const token = request.params.token
    const opened = await openInvitation(db, token)
    const instrument = instrumentOf(opened, request.params.instrument)
    if (opened.invitation.finished.includes(instrument.key)) return reply.redirect(`/questionnaires/${token}`, 303)
    const all = textField(request.body, 'all', 1) === '1'
    const indexText = textField(request.body, 'index', 3)
    const index = Number(indexText)
    if (!all && !(/^\d+$/.test(indexText) && index < instrument.items.length))
      throw new OutcomesError('OUTCOMES_NOT_FOUND')
    const onScreen = all ? instrument.items : [instrument.items[index]!]
    const typed: Record<string, string> = { ...draftAsTyped(opened, instrument) }
    const words = textAnswers(request.body, instrument)
    const answers: Record<string, number | string | null> = {}
    for (const item of onScreen) {
      if (item.type === 'text') {
        const value = words[item.id] ?? ''
        typed[item.id] = value
        answers[item.id] = value === '' ? null : value
        continue
      }
      const value = textField(request.body, answerField(item.id), 4)
      typed[item.id] = value
      answers[item.id] = value === '' ? null : /^-?\d{1,3}$/.test(value) ? Number(value) : Number.NaN
    }
    const later = textField(request.body, 'action', 10) === 'later'
    // Stopping for now is not skipping: a question left blank then is asked again when they come back.
    if (later) for (const [id, value] of Object.entries(answers)) if (value === null) delete answers[id]
    const finish = !later && (all || index === instrument.items.length - 1)
    const result = await answerFromLink(opened, instrument, answers, finish, londonToday())
    if (!result.ok) {
      const errors = Object.fromEntries(
        Object.entries(result.errors).map(([id, message]) => [
          answerField(id),
          message === NOT_AN_ANSWER ? `${NOT_AN_ANSWER}, or leave it blank to skip it` : message,
        ]),
      )
      const shown = all ? ({ all: true } as const) : ({ all: false, index } as const)
      return render(reply, token, opened, instrument, shown, typed, errors, 400)
    }
    if (finish) return reply.redirect(`/questionnaires/${token}?done=${instrument.key}`, 303)
    if (later) return reply.redirect(`/questionnaires/${token}?saved=1`, 303)
    return reply.redirect(`/questionnaires/${token}/${instrument.key}?question=${index + 2}`, 303)
  }
}

export function showOwnAnswers(db: Database) {
  return async (request: LinkRequest, reply: FastifyReply) => {
    const opened = await openInvitation(db, request.params.token)
    const measures = await personsOwnMeasures(opened)
    return reply.page('modules/outcomes/web/answer/own-answers.njk', {
      pageTitle: 'Your answers over time',
      backLinkHref: `/questionnaires/${request.params.token}`,
      instruments: presentOutcomes(CURRENT_INSTRUMENTS, measures),
    })
  }
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// The link worker asks a questionnaire during a contact: pick one (the service's choice first), then one form
// with every question, quick to fill while talking. The form page's cycle by hand, because what is read and how
// it is checked depend on the instrument in the path (and the organisation's content pack for licensed ones).
import { randomUUID } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { dateParts } from '../../../../platform/http/choices.ts'
import { errorListFor, type FieldErrors } from '../../../../platform/http/forms.ts'
import { changeActorOf, londonToday, openCase, referralIdOf, type Case } from '../../../casework/index.ts'
import { optionsOf, type Instrument } from '../../instrument.ts'
import { TIMEPOINT_LABELS, TIMEPOINTS } from '../../outcome.ts'
import { OutcomesError } from '../../outcomes.errors.ts'
import {
  getOutcomeSettings,
  instrumentsFor,
  isAskable,
  newMeasureDefaults,
  recordMeasure,
} from '../../outcomes.service.ts'
import { answerField, parseRecordForm, readRecordForm, type RecordValues } from './record.form.ts'

type CaseRequest = FastifyRequest<{ Params: { referralId: string } }>
type InstrumentRequest = FastifyRequest<{ Params: { referralId: string; instrument: string } }>

/** Which questionnaire to ask: the service's choice for what is due first, then the rest, licensed ones explained. */
export async function showChooseInstrument(request: CaseRequest, reply: FastifyReply) {
  const scope = request.orgScope()
  const found = await openCase(scope, referralIdOf(request), changeActorOf(request))
  const [instruments, settings] = await Promise.all([instrumentsFor(scope), getOutcomeSettings(scope)])
  const p = found.referral.person
  const base = `/caseload/${found.referral.id}/outcomes`
  const chosen = new Set([...settings.baselineInstruments, ...settings.followUpInstruments])
  const present = (i: Instrument) => ({
    name: i.name,
    href: `${base}/new/${i.key}`,
    askable: isAskable(i),
    questions: i.items.length,
    usedAt: [
      settings.baselineInstruments.includes(i.key) ? 'baseline' : '',
      settings.followUpInstruments.includes(i.key) ? 'follow-up' : '',
    ]
      .filter(Boolean)
      .join(' and '),
    notice: i.licence.notice,
  })
  return reply.page('modules/outcomes/web/record/choose.njk', {
    pageTitle: `Choose a questionnaire for ${p.givenName} ${p.familyName}`,
    backLinkHref: base,
    personName: `${p.givenName} ${p.familyName}`,
    serviceChoice: instruments.filter((i) => chosen.has(i.key)).map(present),
    others: instruments.filter((i) => !chosen.has(i.key)).map(present),
  })
}

async function loadForm(request: InstrumentRequest): Promise<{ found: Case; instrument: Instrument }> {
  const scope = request.orgScope()
  const found = await openCase(scope, referralIdOf(request), changeActorOf(request))
  const instrument = (await instrumentsFor(scope)).find((i) => i.key === request.params.instrument)
  if (!instrument) throw new OutcomesError('OUTCOMES_NOT_FOUND')
  if (!isAskable(instrument)) throw new OutcomesError('OUTCOMES_INSTRUMENT_UNAVAILABLE')
  return { found, instrument }
}

function render(
  reply: FastifyReply,
  { found, instrument }: { found: Case; instrument: Instrument },
  values: Partial<RecordValues>,
  errors: FieldErrors,
  status = 200,
) {
  const p = found.referral.person
  const base = `/caseload/${found.referral.id}/outcomes`
  const answers = values.answers ?? {}
  return reply.page(
    'modules/outcomes/web/record/record.njk',
    {
      pageTitle: `${instrument.shortName} for ${p.givenName} ${p.familyName}`,
      backLinkHref: `${base}/new`,
      action: `${base}/new/${instrument.key}`,
      personName: `${p.givenName} ${p.familyName}`,
      instrument: { name: instrument.name, preamble: instrument.preamble, notice: instrument.licence.notice },
      timepoints: TIMEPOINTS.map((t) => ({ value: t, text: TIMEPOINT_LABELS[t], checked: values.timepoint === t })),
      questions: instrument.items.map((item, index) => {
        const field = answerField(item.id)
        if (item.type === 'text')
          return {
            type: 'text',
            field,
            legend: `${index + 1}. ${item.text}`,
            error: errors[field],
            value: values.texts?.[item.id] ?? '',
          }
        const options = optionsOf(instrument, item)
        return {
          type: 'choice',
          field,
          legend: `${index + 1}. ${item.text}`,
          hint: item.anchors
            ? `${options[0]!.label} is ${item.anchors[0].toLowerCase()}, ${options[options.length - 1]!.label} is ${item.anchors[1].toLowerCase()}`
            : '',
          inline: options.length > 5,
          error: errors[field],
          items: options.map((o) => ({
            value: String(o.value),
            text: o.label,
            checked: answers[item.id] === String(o.value),
          })),
        }
      }),
      values,
      errors,
      // The first answer of each question has the question's field name as its id (nhsuk-frontend radios).
      errorList: errorListFor(errors, { completedOn: 'completedOnDay' }),
    },
    status,
  )
}

export async function showRecord(request: InstrumentRequest, reply: FastifyReply) {
  const loaded = await loadForm(request)
  const today = londonToday()
  const defaults = await newMeasureDefaults(
    request.orgScope(),
    loaded.found.episode.id,
    loaded.instrument,
    changeActorOf(request).audit,
  )
  return render(
    reply,
    loaded,
    { timepoint: defaults.timepoint, ...dateParts(today), submissionKey: randomUUID(), texts: defaults.texts },
    {},
  )
}

export async function submitRecord(request: InstrumentRequest, reply: FastifyReply) {
  const loaded = await loadForm(request)
  const values = readRecordForm(request.body, loaded.instrument)
  const parsed = parseRecordForm(values, loaded.instrument, londonToday())
  if (!parsed.ok) return render(reply, loaded, values, parsed.errors, 400)
  const recorded = await recordMeasure(request.orgScope(), loaded.found, parsed.value, changeActorOf(request))
  if (!recorded.ok) {
    const errors = Object.fromEntries(Object.entries(recorded.errors).map(([id, m]) => [answerField(id), m]))
    return render(reply, loaded, values, errors, 400)
  }
  return reply.redirect(`/caseload/${loaded.found.referral.id}/outcomes?saved=${loaded.instrument.key}`, 303)
}

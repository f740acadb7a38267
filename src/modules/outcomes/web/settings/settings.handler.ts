// SPDX-License-Identifier: AGPL-3.0-or-later
// The supervisor chooses which questionnaires the service asks at the start and at follow-up, and how often.
// The cycle by hand: which questionnaires may be chosen depends on the organisation's content packs.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { errorListFor, queryField, type FieldErrors } from '../../../../platform/http/forms.ts'
import { changeActorOf } from '../../../casework/index.ts'
import type { Instrument } from '../../instrument.ts'
import { getOutcomeSettings, instrumentsFor, isAskable, saveOutcomeSettings } from '../../outcomes.service.ts'
import { parseSettingsForm, readSettingsForm, type SettingsValues } from './settings.form.ts'

function render(
  reply: FastifyReply,
  instruments: readonly Instrument[],
  values: SettingsValues,
  errors: FieldErrors,
  status = 200,
  flash?: string,
) {
  const items = (chosen: readonly string[]) =>
    instruments.filter(isAskable).map((i) => ({
      value: i.key,
      text: i.name,
      hint: { text: `${i.items.length} ${i.items.length === 1 ? 'question' : 'questions'}` },
      checked: chosen.includes(i.key),
    }))
  return reply.page(
    'modules/outcomes/web/settings/settings.njk',
    {
      pageTitle: 'Questionnaires your service asks',
      backLinkHref: '/',
      flash,
      baselineItems: items(values.baseline),
      followUpItems: items(values.followUp),
      unavailable: instruments.filter((i) => !isAskable(i)).map((i) => i.name),
      values,
      errors,
      errorList: errorListFor(errors, { baseline: 'baseline', followUp: 'followUp' }),
    },
    status,
  )
}

export async function showOutcomeSettings(request: FastifyRequest, reply: FastifyReply) {
  const scope = request.orgScope()
  const [instruments, settings] = await Promise.all([instrumentsFor(scope), getOutcomeSettings(scope)])
  return render(
    reply,
    instruments,
    {
      baseline: [...settings.baselineInstruments],
      followUp: [...settings.followUpInstruments],
      followUpWeeks: String(settings.followUpWeeks),
    },
    {},
    200,
    queryField(request.query, 'saved', 1) === '1' ? 'The questionnaires your service asks have been saved.' : undefined,
  )
}

export async function submitOutcomeSettings(request: FastifyRequest, reply: FastifyReply) {
  const scope = request.orgScope()
  const instruments = await instrumentsFor(scope)
  const values = readSettingsForm(request.body)
  const parsed = parseSettingsForm(
    values,
    instruments.filter(isAskable).map((i) => i.key),
  )
  if (!parsed.ok) return render(reply, instruments, values, parsed.errors, 400)
  await saveOutcomeSettings(scope, parsed.value, changeActorOf(request))
  return reply.redirect('/outcomes/settings?saved=1', 303)
}

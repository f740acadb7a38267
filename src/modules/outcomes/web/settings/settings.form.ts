// SPDX-License-Identifier: AGPL-3.0-or-later
import { listField, textField, type FieldErrors, type FormResult } from '../../../../platform/http/forms.ts'
import { inAskingOrder } from '../../catalogue.ts'
import type { OutcomeSettings } from '../../outcome.ts'

export interface SettingsValues {
  baseline: string[]
  followUp: string[]
  followUpWeeks: string
}

export function readSettingsForm(body: unknown): SettingsValues {
  return {
    baseline: listField(body, 'baseline').slice(0, 20),
    followUp: listField(body, 'followUp').slice(0, 20),
    followUpWeeks: textField(body, 'followUpWeeks', 3),
  }
}

/** At least one questionnaire at each point, each one the service may ask, and a follow-up every 4 to 52 weeks. */
export function parseSettingsForm(values: SettingsValues, askable: readonly string[]): FormResult<OutcomeSettings> {
  const errors: FieldErrors = {}
  if (values.baseline.length === 0) errors['baseline'] = 'Select at least one questionnaire to ask at the start'
  else if (!values.baseline.every((k) => askable.includes(k)))
    errors['baseline'] = 'Select questionnaires from the list'
  if (values.followUp.length === 0) errors['followUp'] = 'Select at least one questionnaire to ask at follow-up'
  else if (!values.followUp.every((k) => askable.includes(k)))
    errors['followUp'] = 'Select questionnaires from the list'
  const weeks = Number(values.followUpWeeks)
  if (values.followUpWeeks === '')
    errors['followUpWeeks'] = 'Enter how many weeks after the last questionnaire to ask again'
  else if (!/^\d+$/.test(values.followUpWeeks) || weeks < 4 || weeks > 52)
    errors['followUpWeeks'] = 'Weeks between questionnaires must be a whole number from 4 to 52'
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return {
    ok: true,
    value: {
      baselineInstruments: inAskingOrder([...new Set(values.baseline)]),
      followUpInstruments: inAskingOrder([...new Set(values.followUp)]),
      followUpWeeks: weeks,
    },
  }
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import { textField, type FieldErrors, type FormResult } from '../../../../platform/http/forms.ts'
import { isPauseReason, type PauseReason } from '../../casework.ts'

export interface PauseFormValues {
  reason: string
  reasonText: string
}

export function readPauseForm(body: unknown): PauseFormValues {
  return { reason: textField(body, 'reason', 40), reasonText: textField(body, 'reasonText', 1000) }
}

export function parsePauseForm(values: PauseFormValues): FormResult<{ reason: PauseReason; reasonText: string }> {
  const errors: FieldErrors = {}
  if (!isPauseReason(values.reason)) errors['reason'] = 'Select why support is being paused'
  else if (values.reason === 'other' && !values.reasonText) errors['reasonText'] = 'Enter why support is being paused'
  if (values.reasonText.length > 1000) errors['reasonText'] = 'The reason must be 1000 characters or fewer'
  if (Object.keys(errors).length > 0 || !isPauseReason(values.reason)) return { ok: false, errors }
  return { ok: true, value: { reason: values.reason, reasonText: values.reasonText } }
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import { textField, type FieldErrors, type FormResult } from '../../../../platform/http/forms.ts'

export const REALLOCATE_REASON_MAX = 500

export interface ReallocateFormValues {
  version: string
  toUserId: string
  reason: string
}

export function readReallocateForm(body: unknown): ReallocateFormValues {
  return {
    version: textField(body, 'version', 10),
    toUserId: textField(body, 'toUserId', 40),
    reason: textField(body, 'reason', REALLOCATE_REASON_MAX),
  }
}

/** `choices` are the other link workers of the service: anyone else is refused here, not by the database. */
export function parseReallocateForm(
  values: ReallocateFormValues,
  choices: readonly string[],
): FormResult<{ toUserId: string; reason: string; version: number }> {
  const errors: FieldErrors = {}
  if (!values.toUserId) errors['toUserId'] = 'Select who should support this person now'
  else if (!choices.includes(values.toUserId)) errors['toUserId'] = 'Select a link worker from the list'
  if (!values.reason) errors['reason'] = 'Enter why you are reallocating'
  else if (values.reason.length > REALLOCATE_REASON_MAX)
    errors['reason'] = `The reason must be ${REALLOCATE_REASON_MAX} characters or fewer`
  if (!/^\d{1,9}$/.test(values.version)) errors['toUserId'] = 'This form has expired. Reload the page and try again'
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return { ok: true, value: { toUserId: values.toUserId, reason: values.reason, version: Number(values.version) } }
}

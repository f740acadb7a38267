// SPDX-License-Identifier: AGPL-3.0-or-later
import { isoDateFrom, textField, type FieldErrors, type FormResult } from '../../../../platform/http/forms.ts'
import { isAgreementMethod, PLAN_TEXT_MAX, type Agreement } from '../../plan.ts'

export interface AgreeFormValues {
  agreedDay: string
  agreedMonth: string
  agreedYear: string
  method: string
  note: string
  version: string
  rowVersion: string
}

export function readAgreeForm(body: unknown): AgreeFormValues {
  return {
    agreedDay: textField(body, 'agreedDay', 4),
    agreedMonth: textField(body, 'agreedMonth', 4),
    agreedYear: textField(body, 'agreedYear', 6),
    method: textField(body, 'method', 20),
    note: textField(body, 'note', PLAN_TEXT_MAX),
    version: textField(body, 'version', 6),
    rowVersion: textField(body, 'rowVersion', 9),
  }
}

export function parseAgreeForm(
  values: AgreeFormValues,
  today: string,
  writtenOn: string,
): FormResult<{ agreement: Agreement; basedOn: { version: number; rowVersion: number } }> {
  const errors: FieldErrors = {}
  let agreedOn: string | undefined
  if (!values.agreedDay && !values.agreedMonth && !values.agreedYear)
    errors['agreedDay'] = 'Enter the date they agreed the plan'
  else {
    agreedOn = isoDateFrom(values.agreedDay, values.agreedMonth, values.agreedYear)
    if (!agreedOn) errors['agreedDay'] = 'Date they agreed must be a real date'
    else if (agreedOn > today) errors['agreedDay'] = 'Date they agreed must be today or in the past'
    else if (agreedOn < writtenOn)
      errors['agreedDay'] = 'Date they agreed must be on or after the day this version was written'
  }
  if (!isAgreementMethod(values.method)) errors['method'] = 'Select how they agreed the plan'
  else if ((values.method === 'other' || values.method === 'carer') && !values.note)
    errors['note'] =
      values.method === 'carer' ? 'Enter who agreed on their behalf, and why' : 'Enter how they agreed the plan'
  if (values.note.length > PLAN_TEXT_MAX) errors['note'] = `Note must be ${PLAN_TEXT_MAX} characters or fewer`
  const version = Number(values.version)
  const rowVersion = Number(values.rowVersion)
  if (!Number.isInteger(version) || version < 1 || !Number.isInteger(rowVersion) || rowVersion < 1)
    errors['agreedDay'] = 'This form has expired. Reload the page and try again'
  if (Object.keys(errors).length > 0 || !agreedOn || !isAgreementMethod(values.method)) return { ok: false, errors }
  return {
    ok: true,
    value: { agreement: { agreedOn, method: values.method, note: values.note }, basedOn: { version, rowVersion } },
  }
}

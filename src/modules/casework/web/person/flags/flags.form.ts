// SPDX-License-Identifier: AGPL-3.0-or-later
import { SUBMISSION_KEY, textField, type FormResult } from '../../../../../platform/http/forms.ts'
import {
  endFlagProblems,
  FLAG_DETAILS_MAX,
  FLAG_REASON_MAX,
  newFlagProblems,
  type NewFlag,
} from '../../../../people/index.ts'

export interface RaiseFlagValues {
  submissionKey: string
  kind: string
  details: string
}

export function readRaiseFlag(body: unknown): RaiseFlagValues {
  return {
    submissionKey: textField(body, 'submissionKey', 64),
    kind: textField(body, 'kind', 30),
    details: textField(body, 'details', FLAG_DETAILS_MAX),
  }
}

/** The flag form; its submission key becomes the flag's source key, so a retried submission raises one flag. */
export function parseRaiseFlag(values: RaiseFlagValues): FormResult<NewFlag> {
  const errors = newFlagProblems(values.kind, values.details)
  if (!SUBMISSION_KEY.test(values.submissionKey))
    errors['kind'] ??= 'The form has expired. Check your answers and try again'
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return {
    ok: true,
    value: {
      kind: values.kind as NewFlag['kind'],
      details: values.details,
      sourceKey: `form:${values.submissionKey}`,
    },
  }
}

export function readEndReason(body: unknown): string {
  return textField(body, 'reason', FLAG_REASON_MAX)
}

export function parseEndReason(reason: string): FormResult<string> {
  const errors = endFlagProblems(reason)
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: reason }
}

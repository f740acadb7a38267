// SPDX-License-Identifier: AGPL-3.0-or-later
import { textField, type FormResult } from '../../../../../platform/http/forms.ts'
import { MERGE_REASON_MAX, mergeFormProblems } from '../../../../people/index.ts'

export interface MergeFormValues {
  keep: string
  reason: string
}

export function readMergeForm(body: unknown): MergeFormValues {
  return { keep: textField(body, 'keep', 40), reason: textField(body, 'reason', MERGE_REASON_MAX) }
}

/** Which of the two compared records to keep, and why they are one person. */
export function parseMergeForm(
  values: MergeFormValues,
  personId: string,
  otherId: string,
): FormResult<{ keptPersonId: string; mergedPersonId: string; reason: string }> {
  const errors = mergeFormProblems(values.keep, values.reason, [personId, otherId])
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return {
    ok: true,
    value: {
      keptPersonId: values.keep,
      mergedPersonId: values.keep === personId ? otherId : personId,
      reason: values.reason,
    },
  }
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import { textField, type FormResult } from '../../../../../platform/http/forms.ts'
import {
  readPersonFormValues,
  validatePersonForm,
  type PersonDetails,
  type PersonFormValues,
} from '../../../../people/index.ts'

export interface DetailsFormValues extends PersonFormValues {
  version: string
}

export function readDetailsForm(body: unknown): DetailsFormValues {
  return { ...readPersonFormValues(body), version: textField(body, 'version', 12) }
}

/** The same rules as the referral form's person details (one definition of a valid person), plus the version. */
export function parseDetailsForm(
  values: DetailsFormValues,
  today: Date,
): FormResult<{ details: PersonDetails; version: number }> {
  const version = Number.parseInt(values.version, 10)
  const result = validatePersonForm(values, today)
  if (!result.ok) return result
  // A missing or tampered version cannot be checked, so it is treated like someone else's change.
  return { ok: true, value: { details: result.value, version: Number.isSafeInteger(version) ? version : -1 } }
}

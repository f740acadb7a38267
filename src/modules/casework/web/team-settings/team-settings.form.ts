// SPDX-License-Identifier: AGPL-3.0-or-later
import { textField, type FieldErrors, type FormResult } from '../../../../platform/http/forms.ts'
import { SETTING_LIMITS } from '../../team.ts'
import type { SettingsValues } from '../../team.service.ts'

export interface SettingsFormValues {
  updatedAt: string
  defaultContactAllowance: string
  longTermContactAllowance: string
  defaultAnnualCapacity: string
  followUpAfterWeeks: string
  noContactAlertWeeks: string
}

export function readSettingsForm(body: unknown): SettingsFormValues {
  return {
    updatedAt: textField(body, 'updatedAt', 40),
    defaultContactAllowance: textField(body, 'defaultContactAllowance', 8),
    longTermContactAllowance: textField(body, 'longTermContactAllowance', 8),
    defaultAnnualCapacity: textField(body, 'defaultAnnualCapacity', 8),
    followUpAfterWeeks: textField(body, 'followUpAfterWeeks', 8),
    noContactAlertWeeks: textField(body, 'noContactAlertWeeks', 8),
  }
}

/** A whole number within bounds, or the error message naming the question. */
export function parseWholeNumber(
  value: string,
  name: string,
  limits: { min: number; max: number },
): { ok: true; value: number } | { ok: false; error: string } {
  if (!value) return { ok: false, error: `Enter ${name}` }
  if (!/^\d{1,6}$/.test(value)) return { ok: false, error: `${capitalise(name)} must be a whole number, like 12` }
  const number = Number(value)
  if (number < limits.min || number > limits.max)
    return { ok: false, error: `${capitalise(name)} must be between ${limits.min} and ${limits.max}` }
  return { ok: true, value: number }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

export function parseSettingsForm(
  values: SettingsFormValues,
): FormResult<{ settings: SettingsValues; expectedUpdatedAt: Date | null }> {
  const errors: FieldErrors = {}
  const fields = {
    defaultContactAllowance: parseWholeNumber(
      values.defaultContactAllowance,
      'the number of contacts allowed on the short-term pathway',
      SETTING_LIMITS.contactAllowance,
    ),
    longTermContactAllowance: parseWholeNumber(
      values.longTermContactAllowance,
      'the number of contacts allowed on the long-term pathway',
      SETTING_LIMITS.contactAllowance,
    ),
    defaultAnnualCapacity: parseWholeNumber(
      values.defaultAnnualCapacity,
      'the number of people a full-time link worker supports in a year',
      SETTING_LIMITS.annualCapacity,
    ),
    followUpAfterWeeks: parseWholeNumber(
      values.followUpAfterWeeks,
      'the weeks after first contact for the follow-up check',
      SETTING_LIMITS.followUpAfterWeeks,
    ),
    noContactAlertWeeks: parseWholeNumber(
      values.noContactAlertWeeks,
      'the weeks without contact before an alert',
      SETTING_LIMITS.noContactAlertWeeks,
    ),
  }
  for (const [key, result] of Object.entries(fields)) if (!result.ok) errors[key] = result.error
  let expectedUpdatedAt: Date | null = null
  if (values.updatedAt) {
    expectedUpdatedAt = new Date(values.updatedAt)
    if (Number.isNaN(expectedUpdatedAt.getTime()))
      errors['defaultContactAllowance'] = 'This form has expired. Reload the page and try again'
  }
  const {
    defaultContactAllowance,
    longTermContactAllowance,
    defaultAnnualCapacity,
    followUpAfterWeeks,
    noContactAlertWeeks,
  } = fields
  if (
    Object.keys(errors).length > 0 ||
    !defaultContactAllowance.ok ||
    !longTermContactAllowance.ok ||
    !defaultAnnualCapacity.ok ||
    !followUpAfterWeeks.ok ||
    !noContactAlertWeeks.ok
  )
    return { ok: false, errors }
  return {
    ok: true,
    value: {
      settings: {
        defaultContactAllowance: defaultContactAllowance.value,
        longTermContactAllowance: longTermContactAllowance.value,
        defaultAnnualCapacity: defaultAnnualCapacity.value,
        followUpAfterWeeks: followUpAfterWeeks.value,
        noContactAlertWeeks: noContactAlertWeeks.value,
      },
      expectedUpdatedAt,
    },
  }
}

/** A worker's own capacity: blank means "use the service default". */
export function parseCapacityForm(body: unknown): FormResult<{ annualCapacity: number | null }> & { raw: string } {
  const raw = textField(body, 'annualCapacity', 8)
  if (!raw) return { ok: true, value: { annualCapacity: null }, raw }
  const parsed = parseWholeNumber(raw, 'the number of people they can support in a year', SETTING_LIMITS.annualCapacity)
  return parsed.ok
    ? { ok: true, value: { annualCapacity: parsed.value }, raw }
    : { ok: false, errors: { annualCapacity: parsed.error }, raw }
}

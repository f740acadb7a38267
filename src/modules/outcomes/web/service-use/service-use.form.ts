// SPDX-License-Identifier: AGPL-3.0-or-later
import { textField, type FieldErrors, type FormResult } from '../../../../platform/http/forms.ts'
import { COUNT_LABELS, COUNT_MAX, COUNTS, PERIODS, parseCount, parseMonths, type Counts } from '../../service-use.ts'
import type { ServiceUseEntry } from '../../service-use.service.ts'

/** `before-gpAppointments` and so on: one field per period and count. */
export const countField = (period: string, count: string) => `${period}-${count}`

export type ServiceUseValues = Record<string, string>

export function readServiceUseForm(body: unknown): ServiceUseValues {
  const values: ServiceUseValues = { months: textField(body, 'months', 3) }
  for (const period of PERIODS)
    for (const count of COUNTS) values[countField(period, count)] = textField(body, countField(period, count), 5)
  return values
}

export function parseServiceUseForm(values: ServiceUseValues): FormResult<ServiceUseEntry> {
  const errors: FieldErrors = {}
  const months = parseMonths(values['months'] ?? '')
  if (months === undefined) errors['months'] = 'Enter how many months before and after, a whole number from 1 to 24'
  const periods = {} as Record<(typeof PERIODS)[number], Counts>
  for (const period of PERIODS) {
    const counts = {} as Counts
    for (const count of COUNTS) {
      const field = countField(period, count)
      const parsed = parseCount(values[field] ?? '')
      if (parsed.ok) counts[count] = parsed.value
      else
        errors[field] =
          `${COUNT_LABELS[count]} ${period} the referral must be a whole number from 0 to ${COUNT_MAX}, or blank if not known`
    }
    periods[period] = counts
  }
  if (Object.keys(errors).length > 0 || months === undefined) return { ok: false, errors }
  return { ok: true, value: { months, before: periods.before, after: periods.after } }
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import { isoDateFrom, textField, type FieldErrors, type FormResult } from '../../../../platform/http/forms.ts'
import { isUuid } from '../../../../shared/uuid.ts'

export interface RegisterValues {
  day: string
  month: string
  year: string
  people: string[]
}

export function readRegisterForm(body: unknown): RegisterValues {
  const raw = (body as Record<string, unknown> | undefined)?.['people']
  const people = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
    .filter((v): v is string => typeof v === 'string')
    .slice(0, 500)
  return {
    day: textField(body, 'day', 2),
    month: textField(body, 'month', 2),
    year: textField(body, 'year', 4),
    people,
  }
}

/** A session's date: a real date within the last year and not in the future (the register and the link worker). */
export function parseSessionDate(
  values: { day: string; month: string; year: string },
  today: string,
  errors: FieldErrors,
): string | undefined {
  const attendedOn = isoDateFrom(values.day, values.month, values.year)
  if (!values.day && !values.month && !values.year) errors['attendedOn'] = 'Enter the date of the session'
  else if (!attendedOn) errors['attendedOn'] = 'The date of the session must be a real date'
  else if (attendedOn > today) errors['attendedOn'] = 'The date of the session must be today or in the past'
  else if (attendedOn < `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`)
    errors['attendedOn'] = 'The date of the session must be within the last year'
  else return attendedOn
  return undefined
}

/** A session within the last year and not in the future, and at least one person ticked. */
export function parseRegisterForm(
  values: RegisterValues,
  today: string,
): FormResult<{ attendedOn: string; people: string[] }> {
  const errors: FieldErrors = {}
  const attendedOn = parseSessionDate(values, today, errors)
  if (values.people.length === 0) errors['people'] = 'Tick the people who came'
  else if (!values.people.every(isUuid)) errors['people'] = 'Tick the people who came from the list'
  if (Object.keys(errors).length > 0 || !attendedOn) return { ok: false, errors }
  return { ok: true, value: { attendedOn, people: values.people } }
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// How the plan editor shows rows already filled in: folded under a one-line summary of what they say, so a plan
// with several actions and services stays short; a blank row, or one with an error, is shown open.
import type { FieldErrors } from '../../../../platform/http/forms.ts'
import type { ActionValues, ServiceValues } from './plan-edit.form.ts'

export interface Fold {
  folded: boolean
  summary: string
}

/** Whether a field of this row (`action1What`, not `action12What`) has an error. */
function hasErrorFor(errors: FieldErrors, prefix: string): boolean {
  return Object.keys(errors).some((key) => key.startsWith(prefix) && /^[A-Z]/.test(key.slice(prefix.length)))
}

const LONG_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })

function longDate(day: string, month: string, year: string): string {
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)))
  if (Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(day)) return ''
  return LONG_DATE.format(date)
}

export function actionFold(action: ActionValues, n: number, errors: FieldErrors): Fold {
  const by = longDate(action.day, action.month, action.year)
  const summary =
    `Action ${n}: ${action.what}` +
    (action.who ? ` – ${action.who}` : '') +
    (by ? `, by ${by}` : '') +
    (action.done ? ' (done)' : '')
  return { folded: action.what !== '' && !hasErrorFor(errors, `action${n}`), summary }
}

export function serviceFold(
  service: ServiceValues,
  n: number,
  errors: FieldErrors,
  directoryName: string | undefined,
  searched: boolean,
): Fold {
  const name = directoryName ?? service.name
  return {
    folded: name !== '' && !searched && !hasErrorFor(errors, `service${n}`),
    summary: `Service to try ${n}: ${name}${service.details ? ` – ${service.details}` : ''}`,
  }
}

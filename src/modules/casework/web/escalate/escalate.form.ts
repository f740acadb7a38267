// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  SUBMISSION_KEY,
  isoDateFrom,
  textField,
  type FieldErrors,
  type FormResult,
} from '../../../../platform/http/forms.ts'
import { daysBetween } from '../../casework.ts'
import {
  isEscalationKind,
  isEscalationOutcome,
  type EscalationOutcomeRecord,
  type NewEscalation,
} from '../../escalation.ts'

export const TO_WHOM_MAX = 200
export const REASON_MAX = 2000

export interface EscalateFormValues {
  submissionKey: string
  kind: string
  toWhom: string
  reason: string
  urgent: string
  day: string
  month: string
  year: string
}

export function readEscalateForm(body: unknown): EscalateFormValues {
  return {
    submissionKey: textField(body, 'submissionKey', 64),
    kind: textField(body, 'kind', 40),
    toWhom: textField(body, 'toWhom', TO_WHOM_MAX),
    reason: textField(body, 'reason', REASON_MAX),
    urgent: textField(body, 'urgent', 4),
    day: textField(body, 'day', 4),
    month: textField(body, 'month', 4),
    year: textField(body, 'year', 6),
  }
}

/** A date in the past year, not in the future: the shared rule for "when did this happen" questions. */
export function parsePastDate(
  values: { day: string; month: string; year: string },
  what: string,
  today: string,
  notBefore?: { date: string; label: string },
): { ok: true; value: string } | { ok: false; error: string } {
  if (!values.day && !values.month && !values.year) return { ok: false, error: `Enter the date ${what}` }
  const iso = isoDateFrom(values.day, values.month, values.year)
  if (!iso) return { ok: false, error: `The date ${what} must be a real date` }
  if (iso > today) return { ok: false, error: `The date ${what} must be today or in the past` }
  if (notBefore && iso < notBefore.date)
    return { ok: false, error: `The date ${what} must be on or after ${notBefore.label}` }
  if (daysBetween(iso, today) > 366) return { ok: false, error: `The date ${what} must be within the last year` }
  return { ok: true, value: iso }
}

export function parseEscalateForm(values: EscalateFormValues, today: string): FormResult<NewEscalation> {
  const errors: FieldErrors = {}
  if (!isEscalationKind(values.kind)) errors['kind'] = 'Select what kind of onward referral this is'
  if (!values.toWhom) errors['toWhom'] = 'Enter who you referred the person to'
  else if (values.toWhom.length > TO_WHOM_MAX)
    errors['toWhom'] = `Who you referred to must be ${TO_WHOM_MAX} characters or fewer`
  if (!values.reason) errors['reason'] = 'Enter why you referred the person on'
  else if (values.reason.length > REASON_MAX) errors['reason'] = `Why must be ${REASON_MAX} characters or fewer`
  if (!['yes', 'no'].includes(values.urgent)) errors['urgent'] = 'Select whether it was urgent'
  const date = parsePastDate(values, 'you referred them', today)
  if (!date.ok) errors['day'] = date.error
  if (!SUBMISSION_KEY.test(values.submissionKey))
    errors['kind'] = 'This form has expired. Reload the page and try again'
  if (Object.keys(errors).length > 0 || !isEscalationKind(values.kind) || !date.ok) return { ok: false, errors }
  return {
    ok: true,
    value: {
      submissionKey: values.submissionKey,
      kind: values.kind,
      toWhom: values.toWhom,
      reason: values.reason,
      urgent: values.urgent === 'yes',
      raisedOn: date.value,
    },
  }
}

export interface OutcomeFormValues {
  version: string
  outcome: string
  outcomeText: string
  day: string
  month: string
  year: string
}

export function readOutcomeForm(body: unknown): OutcomeFormValues {
  return {
    version: textField(body, 'version', 10),
    outcome: textField(body, 'outcome', 40),
    outcomeText: textField(body, 'outcomeText', REASON_MAX),
    day: textField(body, 'day', 4),
    month: textField(body, 'month', 4),
    year: textField(body, 'year', 6),
  }
}

export function parseOutcomeForm(
  values: OutcomeFormValues,
  today: string,
  raisedOn: string,
): FormResult<EscalationOutcomeRecord & { version: number }> {
  const errors: FieldErrors = {}
  if (!isEscalationOutcome(values.outcome)) errors['outcome'] = 'Select what came of the referral'
  else if (['other', 'declined'].includes(values.outcome) && !values.outcomeText)
    errors['outcomeText'] = 'Enter what happened'
  if (values.outcomeText.length > REASON_MAX)
    errors['outcomeText'] = `What happened must be ${REASON_MAX} characters or fewer`
  const date = parsePastDate(values, 'you heard', today, { date: raisedOn, label: 'the date of the referral' })
  if (!date.ok) errors['day'] = date.error
  const version = Number(values.version)
  if (!/^\d{1,9}$/.test(values.version)) errors['outcome'] = 'This form has expired. Reload the page and try again'
  if (Object.keys(errors).length > 0 || !isEscalationOutcome(values.outcome) || !date.ok) return { ok: false, errors }
  return {
    ok: true,
    value: { outcome: values.outcome, outcomeText: values.outcomeText, outcomeOn: date.value, version },
  }
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import { textField, type FieldErrors, type FormResult } from '../../../../platform/http/forms.ts'
import {
  CLOSING_SUMMARY_MAX,
  CONNECTED_TO_MAX,
  isCloseReason,
  STILL_ATTENDING_ANSWERS,
  type Closing,
  type StillAttendingAnswer,
  type StillAttendingQuestion,
} from '../../closing.ts'
import { parsePastDate } from '../escalate/escalate.form.ts'

export interface CloseFormValues {
  reason: string
  summary: string
  connectedTo: string
  day: string
  month: string
  year: string
  /** The answer for each group asked about, by connection id (the field is stillAttending-<id>). */
  stillAttending: Record<string, string>
}

export function stillAttendingField(connectionId: string): string {
  return `stillAttending-${connectionId}`
}

export function readCloseForm(body: unknown, questions: readonly StillAttendingQuestion[] = []): CloseFormValues {
  return {
    stillAttending: Object.fromEntries(
      questions.map((q) => [q.connectionId, textField(body, stillAttendingField(q.connectionId), 10)]),
    ),
    reason: textField(body, 'reason', 40),
    summary: textField(body, 'summary', CLOSING_SUMMARY_MAX),
    connectedTo: textField(body, 'connectedTo', CONNECTED_TO_MAX),
    day: textField(body, 'day', 4),
    month: textField(body, 'month', 4),
    year: textField(body, 'year', 6),
  }
}

/** Parses the closing form; support cannot end before the episode was opened. */
export function parseCloseForm(
  values: CloseFormValues,
  today: string,
  openedOn: string,
  questions: readonly StillAttendingQuestion[] = [],
): FormResult<Closing> {
  const errors: FieldErrors = {}
  if (!isCloseReason(values.reason)) errors['reason'] = 'Select why support is ending'
  if (!values.summary) errors['summary'] = 'Enter a closing summary for the GP and referrer'
  else if (values.summary.length > CLOSING_SUMMARY_MAX)
    errors['summary'] = `The closing summary must be ${CLOSING_SUMMARY_MAX} characters or fewer`
  if (values.connectedTo.length > CONNECTED_TO_MAX)
    errors['connectedTo'] = `What they were connected to must be ${CONNECTED_TO_MAX} characters or fewer`
  // "Still going?" comes after "connected to" on the form, so its errors come after in the summary too.
  const stillAttending: Record<string, StillAttendingAnswer> = {}
  for (const q of questions) {
    const answer = values.stillAttending[q.connectionId] ?? ''
    if ((STILL_ATTENDING_ANSWERS as readonly string[]).includes(answer))
      stillAttending[q.connectionId] = answer as StillAttendingAnswer
    else errors[stillAttendingField(q.connectionId)] = `Select whether they are still going to ${q.serviceName}`
  }
  const date = parsePastDate(values, 'support ended', today, { date: openedOn, label: 'the day support began' })
  if (!date.ok) errors['day'] = date.error
  if (Object.keys(errors).length > 0 || !isCloseReason(values.reason) || !date.ok) return { ok: false, errors }
  return {
    ok: true,
    value: {
      reason: values.reason,
      summary: values.summary,
      connectedTo: values.connectedTo,
      closedOn: date.value,
      stillAttending,
    },
  }
}

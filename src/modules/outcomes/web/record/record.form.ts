// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  isoDateFrom,
  SUBMISSION_KEY,
  textField,
  type FieldErrors,
  type FormResult,
} from '../../../../platform/http/forms.ts'
import { choiceItems, NONE_ANSWERED, scoreAnswers, type Instrument } from '../../instrument.ts'
import { TIMEPOINTS, type NewMeasure, type Timepoint } from '../../outcome.ts'

export interface RecordValues {
  timepoint: string
  day: string
  month: string
  year: string
  submissionKey: string
  /** Choice item id → the answer's value as typed ('' where it was not answered). */
  answers: Record<string, string>
  /** Text item id → the person's words as typed. */
  texts: Record<string, string>
}

/** The field an item's answer is posted as (item ids are letters and digits). */
export function answerField(itemId: string): string {
  return `answer-${itemId}`
}

/** The text items' answers as typed (one character past the longest allowed, so too long is reported). */
export function textAnswers(body: unknown, instrument: Instrument): Record<string, string> {
  return Object.fromEntries(
    instrument.items
      .filter((i) => i.type === 'text')
      .map((i) => [i.id, textField(body, answerField(i.id), i.maxLength ?? 200)]),
  )
}

export function readRecordForm(body: unknown, instrument: Instrument): RecordValues {
  return {
    timepoint: textField(body, 'timepoint', 20),
    day: textField(body, 'day', 2),
    month: textField(body, 'month', 2),
    year: textField(body, 'year', 4),
    submissionKey: textField(body, 'submissionKey', 64),
    answers: Object.fromEntries(choiceItems(instrument).map((i) => [i.id, textField(body, answerField(i.id), 4)])),
    texts: textAnswers(body, instrument),
  }
}

/**
 * A timepoint, a date in the last year and not in the future, and answers the instrument accepts. An item left
 * unanswered is allowed (the instrument's missing-item rule decides what can be scored); none answered is not.
 */
export function parseRecordForm(values: RecordValues, instrument: Instrument, today: string): FormResult<NewMeasure> {
  const errors: FieldErrors = {}
  if (!(TIMEPOINTS as readonly string[]).includes(values.timepoint))
    errors['timepoint'] = 'Select when in their support this questionnaire was'
  const completedOn = isoDateFrom(values.day, values.month, values.year)
  if (!values.day && !values.month && !values.year) errors['completedOn'] = 'Enter the date they answered'
  else if (!completedOn) errors['completedOn'] = 'The date they answered must be a real date'
  else if (completedOn > today) errors['completedOn'] = 'The date they answered must be today or in the past'
  else if (completedOn < `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`)
    errors['completedOn'] = 'The date they answered must be within the last year'
  const answers: Record<string, number | null> = {}
  for (const item of choiceItems(instrument)) {
    const typed = values.answers[item.id] ?? ''
    answers[item.id] = typed === '' ? null : /^-?\d{1,3}$/.test(typed) ? Number(typed) : Number.NaN
  }
  const scored = scoreAnswers(instrument, answers, values.texts)
  if (!scored.ok)
    for (const [itemId, message] of Object.entries(scored.errors))
      errors[answerField(itemId)] =
        scored.errors[itemId] === NONE_ANSWERED
          ? message
          : `${questionNumber(instrument, itemId)}: ${message.toLowerCase()}`
  if (!SUBMISSION_KEY.test(values.submissionKey))
    errors['timepoint'] ??= 'The form expired. Check the answers and try again'
  if (Object.keys(errors).length > 0 || !completedOn) return { ok: false, errors }
  return {
    ok: true,
    value: {
      instrumentKey: instrument.key,
      timepoint: values.timepoint as Timepoint,
      completedOn,
      answers,
      texts: scored.ok ? scored.texts : {},
      submissionKey: values.submissionKey,
    },
  }
}

function questionNumber(instrument: Instrument, itemId: string): string {
  return `Question ${instrument.items.findIndex((i) => i.id === itemId) + 1}`
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  SUBMISSION_KEY,
  isoDateFrom,
  listField,
  textField,
  type FieldErrors,
  type FormResult,
} from '../../../../platform/http/forms.ts'
import { isProgress, MAX_ACTIONS, MAX_GOALS, PLAN_TEXT_MAX, type NewReview, type Progress } from '../../plan.ts'
import { isUuid } from '../../../../shared/uuid.ts'

const NOTE_MAX = 500

export interface ReviewFormValues {
  submissionKey: string
  reviewedDay: string
  reviewedMonth: string
  reviewedYear: string
  goals: { key: string; progress: string; note: string }[]
  /** Positions (as text) of the actions ticked as done. */
  actionsDone: string[]
  notes: string
  nextDay: string
  nextMonth: string
  nextYear: string
}

export function readReviewForm(body: unknown, goalCount: number): ReviewFormValues {
  return {
    submissionKey: textField(body, 'submissionKey', 64),
    reviewedDay: textField(body, 'reviewedDay', 4),
    reviewedMonth: textField(body, 'reviewedMonth', 4),
    reviewedYear: textField(body, 'reviewedYear', 6),
    goals: Array.from({ length: Math.min(goalCount, MAX_GOALS) }, (_, i) => ({
      key: textField(body, `goal${i + 1}Key`, 36),
      progress: textField(body, `goal${i + 1}Progress`, 30),
      note: textField(body, `goal${i + 1}Note`, NOTE_MAX),
    })),
    actionsDone: listField(body, 'actionsDone').slice(0, MAX_ACTIONS),
    notes: textField(body, 'notes', PLAN_TEXT_MAX),
    nextDay: textField(body, 'nextDay', 4),
    nextMonth: textField(body, 'nextMonth', 4),
    nextYear: textField(body, 'nextYear', 6),
  }
}

/** Parses the review form: progress for every goal of the agreed plan, and the date of the next review. */
export function parseReviewForm(values: ReviewFormValues, today: string): FormResult<NewReview> {
  const errors: FieldErrors = {}
  if (!SUBMISSION_KEY.test(values.submissionKey))
    errors['reviewedDay'] = 'This form has expired. Reload the page and try again'
  let reviewedOn: string | undefined
  if (!values.reviewedDay && !values.reviewedMonth && !values.reviewedYear)
    errors['reviewedDay'] = 'Enter the date of the review'
  else {
    reviewedOn = isoDateFrom(values.reviewedDay, values.reviewedMonth, values.reviewedYear)
    if (!reviewedOn) errors['reviewedDay'] = 'Date of the review must be a real date'
    else if (reviewedOn > today) errors['reviewedDay'] = 'Date of the review must be today or in the past'
  }
  const progress: { goalKey: string; progress: Progress; note: string }[] = []
  values.goals.forEach((g, i) => {
    const n = i + 1
    if (!isUuid(g.key)) errors[`goal${n}Progress`] = 'This form has expired. Reload the page and try again'
    else if (!isProgress(g.progress)) errors[`goal${n}Progress`] = `Select the progress on goal ${n}`
    else progress.push({ goalKey: g.key, progress: g.progress, note: g.note })
    if (g.note.length > NOTE_MAX) errors[`goal${n}Note`] = `Note on goal ${n} must be ${NOTE_MAX} characters or fewer`
  })
  if (values.notes.length > PLAN_TEXT_MAX) errors['notes'] = `Notes must be ${PLAN_TEXT_MAX} characters or fewer`
  let nextReviewOn: string | undefined
  if (!values.nextDay && !values.nextMonth && !values.nextYear) errors['nextDay'] = 'Enter the date of the next review'
  else {
    nextReviewOn = isoDateFrom(values.nextDay, values.nextMonth, values.nextYear)
    if (!nextReviewOn) errors['nextDay'] = 'Next review must be a real date'
    else if (nextReviewOn <= today) errors['nextDay'] = 'Next review must be in the future'
    else if (nextReviewOn > `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`)
      errors['nextDay'] = 'Next review must be within a year'
  }
  if (Object.keys(errors).length > 0 || !reviewedOn || !nextReviewOn) return { ok: false, errors }
  return {
    ok: true,
    value: {
      submissionKey: values.submissionKey,
      reviewedOn,
      notes: values.notes,
      nextReviewOn,
      progress,
      // Positions the form offered; anything else is dropped (the service also checks them against the plan).
      actionsDone: [...new Set(values.actionsDone.filter((v) => /^\d{1,2}$/.test(v)).map(Number))],
    },
  }
}

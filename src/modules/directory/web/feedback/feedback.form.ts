// SPDX-License-Identifier: AGPL-3.0-or-later
import { textField, type FieldErrors } from '../../../../platform/http/forms.ts'

export interface FeedbackValues {
  welcoming: string
  wouldRecommend: string
  comment: string
  idempotencyKey: string
}

const ANSWERS = ['yes', 'no', 'not-sure']

function toBoolean(answer: string): boolean | null {
  return answer === 'yes' ? true : answer === 'no' ? false : null
}

export function parseFeedback(
  body: unknown,
  who: 'link-worker' | 'person',
): {
  ok: boolean
  values: FeedbackValues
  errors: FieldErrors
  welcoming: boolean | null
  wouldRecommend: boolean | null
} {
  const values: FeedbackValues = {
    welcoming: textField(body, 'welcoming', 10),
    wouldRecommend: textField(body, 'wouldRecommend', 10),
    comment: textField(body, 'comment', 500),
    idempotencyKey: textField(body, 'idempotencyKey', 64),
  }
  const errors: FieldErrors = {}
  if (!ANSWERS.includes(values.welcoming))
    errors['welcoming'] = who === 'person' ? 'Select whether you felt welcome' : 'Select whether they felt welcome'
  if (!ANSWERS.includes(values.wouldRecommend))
    errors['wouldRecommend'] =
      who === 'person' ? 'Select whether you would recommend it' : 'Select whether they would recommend it'
  if (values.comment.length > 500) errors['comment'] = 'Comments must be 500 characters or fewer'
  if (!/^[A-Za-z0-9-]{16,64}$/.test(values.idempotencyKey)) errors['welcoming'] = 'Open the form again and resubmit it'
  return {
    ok: Object.keys(errors).length === 0,
    values,
    errors,
    welcoming: toBoolean(values.welcoming),
    wouldRecommend: toBoolean(values.wouldRecommend),
  }
}

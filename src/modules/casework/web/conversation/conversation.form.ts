// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  SUBMISSION_KEY,
  isoDateFrom,
  listField,
  textField,
  type FieldErrors,
  type FormResult,
} from '../../../../platform/http/forms.ts'
import { isNeed, type Need } from '../../../referrals/index.ts'
import { daysBetween } from '../../casework.ts'
import { classifyNeeds, CONVERSATION_TEXT_MAX, WHAT_MATTERS_MAX, type NewConversation } from '../../conversation.ts'

export interface ConversationFormValues {
  submissionKey: string
  day: string
  month: string
  year: string
  whatMatters: string
  strengths: string
  interests: string
  whatGetsInTheWay: string
  /** Needs ticked in either list (the referral's needs to confirm, and other needs to add). */
  needs: string[]
}

export function readConversationForm(body: unknown): ConversationFormValues {
  return {
    submissionKey: textField(body, 'submissionKey', 64),
    day: textField(body, 'day', 4),
    month: textField(body, 'month', 4),
    year: textField(body, 'year', 6),
    whatMatters: textField(body, 'whatMatters', WHAT_MATTERS_MAX),
    strengths: textField(body, 'strengths', CONVERSATION_TEXT_MAX),
    interests: textField(body, 'interests', CONVERSATION_TEXT_MAX),
    whatGetsInTheWay: textField(body, 'whatGetsInTheWay', CONVERSATION_TEXT_MAX),
    needs: [...listField(body, 'needsConfirmed'), ...listField(body, 'needsAdded')].slice(0, 40),
  }
}

/** Parses the conversation form; `referralNeeds` decides which ticked needs are confirmed and which are added. */
export function parseConversationForm(
  values: ConversationFormValues,
  referralNeeds: readonly Need[],
  today: string,
): FormResult<NewConversation> {
  const errors: FieldErrors = {}
  if (!SUBMISSION_KEY.test(values.submissionKey)) errors['day'] = 'This form has expired. Reload the page and try again'

  let heldOn: string | undefined
  if (!values.day && !values.month && !values.year) errors['day'] = 'Enter the date of the conversation'
  else {
    heldOn = isoDateFrom(values.day, values.month, values.year)
    if (!heldOn) errors['day'] = 'Date of the conversation must be a real date'
    else if (heldOn > today) errors['day'] = 'Date of the conversation must be today or in the past'
    else if (daysBetween(heldOn, today) > 366) errors['day'] = 'Date of the conversation must be within the last year'
  }

  if (!values.whatMatters) errors['whatMatters'] = 'Enter what matters to them, in their own words'
  else if (values.whatMatters.length > WHAT_MATTERS_MAX)
    errors['whatMatters'] = `What matters to them must be ${WHAT_MATTERS_MAX} characters or fewer`
  const longText: [keyof ConversationFormValues, string][] = [
    ['strengths', 'Strengths'],
    ['interests', 'Interests'],
    ['whatGetsInTheWay', 'What gets in the way'],
  ]
  for (const [field, label] of longText) {
    if ((values[field] as string).length > CONVERSATION_TEXT_MAX)
      errors[field] = `${label} must be ${CONVERSATION_TEXT_MAX} characters or fewer`
  }

  const ticked = values.needs.filter(isNeed)
  if (ticked.length !== values.needs.length) errors['needs'] = 'Select needs from the list'
  else if (ticked.length === 0)
    errors['needs'] = 'Select at least one need: confirm one the referral gave, or add one the conversation found'

  if (Object.keys(errors).length > 0 || !heldOn) return { ok: false, errors }
  return {
    ok: true,
    value: {
      submissionKey: values.submissionKey,
      heldOn,
      whatMatters: values.whatMatters,
      strengths: values.strengths,
      interests: values.interests,
      whatGetsInTheWay: values.whatGetsInTheWay,
      ...classifyNeeds(referralNeeds, ticked),
    },
  }
}

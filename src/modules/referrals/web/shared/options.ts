// SPDX-License-Identifier: AGPL-3.0-or-later
import { choicesFrom, type Choice } from '../../../../platform/http/choices.ts'
import { CONTACT_METHOD_LABELS, CONTACT_METHODS } from '../../../people/index.ts'

export function contactMethodChoices(chosen: string | readonly string[]): Choice[] {
  return choicesFrom(CONTACT_METHOD_LABELS, chosen, CONTACT_METHODS)
}

/** The ids to focus for fields whose first input is not named like the field. */
export const PERSON_FIELD_IDS: Record<string, string> = {
  dateOfBirth: 'dobDay',
  preferredContactMethod: 'preferredContactMethod',
  contactMethodsToAvoid: 'contactMethodsToAvoid',
  interpreterNeeded: 'interpreterNeeded',
}

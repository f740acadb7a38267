// SPDX-License-Identifier: AGPL-3.0-or-later
import { CONTACT_METHOD_LABELS, CONTACT_METHODS } from '../../../people/index.ts'

export interface Choice {
  value: string
  text: string
  checked?: boolean
  selected?: boolean
  hint?: { text: string }
}

/** Radio or checkbox items from a label table, marking what was chosen. */
export function choicesFrom<K extends string>(
  labels: Record<K, string>,
  chosen: string | readonly string[],
  order?: readonly K[],
): Choice[] {
  const selected = typeof chosen === 'string' ? [chosen] : chosen
  return (order ?? (Object.keys(labels) as K[])).map((value) => ({
    value,
    text: labels[value],
    checked: selected.includes(value),
  }))
}

/** Select items with an empty first option. */
export function selectItemsFrom(items: { value: string; text: string }[], chosen: string, prompt = 'Select'): Choice[] {
  return [{ value: '', text: prompt }, ...items.map((item) => ({ ...item, selected: item.value === chosen }))]
}

export function contactMethodChoices(chosen: string | readonly string[]): Choice[] {
  return choicesFrom(CONTACT_METHOD_LABELS, chosen, CONTACT_METHODS)
}

export function yesNo(chosen: string): Choice[] {
  return [
    { value: 'yes', text: 'Yes', checked: chosen === 'yes' },
    { value: 'no', text: 'No', checked: chosen === 'no' },
  ]
}

/** The ids to focus for fields whose first input is not named like the field. */
export const PERSON_FIELD_IDS: Record<string, string> = {
  dateOfBirth: 'dobDay',
  preferredContactMethod: 'preferredContactMethod',
  contactMethodsToAvoid: 'contactMethodsToAvoid',
  interpreterNeeded: 'interpreterNeeded',
}

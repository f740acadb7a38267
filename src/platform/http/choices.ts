// SPDX-License-Identifier: AGPL-3.0-or-later
// The items nhsuk-frontend's radios, checkboxes and selects take, built from a label table with what the user
// chose kept checked (so a form shown again with errors still has their answers), and a date as its three boxes.

export interface Choice {
  value: string
  text: string
  checked?: boolean
  selected?: boolean
  hint?: { text: string }
}

/** Radio or checkbox items from a label table (in its order, or `order`), marking what was chosen. */
export function choicesFrom<K extends string | number>(
  labels: Record<K, string>,
  chosen: string | readonly string[],
  order?: readonly K[],
): Choice[] {
  const selected = typeof chosen === 'string' ? [chosen] : chosen
  return (order ?? (Object.keys(labels) as K[])).map((value) => ({
    value: String(value),
    text: labels[value],
    checked: selected.includes(String(value)),
  }))
}

/** Select items with an empty first option. */
export function selectItemsFrom(items: { value: string; text: string }[], chosen: string, prompt = 'Select'): Choice[] {
  return [{ value: '', text: prompt }, ...items.map((item) => ({ ...item, selected: item.value === chosen }))]
}

/** Yes and No radios. */
export function yesNo(chosen: string): Choice[] {
  return [
    { value: 'yes', text: 'Yes', checked: chosen === 'yes' },
    { value: 'no', text: 'No', checked: chosen === 'no' },
  ]
}

/** An ISO date as the three boxes of a date input ("2026-03-05" → 5, 3, 2026). */
export function dateParts(iso: string | null | undefined): { day: string; month: string; year: string } {
  if (!iso) return { day: '', month: '', year: '' }
  const [year, month, day] = iso.split('-') as [string, string, string]
  return { day: String(Number(day)), month: String(Number(month)), year }
}

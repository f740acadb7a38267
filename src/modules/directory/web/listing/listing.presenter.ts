// SPDX-License-Identifier: AGPL-3.0-or-later
import { errorListFor, type FieldErrors } from '../../../../platform/http/forms.ts'
import { ACCESSIBILITY_TAXONOMY, FIVE_WAYS_TAXONOMY, NEEDS_TAXONOMY } from '../../taxonomies.ts'
import {
  CAPACITY_LABELS,
  HOW_TO_JOIN_LABELS,
  WELCOME_LABELS,
  CAPACITY_CODES,
  HOW_TO_JOIN_VALUES,
  WELCOME_VALUES,
} from '../../directory.ts'
import { WEEKDAYS, WEEKDAY_NAMES } from '../../schedules.ts'
import { LISTING_FIELD_IDS, type ListingValues } from './listing.form.ts'

const FREQUENCY_LABELS: [string, string][] = [
  ['weekly', 'Every week'],
  ['fortnightly', 'Every other week'],
  ['1', 'First of the month'],
  ['2', 'Second of the month'],
  ['3', 'Third of the month'],
  ['4', 'Fourth of the month'],
  ['-1', 'Last of the month'],
]

const STATUS_ITEMS: [string, string][] = [
  ['active', 'Running'],
  ['temporarily closed', 'Temporarily closed'],
  ['defunct', 'Closed for good'],
]

/** Items for every radio, checkbox and select on the listing form, with what was typed kept. */
export function listingFormModel(values: ListingValues, errors: FieldErrors) {
  const checked = (list: readonly string[], value: string): boolean => list.includes(value)
  return {
    values,
    errors,
    errorList: errorListFor(errors, LISTING_FIELD_IDS),
    statusItems: STATUS_ITEMS.map(([value, text]) => ({ value, text, checked: values.status === value })),
    welcomeItems: WELCOME_VALUES.map((value) => ({
      value,
      text: WELCOME_LABELS[value],
      checked: values.welcome === value,
    })),
    capacityItems: CAPACITY_CODES.map((value) => ({
      value,
      text: CAPACITY_LABELS[value],
      checked: values.capacity === value,
    })),
    howToJoinItems: HOW_TO_JOIN_VALUES.map((value) => ({
      value,
      text: HOW_TO_JOIN_LABELS[value],
      checked: values.howToJoin === value,
    })),
    needItems: NEEDS_TAXONOMY.terms.map((t) => ({
      value: t.code,
      text: t.name,
      checked: checked(values.needs, t.code),
    })),
    wayItems: FIVE_WAYS_TAXONOMY.terms.map((t) => ({
      value: t.code,
      text: t.name,
      hint: { text: t.description },
      checked: checked(values.ways, t.code),
    })),
    accessibilityItems: ACCESSIBILITY_TAXONOMY.terms.map((t) => ({
      value: t.code,
      text: t.name,
      checked: checked(values.accessibility, t.code),
    })),
    scheduleRows: values.schedules.map((row, i) => ({
      index: i,
      number: i + 1,
      row,
      dayItems: [
        { value: '', text: 'Select a day', selected: !row.day },
        ...WEEKDAYS.map((d) => ({ value: d, text: WEEKDAY_NAMES[d], selected: row.day === d })),
      ],
      frequencyItems: FREQUENCY_LABELS.map(([value, text]) => ({ value, text, selected: row.frequency === value })),
      errors: {
        day: errors[`schedule${i}Day`],
        frequency: errors[`schedule${i}Frequency`],
        opens: errors[`schedule${i}Opens`],
        closes: errors[`schedule${i}Closes`],
      },
    })),
    costItems: [
      { value: 'free', text: 'Free', checked: values.costType === 'free' },
      { value: 'paid', text: 'There is a charge', checked: values.costType === 'paid' },
    ],
  }
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import { queryField, type FieldErrors, type FormResult } from '../../../../../platform/http/forms.ts'
import { compactNhsNumber, isValidNhsNumber } from '../../../../../shared/nhs-number.ts'
import { parseDateOfBirth, type PeopleSearch } from '../../../../people/index.ts'

export interface SearchValues {
  name: string
  nhsNumber: string
  dobDay: string
  dobMonth: string
  dobYear: string
}

export function readSearch(query: unknown): SearchValues {
  return {
    name: queryField(query, 'name', 100),
    nhsNumber: queryField(query, 'nhsNumber', 20),
    dobDay: queryField(query, 'dobDay', 4),
    dobMonth: queryField(query, 'dobMonth', 4),
    dobYear: queryField(query, 'dobYear', 6),
  }
}

export function isEmptySearch(values: SearchValues): boolean {
  return !values.name && !values.nhsNumber && !values.dobDay && !values.dobMonth && !values.dobYear
}

/** Parses the search form; a name needs at least two letters so a search never lists everyone by accident. */
export function parseSearch(values: SearchValues, today: Date): FormResult<PeopleSearch> {
  const errors: FieldErrors = {}
  if (values.name && values.name.replace(/[^\p{L}]/gu, '').length < 2)
    errors['name'] = 'Enter at least 2 letters of their name'
  else if (values.name.length > 100) errors['name'] = 'Name must be 100 characters or fewer'
  let nhsNumber: string | null = null
  if (values.nhsNumber) {
    const compact = compactNhsNumber(values.nhsNumber)
    if (!/^\d{10}$/.test(compact)) errors['nhsNumber'] = 'NHS number must be 10 digits, like 943 476 5919'
    else if (!isValidNhsNumber(compact))
      errors['nhsNumber'] = 'Enter a valid NHS number – check you have typed it correctly'
    else nhsNumber = compact
  }
  let dateOfBirth: string | null = null
  if (values.dobDay || values.dobMonth || values.dobYear) {
    const dob = parseDateOfBirth(values.dobDay, values.dobMonth, values.dobYear, today)
    if (dob.ok) dateOfBirth = dob.value
    else errors['dateOfBirth'] = dob.message
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return { ok: true, value: { name: values.name, nhsNumber, dateOfBirth } }
}

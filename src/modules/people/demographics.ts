// SPDX-License-Identifier: AGPL-3.0-or-later
// Sex and ethnic category (issue 14): asked so a service and its commissioners can see whether people of every
// group are referred, supported, connected and helped alike. Both are optional: not asked is null, and "prefer not
// to say" is an answer of its own. Ethnic category is the NHS Data Dictionary's ETHNIC CATEGORY (the 2001 census
// groups that NHS England's datasets and UK Core FHIR use); sex is as the person states it, with FHIR's
// administrative gender as its coded form.

export const SEXES = ['female', 'male', 'other', 'not-stated'] as const
export type Sex = (typeof SEXES)[number]
export const SEX_LABELS: Record<Sex, string> = {
  female: 'Female',
  male: 'Male',
  other: 'Another way',
  'not-stated': 'Prefer not to say',
}
export function isSex(value: unknown): value is Sex {
  return typeof value === 'string' && (SEXES as readonly string[]).includes(value)
}

/** FHIR R4 `Patient.gender` for each answer, and back. */
export const SEX_TO_FHIR_GENDER: Record<Sex, 'female' | 'male' | 'other' | 'unknown'> = {
  female: 'female',
  male: 'male',
  other: 'other',
  'not-stated': 'unknown',
}
export function sexFromFhirGender(gender: unknown): Sex | null {
  if (gender === 'female' || gender === 'male' || gender === 'other') return gender
  return gender === 'unknown' ? 'not-stated' : null
}

/** ETHNIC CATEGORY codes and how a form, a record or a report shows them, in the Data Dictionary's order. */
export const ETHNIC_CATEGORY_LABELS = {
  A: 'White: British',
  B: 'White: Irish',
  C: 'White: Any other White background',
  D: 'Mixed: White and Black Caribbean',
  E: 'Mixed: White and Black African',
  F: 'Mixed: White and Asian',
  G: 'Mixed: Any other mixed background',
  H: 'Asian or Asian British: Indian',
  J: 'Asian or Asian British: Pakistani',
  K: 'Asian or Asian British: Bangladeshi',
  L: 'Asian or Asian British: Any other Asian background',
  M: 'Black or Black British: Caribbean',
  N: 'Black or Black British: African',
  P: 'Black or Black British: Any other Black background',
  R: 'Other ethnic groups: Chinese',
  S: 'Other ethnic groups: Any other ethnic group',
  Z: 'Prefer not to say',
} as const
export type EthnicCategory = keyof typeof ETHNIC_CATEGORY_LABELS
export const ETHNIC_CATEGORIES = Object.keys(ETHNIC_CATEGORY_LABELS) as EthnicCategory[]
export function isEthnicCategory(value: unknown): value is EthnicCategory {
  return typeof value === 'string' && Object.hasOwn(ETHNIC_CATEGORY_LABELS, value)
}

/** The UK Core extension and code system that carry ETHNIC CATEGORY on a FHIR Patient. */
export const UK_CORE_ETHNIC_CATEGORY_EXTENSION =
  'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory'
export const UK_CORE_ETHNIC_CATEGORY_SYSTEM = 'https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland'

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

/** ETHNIC CATEGORY codes, in the Data Dictionary's order and groups. */
export const ETHNIC_CATEGORY_GROUPS: readonly { group: string; categories: Readonly<Record<string, string>> }[] = [
  {
    group: 'White',
    categories: { A: 'British', B: 'Irish', C: 'Any other White background' },
  },
  {
    group: 'Mixed',
    categories: {
      D: 'White and Black Caribbean',
      E: 'White and Black African',
      F: 'White and Asian',
      G: 'Any other mixed background',
    },
  },
  {
    group: 'Asian or Asian British',
    categories: { H: 'Indian', J: 'Pakistani', K: 'Bangladeshi', L: 'Any other Asian background' },
  },
  {
    group: 'Black or Black British',
    categories: { M: 'Caribbean', N: 'African', P: 'Any other Black background' },
  },
  {
    group: 'Other ethnic groups',
    categories: { R: 'Chinese', S: 'Any other ethnic group' },
  },
  { group: 'Not stated', categories: { Z: 'Prefer not to say' } },
]
export const ETHNIC_CATEGORIES = [
  'A',
  'B',
  'C',
  'D',
  'E',
  'F',
  'G',
  'H',
  'J',
  'K',
  'L',
  'M',
  'N',
  'P',
  'R',
  'S',
  'Z',
] as const
export type EthnicCategory = (typeof ETHNIC_CATEGORIES)[number]
export function isEthnicCategory(value: unknown): value is EthnicCategory {
  return typeof value === 'string' && (ETHNIC_CATEGORIES as readonly string[]).includes(value)
}
/** "Asian or Asian British: Indian", as a report or a record shows it. */
export const ETHNIC_CATEGORY_LABELS = Object.fromEntries(
  ETHNIC_CATEGORY_GROUPS.flatMap(({ group, categories }) =>
    Object.entries(categories).map(([code, name]) => [code, code === 'Z' ? name : `${group}: ${name}`]),
  ),
) as Record<EthnicCategory, string>

/** The UK Core extension and code system that carry ETHNIC CATEGORY on a FHIR Patient. */
export const UK_CORE_ETHNIC_CATEGORY_EXTENSION =
  'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory'
export const UK_CORE_ETHNIC_CATEGORY_SYSTEM = 'https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland'

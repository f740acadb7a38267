// SPDX-License-Identifier: AGPL-3.0-or-later
// A person's details as a form: the values as typed, reading them from a body, and the checks every route that
// records a person (the referral form, self-referral, the person record, FHIR) shares.
import { compactNhsNumber, isValidNhsNumber } from '../../shared/nhs-number.ts'
import { isAcceptedPostcode, normalisePostcode } from '../../shared/postcode.ts'
import { listField, textField, type FieldErrors } from '../../platform/http/forms.ts'
import { choicesFrom, selectItemsFrom, yesNo, type Choice } from '../../platform/http/choices.ts'
import {
  ETHNIC_CATEGORIES,
  ETHNIC_CATEGORY_LABELS,
  SEX_LABELS,
  SEXES,
  isEthnicCategory,
  isSex,
  type Sex,
} from './demographics.ts'
import {
  CONTACT_METHOD_LABELS,
  CONTACT_METHODS,
  type ContactMethod,
  isContactMethod,
  type PersonDetails,
  isContactThrough,
  hasWayToReach,
  NAME_MAX,
  LONG_TEXT_MAX,
  GP_PRACTICE_MAX,
  parseDateOfBirth,
} from './person.ts'

export interface PersonFormValues {
  givenName: string
  familyName: string
  dobDay: string
  dobMonth: string
  dobYear: string
  nhsNumber: string
  addressLine1: string
  addressLine2: string
  town: string
  postcode: string
  phone: string
  email: string
  preferredContactMethod: string
  preferredContactTimes: string
  contactMethodsToAvoid: string[]
  language: string
  interpreterNeeded: string
  accessNeeds: string
  othersToInvolve: string
  contactThrough: string
  contactThroughDetails: string
  gpPractice: string
  sex: string
  ethnicity: string
}

export function emptyPersonFormValues(): PersonFormValues {
  return {
    givenName: '',
    familyName: '',
    dobDay: '',
    dobMonth: '',
    dobYear: '',
    nhsNumber: '',
    addressLine1: '',
    addressLine2: '',
    town: '',
    postcode: '',
    phone: '',
    email: '',
    preferredContactMethod: '',
    preferredContactTimes: '',
    contactMethodsToAvoid: [],
    language: '',
    interpreterNeeded: '',
    accessNeeds: '',
    othersToInvolve: '',
    contactThrough: '',
    contactThroughDetails: '',
    gpPractice: '',
    sex: '',
    ethnicity: '',
  }
}

export function readPersonFormValues(body: unknown): PersonFormValues {
  return {
    givenName: textField(body, 'givenName', NAME_MAX),
    familyName: textField(body, 'familyName', NAME_MAX),
    dobDay: textField(body, 'dobDay', 10),
    dobMonth: textField(body, 'dobMonth', 10),
    dobYear: textField(body, 'dobYear', 10),
    nhsNumber: textField(body, 'nhsNumber', 30),
    addressLine1: textField(body, 'addressLine1', 200),
    addressLine2: textField(body, 'addressLine2', 200),
    town: textField(body, 'town', 100),
    postcode: textField(body, 'postcode', 20),
    phone: textField(body, 'phone', 30),
    email: textField(body, 'email', 254),
    preferredContactMethod: textField(body, 'preferredContactMethod', 30),
    preferredContactTimes: textField(body, 'preferredContactTimes', 200),
    contactMethodsToAvoid: listField(body, 'contactMethodsToAvoid').slice(0, 10),
    language: textField(body, 'language', 100),
    interpreterNeeded: textField(body, 'interpreterNeeded', 5),
    accessNeeds: textField(body, 'accessNeeds', LONG_TEXT_MAX),
    othersToInvolve: textField(body, 'othersToInvolve', LONG_TEXT_MAX),
    contactThrough: textField(body, 'contactThrough', 20),
    contactThroughDetails: textField(body, 'contactThroughDetails', LONG_TEXT_MAX),
    gpPractice: textField(body, 'gpPractice', 300),
    sex: textField(body, 'sex', 20),
    ethnicity: textField(body, 'ethnicity', 5),
  }
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/
const PHONE = /^\+?[0-9 ()-]{10,20}$/

function tooLong(errors: FieldErrors, field: string, value: string, max: number, label: string): void {
  if (value.length > max && !errors[field]) errors[field] = `${label} must be ${max} characters or fewer`
}

/**
 * Validates person details typed into a form. `voice` chooses the wording: "their" for a professional
 * referring someone, "your" for a person referring themselves.
 */
export function validatePersonForm(
  values: PersonFormValues,
  today: Date,
  voice: 'their' | 'your' = 'their',
): { ok: true; value: PersonDetails } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {}
  if (!values.givenName) errors['givenName'] = `Enter ${voice} first name`
  tooLong(errors, 'givenName', values.givenName, NAME_MAX, 'First name')
  if (!values.familyName) errors['familyName'] = `Enter ${voice} last name`
  tooLong(errors, 'familyName', values.familyName, NAME_MAX, 'Last name')
  const dob = parseDateOfBirth(values.dobDay, values.dobMonth, values.dobYear, today)
  if (!dob.ok) errors['dateOfBirth'] = dob.message
  const nhsNumber = values.nhsNumber ? compactNhsNumber(values.nhsNumber) : ''
  if (nhsNumber && !/^\d{10}$/.test(nhsNumber)) errors['nhsNumber'] = 'NHS number must be 10 digits, like 943 476 5919'
  else if (nhsNumber && !isValidNhsNumber(nhsNumber))
    errors['nhsNumber'] = 'Enter a valid NHS number – check you have typed it correctly'
  tooLong(errors, 'addressLine1', values.addressLine1, 200, 'Address line 1')
  tooLong(errors, 'addressLine2', values.addressLine2, 200, 'Address line 2')
  tooLong(errors, 'town', values.town, 100, 'Town or city')
  if (!values.postcode) errors['postcode'] = `Enter ${voice} postcode, or ZZ99 3VZ for no fixed abode`
  else if (!isAcceptedPostcode(values.postcode))
    errors['postcode'] = 'Enter a real postcode, like AB10 1AA, or ZZ99 3VZ for no fixed abode'
  if (values.phone && !PHONE.test(values.phone))
    errors['phone'] = 'Enter a phone number, like 01632 960 001 or 07700 900 982'
  if (values.email && (!EMAIL.test(values.email) || values.email.length > 254))
    errors['email'] = 'Enter an email address in the correct format, like name@example.com'
  let preferred: ContactMethod | null = null
  if (values.preferredContactMethod) {
    if (isContactMethod(values.preferredContactMethod)) preferred = values.preferredContactMethod
    else errors['preferredContactMethod'] = 'Select how they prefer to be contacted'
  }
  const avoid = [...new Set(values.contactMethodsToAvoid)]
  if (!avoid.every(isContactMethod)) errors['contactMethodsToAvoid'] = 'Select ways of contacting from the list'
  if (preferred && avoid.includes(preferred))
    errors['preferredContactMethod'] = 'The preferred contact method cannot also be one that must not be used'
  if (preferred === 'phone' || preferred === 'text')
    if (!values.phone && !errors['phone'])
      errors['phone'] = `Enter a phone number to contact ${voice === 'your' ? 'you' : 'them'} on`
  if (preferred === 'email' && !values.email && !errors['email'])
    errors['email'] = `Enter an email address to contact ${voice === 'your' ? 'you' : 'them'} on`
  tooLong(errors, 'preferredContactTimes', values.preferredContactTimes, 200, 'Best times to contact')
  tooLong(errors, 'language', values.language, 100, 'Language')
  if (values.interpreterNeeded && !['yes', 'no'].includes(values.interpreterNeeded))
    errors['interpreterNeeded'] = 'Select yes if an interpreter is needed'
  tooLong(errors, 'accessNeeds', values.accessNeeds, LONG_TEXT_MAX, 'Access needs')
  tooLong(errors, 'othersToInvolve', values.othersToInvolve, LONG_TEXT_MAX, 'Who else to involve')
  const through = values.contactThrough
  if (through && !isContactThrough(through)) errors['contactThrough'] = 'Select who to contact them through'
  else if (through && !values.contactThroughDetails.trim())
    errors['contactThroughDetails'] =
      through === 'referrer'
        ? 'Enter how to reach you to pass a message on'
        : 'Enter who they are and how to reach them'
  tooLong(errors, 'contactThroughDetails', values.contactThroughDetails, LONG_TEXT_MAX, 'Who to contact them through')
  tooLong(errors, 'gpPractice', values.gpPractice, GP_PRACTICE_MAX, 'GP practice')
  if (values.sex && !isSex(values.sex)) errors['sex'] = 'Select an answer from the list'
  if (values.ethnicity && !isEthnicCategory(values.ethnicity))
    errors['ethnicity'] = 'Select an ethnic group from the list'
  const reachable = hasWayToReach({
    phone: values.phone,
    email: values.email,
    addressLine1: values.addressLine1,
    postcode: values.postcode,
    contactThrough: isContactThrough(through) ? through : null,
    contactThroughDetails: values.contactThroughDetails,
  })
  if (!reachable && !errors['phone'] && !errors['contactThroughDetails'])
    errors['phone'] =
      voice === 'your'
        ? 'Give at least one way to reach you: a phone number, an email, your address, or someone to contact you through'
        : 'Give at least one way to reach them: a phone number, an email, their address, or someone to contact them through'
  if (Object.keys(errors).length > 0 || !dob.ok) return { ok: false, errors }
  return {
    ok: true,
    value: {
      givenName: values.givenName,
      familyName: values.familyName,
      dateOfBirth: dob.value,
      nhsNumber: nhsNumber || null,
      addressLine1: values.addressLine1,
      addressLine2: values.addressLine2,
      town: values.town,
      postcode: normalisePostcode(values.postcode),
      phone: values.phone,
      email: values.email,
      preferredContactMethod: preferred,
      preferredContactTimes: values.preferredContactTimes,
      contactMethodsToAvoid: avoid.filter(isContactMethod),
      language: values.language,
      interpreterNeeded: values.interpreterNeeded === 'yes',
      accessNeeds: values.accessNeeds,
      othersToInvolve: values.othersToInvolve,
      contactThrough: isContactThrough(through) ? through : null,
      contactThroughDetails: isContactThrough(through) ? values.contactThroughDetails : '',
      gpPractice: values.gpPractice,
      sex: isSex(values.sex) ? values.sex : null,
      ethnicity: isEthnicCategory(values.ethnicity) ? values.ethnicity : null,
    },
  }
}

/** Turns stored details back into form values (for editing a draft or going back a step). */
export function personFormValuesFrom(details: PersonDetails): PersonFormValues {
  const [year = '', month = '', day = ''] = details.dateOfBirth.split('-')
  return {
    givenName: details.givenName,
    familyName: details.familyName,
    dobDay: day ? String(Number(day)) : '',
    dobMonth: month ? String(Number(month)) : '',
    dobYear: year,
    nhsNumber: details.nhsNumber ?? '',
    addressLine1: details.addressLine1,
    addressLine2: details.addressLine2,
    town: details.town,
    postcode: details.postcode,
    phone: details.phone,
    email: details.email,
    preferredContactMethod: details.preferredContactMethod ?? '',
    preferredContactTimes: details.preferredContactTimes,
    contactMethodsToAvoid: details.contactMethodsToAvoid,
    language: details.language,
    interpreterNeeded: details.interpreterNeeded ? 'yes' : details.language ? 'no' : '',
    accessNeeds: details.accessNeeds,
    othersToInvolve: details.othersToInvolve,
    contactThrough: details.contactThrough ?? '',
    contactThroughDetails: details.contactThroughDetails ?? '',
    gpPractice: details.gpPractice ?? '',
    sex: details.sex ?? '',
    ethnicity: details.ethnicity ?? '',
  }
}

/** The ids to focus for fields whose first input is not named like the field (for the error summary). */
export const PERSON_FIELD_IDS: Record<string, string> = {
  dateOfBirth: 'dobDay',
  preferredContactMethod: 'preferredContactMethod',
  contactMethodsToAvoid: 'contactMethodsToAvoid',
  interpreterNeeded: 'interpreterNeeded',
  sex: 'sex',
}

/**
 * The radios, checkboxes and select of the person's details, with what was chosen kept chosen. `voice`: "your" on
 * the person's own pages, where the ethnic group list starts "Choose one" rather than a professional's "Not asked".
 */
export function personFormChoices(
  values: Pick<
    PersonFormValues,
    'preferredContactMethod' | 'contactMethodsToAvoid' | 'interpreterNeeded' | 'sex' | 'ethnicity'
  >,
  voice: 'their' | 'your' = 'their',
): Record<'preferredContactMethod' | 'contactMethodsToAvoid' | 'interpreterNeeded' | 'sex' | 'ethnicity', Choice[]> {
  return {
    preferredContactMethod: choicesFrom(CONTACT_METHOD_LABELS, values.preferredContactMethod, CONTACT_METHODS),
    contactMethodsToAvoid: choicesFrom(CONTACT_METHOD_LABELS, values.contactMethodsToAvoid, CONTACT_METHODS),
    interpreterNeeded: yesNo(values.interpreterNeeded),
    // A draft saved before these were asked has neither.
    sex: choicesFrom<Sex>(SEX_LABELS, values.sex ?? '', SEXES),
    ethnicity: selectItemsFrom(
      ETHNIC_CATEGORIES.map((code) => ({ value: code, text: ETHNIC_CATEGORY_LABELS[code] })),
      values.ethnicity ?? '',
      voice === 'your' ? 'Choose one' : 'Not asked',
    ),
  }
}

/**
 * Checks details that arrived from a machine (the API) rather than a form: the same rules, reported as
 * paths. Returns an empty list when the details are acceptable.
 */
export function personDetailsProblems(details: PersonDetails, today: Date): { path: string; message: string }[] {
  const [year = '', month = '', day = ''] = details.dateOfBirth.split('-')
  const result = validatePersonForm(
    {
      ...personFormValuesFrom(details),
      dobDay: day,
      dobMonth: month,
      dobYear: year,
      interpreterNeeded: details.interpreterNeeded ? 'yes' : 'no',
      addressLine1: details.addressLine1,
    },
    today,
  )
  if (result.ok) return []
  return Object.entries(result.errors).map(([path, message]) => ({ path, message }))
}

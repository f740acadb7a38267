// SPDX-License-Identifier: AGPL-3.0-or-later
// The people module: the person referred and their consents. It has no pages of its own yet; the referrals
// module records people through this API and the casework module builds the person page on it.
export {
  createPerson,
  currentConsents,
  findLikelyDuplicates,
  findPeople,
  findPerson,
  listConsentHistory,
  recordConsents,
  viewPerson,
} from './people.service.ts'
export {
  CONSENT_METHOD_LABELS,
  CONSENT_METHODS,
  CONSENT_SCOPE_LABELS,
  CONSENT_SCOPES,
  CONTACT_METHOD_LABELS,
  CONTACT_METHODS,
  MAX_AGE_YEARS,
  ageOn,
  emptyPersonFormValues,
  fullName,
  isConsentMethod,
  isContactMethod,
  parseDateOfBirth,
  personDetailsProblems,
  personFormValuesFrom,
  readPersonFormValues,
  validatePersonForm,
} from './person.ts'
export type {
  ConsentMethod,
  ConsentRecord,
  ConsentScope,
  ContactMethod,
  NewConsent,
  Person,
  PersonDetails,
  PersonFormValues,
} from './person.ts'

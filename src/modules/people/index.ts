// SPDX-License-Identifier: AGPL-3.0-or-later
// The people module: the person referred, their consents, risk flags and merges of duplicate records. It has
// no pages of its own: the referrals module records people through this API and the casework module builds
// the person page, search and merge tool on it.
export {
  changePersonDetails,
  createPerson,
  currentConsents,
  findLikelyDuplicates,
  findOrCreatePersonForReferral,
  findPeople,
  findPerson,
  listConsentHistory,
  findWithdrawalFromSupport,
  listConsentHistoryForPeople,
  recordConsentDecision,
  recordConsents,
  searchPeople,
} from './people.service.ts'
export {
  endPersonFlag,
  listActiveFlags,
  listFlagHistory,
  raisePersonFlag,
  raisePersonFlagFromPage,
} from './flags.service.ts'
export type { PeopleActor } from './flags.service.ts'
export {
  endFlagProblems,
  FLAG_DETAILS_MAX,
  FLAG_KIND_HINTS,
  FLAG_KIND_LABELS,
  FLAG_KINDS,
  FLAG_REASON_MAX,
  flagKindsOf,
  flagsFromReferralRisks,
  isFlagKind,
  newFlagProblems,
  sortFlags,
} from './flags.ts'
export type { FlagKind, NewFlag, PersonFlag, RiskStatement } from './flags.ts'
export { identityDifferencesFor, resolvePersonIdentity } from './identity.service.ts'
export type { IdentityOutcome } from './identity.service.ts'
export {
  IDENTITY_RESOLUTION_LABELS,
  IDENTITY_RESOLUTIONS,
  identityDifferences,
  isIdentityResolution,
} from './identity-match.ts'
export type { IdentityDifference, IdentityResolution } from './identity-match.ts'
export { listMergedRecordIds, listMergeHistory, mergePeople, undoPersonMerge } from './merges.service.ts'
export { checkMerge, MERGE_REASON_MAX, mergeFormProblems } from './merges.ts'
export type { MergeProblem, PersonMerge } from './merges.ts'
export { PeopleError, PEOPLE_ERRORS } from './people.errors.ts'
export type { PeopleErrorCode } from './people.errors.ts'
export type { PeopleSearch } from './people.repository.ts'
export { consentNotRefused } from './people.repository.ts'
export { peopleHeldRecords } from './subject-access.ts'
export { anonymisePeople, listMergedInto, listRetentionCandidates } from './retention.repository.ts'
export {
  CONSENT_METHOD_LABELS,
  CONSENT_METHODS,
  CONSENT_SCOPE_LABELS,
  CONSENT_SCOPES,
  CONTACT_METHOD_LABELS,
  CONTACT_METHODS,
  CONTACT_THROUGH_LABELS,
  hasWayToReach,
  isContactThrough,
  MAX_AGE_YEARS,
  ageOn,
  detailsFillingGaps,
  fullName,
  isConsentMethod,
  isContactMethod,
  parseDateOfBirth,
  withdrawnFromSupport,
  describeWithdrawal,
  mayShareWithProviders,
  presentWithdrawal,
} from './person.ts'
export {
  emptyPersonFormValues,
  personDetailsProblems,
  PERSON_FIELD_IDS,
  personFormChoices,
  personFormValuesFrom,
  readPersonFormValues,
  validatePersonForm,
} from './person-form.ts'
export type {
  ConsentMethod,
  ConsentRecord,
  ConsentScope,
  ContactMethod,
  ContactThrough,
  NewConsent,
  Person,
  PersonDetails,
} from './person.ts'
export type { PersonFormValues } from './person-form.ts'
export {
  ETHNIC_CATEGORIES,
  ETHNIC_CATEGORY_LABELS,
  SEXES,
  SEX_LABELS,
  SEX_TO_FHIR_GENDER,
  UK_CORE_ETHNIC_CATEGORY_EXTENSION,
  UK_CORE_ETHNIC_CATEGORY_SYSTEM,
  isEthnicCategory,
  isSex,
  sexFromFhirGender,
} from './demographics.ts'
export type { EthnicCategory, Sex } from './demographics.ts'
// For other modules' repositories to join read-only (as identity's reference tables are); writes go through the services.
export { people } from './people.table.ts'

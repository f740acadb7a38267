// SPDX-License-Identifier: AGPL-3.0-or-later
import { PROFESSIONS, type Need, type Profession } from '../referral.ts'
import { type BusinessStatus } from '../referral-status.ts'

/**
 * The canonical base of Waymark's own FHIR code systems and extensions. Code system URLs are identifiers,
 * not addresses: they must not change between deployments, so this is not the server's public URL.
 */
export const WAYMARK_CANONICAL = 'https://waymark.example/fhir'

export const CODE_SYSTEMS = {
  need: `${WAYMARK_CANONICAL}/CodeSystem/referral-need`,
  businessStatus: `${WAYMARK_CANONICAL}/CodeSystem/referral-business-status`,
  consentScope: `${WAYMARK_CANONICAL}/CodeSystem/referral-consent-scope`,
  risk: `${WAYMARK_CANONICAL}/CodeSystem/referral-risk`,
  profession: `${WAYMARK_CANONICAL}/CodeSystem/referrer-profession`,
  referralReference: `${WAYMARK_CANONICAL}/Id/referral-reference`,
  declineReason: `${WAYMARK_CANONICAL}/CodeSystem/referral-decline-reason`,
  taskCode: 'http://hl7.org/fhir/CodeSystem/task-code',
  nhsNumber: 'https://fhir.nhs.uk/Id/nhs-number',
  odsOrganisation: 'https://fhir.nhs.uk/Id/ods-organization-code',
  sdohcc: 'http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes',
  snomed: 'http://snomed.info/sct',
  v3ActCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
} as const

export const EXTENSIONS = {
  consentMethod: `${WAYMARK_CANONICAL}/StructureDefinition/consent-method`,
  ukCoreNhsCommunication: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSCommunication',
} as const

/**
 * Gravity SDOH categories a US-style sender may use instead of our needs, mapped to the closest need.
 * Categories with no UK social-prescribing equivalent map to `other`, so the referral still arrives.
 */
export const SDOH_CATEGORY_TO_NEED: Readonly<Record<string, Need>> = {
  'social-connection': 'loneliness',
  stress: 'low-mood',
  'financial-insecurity': 'debt',
  'material-hardship': 'debt',
  'food-insecurity': 'debt',
  'utility-insecurity': 'debt',
  'medical-cost-burden': 'debt',
  'housing-instability': 'housing',
  homelessness: 'housing',
  'inadequate-housing': 'housing',
  'employment-status': 'employment',
  'digital-literacy': 'digital-exclusion',
  'digital-access': 'digital-exclusion',
  'personal-health-literacy': 'long-term-condition',
  'sdoh-category-unspecified': 'other',
  'transportation-insecurity': 'other',
  'educational-attainment': 'other',
  'veteran-status': 'other',
  'intimate-partner-violence': 'other',
  'elder-abuse': 'other',
  'health-insurance-coverage-status': 'other',
  'incarceration-status': 'other',
  'language-access': 'other',
  'protective-factor': 'other',
}

/** The documented meaning of each business status code (served in the CapabilityStatement's documentation). */
export const BUSINESS_STATUS_DEFINITIONS: Readonly<Record<BusinessStatus, string>> = {
  received: 'The service has received the referral and not yet triaged it.',
  allocated: 'Accepted and allocated to a link worker.',
  'contact-attempted': 'The link worker tried to contact the person and has not yet reached them.',
  'first-contact-made': 'The link worker has spoken with the person.',
  'conversation-held': 'A "what matters to you" conversation has been held.',
  'plan-agreed': 'A personalised support plan has been agreed.',
  connected: 'The person has been connected to community support.',
  paused: 'Work is paused (the contact clock pauses too).',
  'declined-by-service': 'The service declined the referral; see statusReason.',
  redirected: 'The service redirected the referral to another service.',
  'declined-by-person': 'The person declined social prescribing (SNOMED CT 871711000000103).',
  'could-not-contact': 'The service could not make contact with the person.',
  withdrawn: 'The referrer or the service withdrew the referral.',
  closed: 'Support ended and the referral is closed.',
  'entered-in-error': 'The referral should never have existed.',
}

/** Professions are the referral module's own list: the FHIR code system publishes exactly those codes. */
export const PROFESSION_CODES: readonly Profession[] = PROFESSIONS

// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ConsentMethod, PersonDetails } from '../people/index.ts'
import { type ReferralStatus, type BusinessStatus } from './referral-status.ts'

// ---- What a referral records ----

export const NEEDS = [
  'loneliness',
  'low-mood',
  'bereavement',
  'caring',
  'debt',
  'benefits',
  'housing',
  'employment',
  'inactivity',
  'weight',
  'long-term-condition',
  'substance-use',
  'digital-exclusion',
  'other',
] as const
export type Need = (typeof NEEDS)[number]
export const NEED_LABELS: Record<Need, string> = {
  loneliness: 'Loneliness or isolation',
  'low-mood': 'Low mood or anxiety (not crisis)',
  bereavement: 'Bereavement',
  caring: 'Caring responsibilities',
  debt: 'Debt or money worries',
  benefits: 'Benefits',
  housing: 'Housing',
  employment: 'Employment',
  inactivity: 'Physical inactivity',
  weight: 'Weight',
  'long-term-condition': 'Managing a long-term condition',
  'substance-use': 'Alcohol or substance use',
  'digital-exclusion': 'Getting online (digital exclusion)',
  other: 'Something else',
}
export function isNeed(value: string): value is Need {
  return (NEEDS as readonly string[]).includes(value)
}

export const URGENCIES = ['routine', 'urgent'] as const
export type Urgency = (typeof URGENCIES)[number]
export const URGENCY_LABELS: Record<Urgency, string> = { routine: 'Routine', urgent: 'Urgent' }

/** AHP framework intensities offered by referral (active signposting belongs to the directory). */
export const INTENSITIES = ['link-worker', 'self'] as const
export type Intensity = (typeof INTENSITIES)[number]
export const INTENSITY_LABELS: Record<Intensity, string> = {
  'link-worker': 'Refer to the link worker service',
  self: 'I will do the social prescribing myself',
}

export const SOURCES = ['web-form', 'self-referral', 'api'] as const
export type ReferralSource = (typeof SOURCES)[number]
export const SOURCE_LABELS: Record<ReferralSource, string> = {
  'web-form': 'Referral form',
  'self-referral': 'Self-referral',
  api: 'Clinical system (API)',
}

export const PROFESSIONS = [
  'gp',
  'practice-nurse',
  'physiotherapist',
  'occupational-therapist',
  'paramedic',
  'pharmacist',
  'dietitian',
  'podiatrist',
  'speech-and-language-therapist',
  'orthoptist',
  'social-worker',
  'mental-health-practitioner',
  'hospice-staff',
  'voluntary-sector',
  'other',
] as const
export type Profession = (typeof PROFESSIONS)[number]
export const PROFESSION_LABELS: Record<Profession, string> = {
  gp: 'GP',
  'practice-nurse': 'Nurse',
  physiotherapist: 'Physiotherapist',
  'occupational-therapist': 'Occupational therapist',
  paramedic: 'Paramedic',
  pharmacist: 'Pharmacist',
  dietitian: 'Dietitian',
  podiatrist: 'Podiatrist',
  'speech-and-language-therapist': 'Speech and language therapist',
  orthoptist: 'Orthoptist',
  'social-worker': 'Social worker',
  'mental-health-practitioner': 'Mental health practitioner',
  'hospice-staff': 'Hospice staff',
  'voluntary-sector': 'Voluntary or community sector worker',
  other: 'Other',
}
export function isProfession(value: string): value is Profession {
  return (PROFESSIONS as readonly string[]).includes(value)
}
/** Allied health professions (NHS England's list, as offered here): they may do social prescribing themselves. */
export const ALLIED_HEALTH_PROFESSIONS: readonly Profession[] = [
  'physiotherapist',
  'occupational-therapist',
  'paramedic',
  'dietitian',
  'podiatrist',
  'speech-and-language-therapist',
  'orthoptist',
]

export const DECLINE_REASONS = [
  'specialist-mental-health',
  'outside-area',
  'needs-met-elsewhere',
  'not-social-prescribing',
  'no-consent',
  'insufficient-information',
  'other',
] as const
export type DeclineReason = (typeof DECLINE_REASONS)[number]
export const DECLINE_REASON_LABELS: Record<DeclineReason, string> = {
  'specialist-mental-health': 'Needs specialist mental health support',
  'outside-area': 'Lives outside the area the service covers',
  'needs-met-elsewhere': 'Already supported by another service',
  'not-social-prescribing': 'Needs are not ones social prescribing can help with',
  'no-consent': 'The person has not agreed to the referral',
  'insufficient-information': 'Not enough information to contact or help the person',
  other: 'Another reason',
}
/** Guidance shown to the referrer with a decline, so the person is not left without help. */
export const DECLINE_REASON_GUIDANCE: Partial<Record<DeclineReason, string>> = {
  'specialist-mental-health':
    'Social prescribing is not a crisis or specialist mental health service. Please refer the person to the community mental health team or their GP for a mental health review. If they are in crisis, they can call NHS 111 and choose the mental health option, or 999 in an emergency. Once specialist support is in place, social prescribing can help alongside it: refer again then.',
  'outside-area': 'Refer the person to the social prescribing service that covers where they live.',
  'no-consent': 'Talk to the person about social prescribing and refer again if they agree.',
  'insufficient-information': 'Check the contact details and refer again with what is missing.',
}
export function isDeclineReason(value: string): value is DeclineReason {
  return (DECLINE_REASONS as readonly string[]).includes(value)
}

export interface ReferrerDetails {
  /** The signed-in referrer; null for self-referrals and API submissions without a named user. */
  userId: string | null
  /** The referring organisation; null for self-referrals. */
  organisationId: string | null
  name: string
  profession: Profession | null
  email: string | null
  phone: string | null
}

export interface ConsentStatement {
  toReferral: boolean
  shareWithService: boolean
  shareWithProviders: boolean
  method: ConsentMethod
  recordedByUserId: string | null
  recordedByName: string
  recordedAt: Date
}

export interface ReferralRisks {
  loneWorking: boolean
  loneWorkingDetails: string
  safeguardingRaisedElsewhere: boolean
  safeguardingDetails: string
}

/**
 * Everything a referral records, whatever the channel (web form, self-referral, API). R2's FHIR mapping
 * builds one of these from a ServiceRequest + Patient.
 */
export interface ReferralSubmission {
  /** Idempotency: the web form's one-time token or the API's Idempotency-Key. Same key → same referral. */
  submissionKey: string
  /** The social prescribing service receiving the referral (or, for intensity `self`, the AHP's own organisation). */
  receivingOrganisationId: string
  source: ReferralSource
  intensity: Intensity
  referrer: ReferrerDetails
  person: PersonDetails
  needs: Need[]
  reasonText: string
  whatMatters: string
  risks: ReferralRisks
  urgency: Urgency
  consent: ConsentStatement
  /** A self-referrer who asked to be told how their request is going, and how. */
  personUpdates?: PersonUpdates
}

export const PERSON_UPDATES = ['email', 'text'] as const
export type PersonUpdates = (typeof PERSON_UPDATES)[number]
export function isPersonUpdates(value: unknown): value is PersonUpdates {
  return typeof value === 'string' && (PERSON_UPDATES as readonly string[]).includes(value)
}

export interface SubmitReferralResult {
  referralId: string
  reference: string
  duplicateSuspected: boolean
  /** False when the submission key had been used before and the earlier referral was returned. */
  created: boolean
}

export interface ReferralRequester {
  userId: string | null
  organisationId: string | null
  organisationName: string | null
  name: string
  profession: Profession | null
}

/** A referral as lists and the API see it (plain data, no personal details beyond the person's id and name). */
export interface ReferralSummary {
  id: string
  reference: string
  /** The receiving service (tenant). */
  organisationId: string
  organisationName: string
  status: ReferralStatus
  businessStatus: BusinessStatus
  statusReason: string | null
  ownerUserId: string | null
  ownerName: string | null
  requester: ReferralRequester
  personId: string
  personName: string
  source: ReferralSource
  intensity: Intensity
  urgency: Urgency
  needs: Need[]
  duplicateSuspected: boolean
  /** Its NHS number and date of birth matched a held record with another name or address: a person must check. */
  identityToConfirm: boolean
  receivedAt: Date
  contactTargetDate: string
  firstContactAt: Date | null
  lastUpdated: Date
}

export interface ReferralEvent {
  id: string
  occurredAt: Date
  actorUserId: string | null
  actorName: string
  fromStatus: ReferralStatus | null
  toStatus: ReferralStatus
  businessStatus: BusinessStatus
  reasonCode: string | null
  reasonText: string | null
  /** Shown to the referrer (status, decline reason, message); link-worker notes never are. */
  visibleToReferrer: boolean
}

export interface ReferralDetail extends ReferralSummary {
  person: PersonDetails & { id: string }
  reasonText: string
  whatMatters: string
  risks: ReferralRisks
  declineReason: DeclineReason | null
  redirectedToOrganisationId: string | null
  closure: ReferralClosure | null
  submissionKey: string
  version: number
  identity: ReferralIdentity
}

/** Whether the referral's person is confirmed to be who the service's records say (see `identityToConfirm`). */
export interface ReferralIdentity {
  /** The held record the referral's NHS number and date of birth matched, when its name or address differed. */
  matchedPersonId: string | null
  resolution: string | null
  resolvedAt: Date | null
  resolvedByName: string | null
}

export interface ReferralClosure {
  connectedTo: string
  outcomes: string
  /** Written when support ends (see recordClosingDetails): why, in words; what was done; who to contact. */
  reason?: string
  whatWasDone?: string
  contact?: ServiceContact
}

/** The person at the service a GP or referrer can reach about someone: their work details only. */
export interface ServiceContact {
  name: string
  phone: string
  email: string
  hours: string
}

export type ReferralQueue = 'new' | 'awaiting-contact' | 'overdue' | 'declined' | 'open' | 'closed' | 'all'

export interface ReferralFilters {
  status?: readonly ReferralStatus[]
  queue?: ReferralQueue
  ownerUserId?: string
  requesterOrganisationId?: string
  personId?: string
  /** Any of these people (a person's record and the duplicates merged into it). */
  personIds?: readonly string[]
  need?: Need
  urgency?: Urgency
  source?: ReferralSource
  lastUpdatedAfter?: Date
  lastUpdatedBefore?: Date
  /** Used for the overdue queue; defaults to today. */
  today?: string
}

export interface PageRequest {
  limit: number
  offset: number
}

export interface Page<T> {
  rows: T[]
  total: number
}

/** The message back to the GP and referrer (PRSB), as plain data for the page, the PDF and R2's FHIR mapping. */
export interface MessageBack {
  referralId: string
  reference: string
  issuedAt: Date
  code: { system: string; code: string; display: string }
  kind: 'accepted-and-closed' | 'declined'
  service: { id: string; name: string }
  requester: ReferralRequester
  person: {
    id: string
    name: string
    dateOfBirth: string
    nhsNumber: string | null
    postcode: string
    /** As the referrer or the person gave it; empty when not given. */
    gpPractice: string
  }
  status: ReferralStatus
  businessStatus: BusinessStatus
  receivedAt: Date
  closedAt: Date | null
  needs: Need[]
  whatHappened: string
  /** The person asked that the referrer gets the coded outcome only: every free-text field below is empty. */
  codedOnly: boolean
  /** Why support ended, in words (from casework), when it ended through the episode. */
  closingReason: string | null
  whatWasDone: string | null
  contact: ServiceContact | null
  connectedTo: string
  outcomes: string
  declineReason: DeclineReason | null
  guidance: string | null
  history: { occurredAt: Date; status: ReferralStatus; businessStatus: BusinessStatus; text: string }[]
}

/** Statuses after which a message back exists. */
export function hasMessageBack(status: ReferralStatus, businessStatus: BusinessStatus): boolean {
  return (
    status === 'completed' ||
    status === 'rejected' ||
    status === 'failed' ||
    (status === 'cancelled' && businessStatus !== 'entered-in-error')
  )
}

/** Which concept codes the message back: declined by the person or the service, or accepted and closed. */
export function messageBackPurpose(
  status: ReferralStatus,
  businessStatus: BusinessStatus,
): 'referral-declined' | 'referral-accepted' {
  return status === 'rejected' || businessStatus === 'declined-by-person' ? 'referral-declined' : 'referral-accepted'
}

// ---- References a person can quote ----

// No 0/O, 1/I/L, 5/S, U: easy to read aloud and copy.
const REFERENCE_ALPHABET = '234678ABCDEFGHJKMNPQRTVWXYZ9'

/** Builds a reference like WM-7K3P-9Q2D from 8 random bytes. */
export function formatReference(bytes: Uint8Array): string {
  const chars = [...bytes.slice(0, 8)].map((b) => REFERENCE_ALPHABET[b % REFERENCE_ALPHABET.length]!)
  return `WM-${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}`
}

const REFERENCE = /^WM-[234678ABCDEFGHJKMNPQRTVWXYZ9]{4}-[234678ABCDEFGHJKMNPQRTVWXYZ9]{4}$/
export function normaliseReference(input: string): string | undefined {
  const compact = input.toUpperCase().replace(/[^A-Z0-9]/g, '')
  const body = compact.startsWith('WM') ? compact.slice(2) : compact
  if (body.length !== 8) return undefined
  const reference = `WM-${body.slice(0, 4)}-${body.slice(4)}`
  return REFERENCE.test(reference) ? reference : undefined
}

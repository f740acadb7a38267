// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ConsentMethod, PersonDetails } from '../people/index.ts'

// ---- Gravity referral task states (standards §2.1.3) ----

export const REFERRAL_STATUSES = [
  'draft',
  'requested',
  'accepted',
  'rejected',
  'cancelled',
  'in-progress',
  'on-hold',
  'failed',
  'completed',
  'entered-in-error',
] as const
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number]

export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, string> = {
  draft: 'Draft',
  requested: 'New',
  accepted: 'Accepted',
  rejected: 'Declined by the service',
  cancelled: 'Cancelled',
  'in-progress': 'In progress',
  'on-hold': 'On hold',
  failed: 'Could not be completed',
  completed: 'Closed',
  'entered-in-error': 'Entered in error',
}

export function isReferralStatus(value: string): value is ReferralStatus {
  return (REFERRAL_STATUSES as readonly string[]).includes(value)
}

/** Statuses after which nothing more happens to the referral. */
export const FINAL_STATUSES: readonly ReferralStatus[] = [
  'rejected',
  'cancelled',
  'failed',
  'completed',
  'entered-in-error',
]
/** Statuses of a referral that is still open (for duplicate detection and caseloads). */
export const OPEN_STATUSES: readonly ReferralStatus[] = ['draft', 'requested', 'accepted', 'in-progress', 'on-hold']

/** Statuses that must carry a reason (Gravity: statusReason.text for these). */
export const STATUSES_NEEDING_REASON: readonly ReferralStatus[] = ['rejected', 'cancelled', 'on-hold', 'failed']

const TRANSITIONS: Readonly<Record<ReferralStatus, readonly ReferralStatus[]>> = {
  draft: ['requested'],
  requested: ['accepted', 'rejected', 'cancelled'],
  accepted: ['in-progress', 'on-hold', 'cancelled', 'completed', 'failed'],
  'in-progress': ['on-hold', 'completed', 'failed', 'cancelled'],
  'on-hold': ['in-progress', 'cancelled', 'completed', 'failed'],
  rejected: [],
  cancelled: [],
  failed: [],
  completed: [],
  'entered-in-error': [],
}

export type TransitionCheck = { ok: true } | { ok: false; problem: 'not-allowed' | 'reason-required' | 'no-change' }

/**
 * THE rule for referral status changes (standards §2.1.3): which status may follow which, and that a reason
 * is given for rejected, cancelled, on-hold and failed. Every status change in Waymark goes through this.
 * `entered-in-error` can be reached from any other status.
 */
export function checkStatusTransition(
  from: ReferralStatus,
  to: ReferralStatus,
  reason: string | null,
): TransitionCheck {
  if (from === to) return { ok: false, problem: 'no-change' }
  const allowed = to === 'entered-in-error' ? from !== 'entered-in-error' : TRANSITIONS[from].includes(to)
  if (!allowed) return { ok: false, problem: 'not-allowed' }
  if (STATUSES_NEEDING_REASON.includes(to) && !reason?.trim()) return { ok: false, problem: 'reason-required' }
  return { ok: true }
}

/** The statuses reachable from `from`, for showing only actions that are possible. */
export function nextStatuses(from: ReferralStatus): readonly ReferralStatus[] {
  return from === 'entered-in-error' ? [] : [...TRANSITIONS[from], 'entered-in-error']
}

// ---- Business statuses: the finer steps within a status (our own code system, documented) ----

export const BUSINESS_STATUSES = [
  'received',
  'allocated',
  'contact-attempted',
  'first-contact-made',
  'conversation-held',
  'plan-agreed',
  'connected',
  'paused',
  'declined-by-service',
  'redirected',
  'declined-by-person',
  'could-not-contact',
  'withdrawn',
  'closed',
  'entered-in-error',
] as const
export type BusinessStatus = (typeof BUSINESS_STATUSES)[number]

export const BUSINESS_STATUS_LABELS: Record<BusinessStatus, string> = {
  received: 'Received',
  allocated: 'Allocated to a link worker',
  'contact-attempted': 'Contact attempted',
  'first-contact-made': 'First contact made',
  'conversation-held': 'What matters conversation held',
  'plan-agreed': 'Plan agreed',
  connected: 'Connected to support',
  paused: 'Paused',
  'declined-by-service': 'Declined by the service',
  redirected: 'Redirected to another service',
  'declined-by-person': 'Declined by the person',
  'could-not-contact': 'Could not make contact',
  withdrawn: 'Withdrawn',
  closed: 'Closed',
  'entered-in-error': 'Entered in error',
}

export function isBusinessStatus(value: string): value is BusinessStatus {
  return (BUSINESS_STATUSES as readonly string[]).includes(value)
}

/** Progress steps a link worker records on an accepted referral; each moves the task to in-progress. */
export const PROGRESS_STEPS = [
  'contact-attempted',
  'first-contact-made',
  'conversation-held',
  'plan-agreed',
  'connected',
] as const satisfies readonly BusinessStatus[]
export type ProgressStep = (typeof PROGRESS_STEPS)[number]

/** Steps that count as having made contact (they stop the contact-target clock). */
export const CONTACT_MADE_STEPS: readonly BusinessStatus[] = [
  'first-contact-made',
  'conversation-held',
  'plan-agreed',
  'connected',
]

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

// ---- Changes people make to a referral, planned by one pure function ----

export type ReferralChange =
  | { kind: 'accept'; ownerUserId: string }
  | { kind: 'reallocate'; ownerUserId: string }
  | { kind: 'decline'; reason: DeclineReason; text: string }
  | { kind: 'redirect'; toOrganisationId: string; text: string }
  | { kind: 'progress'; step: ProgressStep }
  | { kind: 'pause'; reason: string }
  | { kind: 'resume' }
  | { kind: 'close'; connectedTo: string; outcomes: string }
  | { kind: 'declined-by-person'; reason: string }
  | { kind: 'could-not-contact'; reason: string }
  | { kind: 'withdraw'; reason: string }
  | { kind: 'entered-in-error'; reason: string }

export type ReferralChangeKind = ReferralChange['kind']

export interface PlannedChange {
  status: ReferralStatus
  businessStatus: BusinessStatus
  statusReason: string | null
  reasonCode: string | null
  /** Whether the referrer sees this step in their history (and is emailed about it). */
  visibleToReferrer: boolean
  setsFirstContact: boolean
  closes: boolean
}

export type ChangePlan =
  | { ok: true; plan: PlannedChange }
  | { ok: false; problem: 'not-allowed' | 'reason-required' | 'no-change' }

/**
 * Works out what a change does to a referral's status and business status, enforcing the Gravity
 * transitions through `checkStatusTransition`. Pure: the service applies the plan.
 */
export function planReferralChange(
  current: { status: ReferralStatus; businessStatus: BusinessStatus; firstContactAt: Date | null },
  change: ReferralChange,
): ChangePlan {
  const to = (
    status: ReferralStatus,
    businessStatus: BusinessStatus,
    reason: string | null,
    extra: Partial<PlannedChange> = {},
  ): ChangePlan => {
    const check =
      status === current.status ? { ok: true as const } : checkStatusTransition(current.status, status, reason)
    if (!check.ok) return check
    return {
      ok: true,
      plan: {
        status,
        businessStatus,
        statusReason: reason?.trim() || null,
        reasonCode: null,
        visibleToReferrer: true,
        setsFirstContact: false,
        closes: FINAL_STATUSES.includes(status),
        ...extra,
      },
    }
  }
  switch (change.kind) {
    case 'accept':
      return to('accepted', 'allocated', null)
    case 'reallocate':
      if (!['accepted', 'in-progress', 'on-hold'].includes(current.status)) return { ok: false, problem: 'not-allowed' }
      return to(current.status, current.businessStatus, null, { visibleToReferrer: false })
    case 'decline':
      return to('rejected', 'declined-by-service', change.text || DECLINE_REASON_LABELS[change.reason], {
        reasonCode: change.reason,
      })
    case 'redirect':
      return to('rejected', 'redirected', change.text || 'Redirected to another service', { reasonCode: 'redirected' })
    case 'progress': {
      if (!['accepted', 'in-progress'].includes(current.status)) return { ok: false, problem: 'not-allowed' }
      if (current.businessStatus === change.step) return { ok: false, problem: 'no-change' }
      return to('in-progress', change.step, null, { setsFirstContact: CONTACT_MADE_STEPS.includes(change.step) })
    }
    case 'pause':
      return to('on-hold', 'paused', change.reason)
    case 'resume':
      if (current.status !== 'on-hold') return { ok: false, problem: 'not-allowed' }
      return to('in-progress', current.firstContactAt ? 'first-contact-made' : 'allocated', null)
    case 'close':
      return to('completed', 'closed', null)
    case 'declined-by-person':
      return to('cancelled', 'declined-by-person', change.reason, { reasonCode: 'declined-by-person' })
    case 'could-not-contact':
      return to('failed', 'could-not-contact', change.reason, { reasonCode: 'could-not-contact' })
    case 'withdraw':
      // Once a referral is finished (completed, declined, cancelled…) there is nothing left to withdraw.
      if (FINAL_STATUSES.includes(current.status)) return { ok: false, problem: 'not-allowed' }
      return to('cancelled', 'withdrawn', change.reason, { reasonCode: 'withdrawn' })
    case 'entered-in-error':
      return to('entered-in-error', 'entered-in-error', change.reason, { reasonCode: 'entered-in-error' })
  }
}

// Keeps the type-level reason rule in one place: statuses needing a reason reject empty text above.
export const CHANGE_KIND_LABELS: Record<ReferralChangeKind, string> = {
  accept: 'Accept and allocate',
  reallocate: 'Allocate to someone else',
  decline: 'Decline',
  redirect: 'Redirect to another service',
  progress: 'Record progress',
  pause: 'Put on hold',
  resume: 'Resume',
  close: 'Close',
  'declined-by-person': 'The person declined',
  'could-not-contact': 'Could not make contact',
  withdraw: 'Withdraw',
  'entered-in-error': 'Mark as entered in error',
}

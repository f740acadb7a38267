// SPDX-License-Identifier: AGPL-3.0-or-later
import { randomBytes } from 'node:crypto'
import type { AuditActor } from '../../platform/audit/audit.service.ts'
import { recordAuditEvent } from '../../platform/audit/audit.service.ts'
import type { Database } from '../../platform/db/database.ts'
import { createReferrerScope, type OrgScope } from '../../platform/db/org-scope.ts'
import {
  emptyPersonFormValues,
  validatePersonForm,
  type IdentityDifference,
  type PersonFormValues,
} from '../people/index.ts'
import { identityCheckBeforeSending } from './referral-identity.service.ts'
import { submitReferral } from './submission.service.ts'
import type { SubmitReferralResult } from './referral.ts'
import { ReferralsError } from './referrals.errors.ts'
import * as repo from './referrals.repository.ts'
import * as draftsRepo from './drafts.repository.ts'
import {
  emptyReasons,
  emptyService,
  validateReasons,
  validateService,
  type ReasonsFormValues,
  type ServiceFormValues,
} from './web/referral-form/referral-form.form.ts'

export const DRAFT_STEPS = ['person', 'contact', 'reasons', 'service'] as const
export type DraftStep = (typeof DRAFT_STEPS)[number]

/** The person's details are asked over two screens: who they are, then how to reach them. */
export const PERSON_STEP_FIELDS = {
  person: [
    'givenName',
    'familyName',
    'dobDay',
    'dobMonth',
    'dobYear',
    'nhsNumber',
    'addressLine1',
    'addressLine2',
    'town',
    'postcode',
    'gpPractice',
    'sex',
    'ethnicity',
  ],
  contact: [
    'phone',
    'email',
    'contactThrough',
    'contactThroughDetails',
    'preferredContactMethod',
    'preferredContactTimes',
    'contactMethodsToAvoid',
    'language',
    'interpreterNeeded',
    'accessNeeds',
    'othersToInvolve',
  ],
} as const satisfies Record<'person' | 'contact', readonly (keyof PersonFormValues)[]>

/** The person's errors that belong on one of their two screens (the date of birth's is `dateOfBirth`). */
export function personStepErrors(
  step: 'person' | 'contact',
  values: PersonFormValues,
  today: Date,
): Record<string, string> {
  const result = validatePersonForm(values, today)
  if (result.ok) return {}
  const keys: readonly string[] =
    step === 'person' ? [...PERSON_STEP_FIELDS.person, 'dateOfBirth'] : PERSON_STEP_FIELDS.contact
  return Object.fromEntries(Object.entries(result.errors).filter(([key]) => keys.includes(key)))
}

/** The person's details with one screen's answers taken from `submitted` and the other screen's kept. */
export function withPersonStep(
  step: 'person' | 'contact',
  current: PersonFormValues,
  submitted: PersonFormValues,
): PersonFormValues {
  const merged = { ...current }
  for (const field of PERSON_STEP_FIELDS[step]) Object.assign(merged, { [field]: submitted[field] })
  return merged
}

export interface DraftData {
  person: PersonFormValues
  reasons: ReasonsFormValues
  service: ServiceFormValues
  /** Steps completed (validated) at least once. */
  done: DraftStep[]
}

export interface Draft {
  token: string
  data: DraftData
  submittedReferralId: string | null
}

export interface DraftReferrer {
  userId: string
  name: string
  email: string
  organisationId: string
  serviceIds: readonly string[]
  mayDoItThemselves: boolean
}

function normalise(raw: Record<string, unknown>): DraftData {
  const data = raw as Partial<DraftData>
  return {
    person: { ...emptyPersonFormValues(), ...data.person },
    reasons: { ...emptyReasons(), ...data.reasons },
    service: { ...emptyService(), ...data.service },
    done: Array.isArray(data.done) ? data.done : [],
  }
}

/** Starts a referral form: a server-side draft whose token is also the one-time submission key. */
export async function startDraft(scope: OrgScope, userId: string): Promise<string> {
  const token = randomBytes(18).toString('base64url')
  await draftsRepo.insertDraft(scope, token, userId, { done: [] })
  return token
}

export async function loadDraft(scope: OrgScope, token: string, userId: string): Promise<Draft> {
  if (!/^[A-Za-z0-9_-]{10,64}$/.test(token)) throw new ReferralsError('REFERRALS_DRAFT_NOT_FOUND')
  const row = await draftsRepo.findDraft(scope, token, userId)
  if (!row) throw new ReferralsError('REFERRALS_DRAFT_NOT_FOUND')
  return { token, data: normalise(row.data), submittedReferralId: row.submittedReferralId }
}

export async function saveDraftStep(
  scope: OrgScope,
  draft: Draft,
  step: DraftStep,
  answers: Partial<Omit<DraftData, 'done'>>,
): Promise<void> {
  const data: DraftData = {
    ...draft.data,
    ...answers,
    done: [...new Set([...draft.data.done, step])],
  }
  await draftsRepo.updateDraft(scope, draft.token, data as unknown as Record<string, unknown>)
}

/** The first step whose answers are missing or no longer valid, or undefined when all are ready. */
export function firstIncompleteStep(
  data: DraftData,
  referrer: DraftReferrer,
  today = new Date(),
): DraftStep | undefined {
  if (!data.done.includes('person') || Object.keys(personStepErrors('person', data.person, today)).length > 0)
    return 'person'
  if (!data.done.includes('contact') || Object.keys(personStepErrors('contact', data.person, today)).length > 0)
    return 'contact'
  if (!data.done.includes('reasons') || !validateReasons(data.reasons).ok) return 'reasons'
  if (
    !data.done.includes('service') ||
    !validateService(data.service, {
      serviceIds: referrer.serviceIds,
      ownOrganisationId: referrer.organisationId,
      mayDoItThemselves: referrer.mayDoItThemselves,
    }).ok
  )
    return 'service'
  return undefined
}

/**
 * Submits the draft. The draft's token is the submission key, so a double click or a retried request
 * returns the referral already made instead of making a second.
 */
export async function submitDraft(
  scope: OrgScope,
  draft: Draft,
  referrer: DraftReferrer,
  origin: AuditActor,
): Promise<SubmitReferralResult | { incomplete: DraftStep }> {
  if (draft.submittedReferralId) {
    const found = await repo.findReferralByReferrer(
      createReferrerScope(scope.db, referrer.organisationId),
      draft.submittedReferralId,
    )
    if (found)
      return {
        referralId: found.referral.id,
        reference: found.referral.reference,
        duplicateSuspected: found.referral.duplicateSuspected,
        created: false,
      }
  }
  const now = new Date()
  const incomplete = firstIncompleteStep(draft.data, referrer, now)
  if (incomplete) return { incomplete }
  const person = validatePersonForm(draft.data.person, now)
  const reasons = validateReasons(draft.data.reasons)
  const service = validateService(draft.data.service, {
    serviceIds: referrer.serviceIds,
    ownOrganisationId: referrer.organisationId,
    mayDoItThemselves: referrer.mayDoItThemselves,
  })
  if (!person.ok || !reasons.ok || !service.ok) return { incomplete: 'person' }
  const result = await submitReferral(
    scope.db,
    {
      submissionKey: `web:${draft.token}`,
      receivingOrganisationId: service.value.receivingOrganisationId,
      source: 'web-form',
      intensity: service.value.intensity,
      referrer: {
        userId: referrer.userId,
        organisationId: referrer.organisationId,
        name: referrer.name,
        profession: service.value.profession,
        email: referrer.email,
        phone: null,
      },
      person: person.value,
      ...reasons.value,
      consent: {
        ...service.value.consent,
        recordedByUserId: referrer.userId,
        recordedByName: referrer.name,
        recordedAt: now,
      },
    },
    origin,
  )
  await draftsRepo.markDraftSubmitted(scope, draft.token, result.referralId, service.value.receivingOrganisationId)
  return result
}

/**
 * For check your answers: would the draft's person match a record of the receiving service by NHS number and
 * date of birth but with another name or address? Not asked when the referrer keeps the person themselves.
 */
export async function draftIdentityDifferences(
  scope: OrgScope,
  draft: Draft,
  referrer: DraftReferrer,
  origin: AuditActor,
): Promise<IdentityDifference[]> {
  const person = validatePersonForm(draft.data.person, new Date())
  const service = validateService(draft.data.service, {
    serviceIds: referrer.serviceIds,
    ownOrganisationId: referrer.organisationId,
    mayDoItThemselves: referrer.mayDoItThemselves,
  })
  if (!person.ok || !service.ok) return []
  return identityCheckBeforeSending(scope.db, service.value.receivingOrganisationId, person.value, origin)
}

/** A referral form untouched for this long has expired: it is deleted, and its address says so. */
export const REFERRAL_DRAFT_DAYS = 7

/** Deletes referral-form drafts a week after their last change (the nightly job). @returns how many */
export async function deleteExpiredReferralDrafts(db: Database, now = new Date()): Promise<number> {
  return draftsRepo.deleteDraftsBefore(db, new Date(now.getTime() - REFERRAL_DRAFT_DAYS * 86_400_000))
}

/** Audits the referrer opening a draft that holds personal data. */
export async function auditDraftView(scope: OrgScope, origin: AuditActor): Promise<void> {
  await recordAuditEvent(scope.db, origin, { action: 'view', recordType: 'referral-draft', recordId: null })
}

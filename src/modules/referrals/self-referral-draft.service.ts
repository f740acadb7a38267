// SPDX-License-Identifier: AGPL-3.0-or-later
// A member of the public's self-referral between its pages: kept server-side, found by the hash of a random token
// held in their browser's cookie, and sent once. The token is also the submission key, so a retried send returns
// the referral already made.
import { hashSecret, newSecret } from '../../platform/security/secrets.ts'
import type { AuditActor } from '../../platform/audit/audit.service.ts'
import type { Database } from '../../platform/db/database.ts'
import { submitReferral } from './submission.service.ts'
import * as repo from './self-referral-drafts.repository.ts'
import {
  emptySelfReferral,
  firstIncompleteStep,
  validateSelfReferral,
  type SelfReferralStep,
  type SelfReferralValues,
} from './web/self-referral/self-referral.form.ts'

/** An unsent draft is kept this long after its last answer. */
export const SELF_REFERRAL_DRAFT_HOURS = 24

export interface SelfReferralDraft {
  values: SelfReferralValues
  /** The pages answered at least once. */
  answered: string[]
  sent: { reference: string; serviceId: string } | undefined
}

const TOKEN = /^[A-Za-z0-9_-]{32}$/

export function newSelfReferralToken(): string {
  return newSecret(24)
}

const hashOf = hashSecret

/** The draft behind a browser's token, or undefined for none, a malformed token or one past its time. */
export async function loadSelfReferralDraft(
  db: Database,
  token: string | undefined,
  now = new Date(),
): Promise<SelfReferralDraft | undefined> {
  if (!token || !TOKEN.test(token)) return undefined
  const row = await repo.findSelfReferralDraft(db, hashOf(token))
  if (!row || now.getTime() - row.updatedAt.getTime() > SELF_REFERRAL_DRAFT_HOURS * 3_600_000) return undefined
  const data = row.data as Partial<SelfReferralValues & { answered: string[] }>
  const empty = emptySelfReferral()
  return {
    values: {
      ...empty,
      ...data,
      person: { ...empty.person, ...data.person },
      reasons: { ...empty.reasons, ...data.reasons },
    },
    answered: Array.isArray(data.answered) ? data.answered : [],
    sent:
      row.submittedReference && row.submittedServiceId
        ? { reference: row.submittedReference, serviceId: row.submittedServiceId }
        : undefined,
  }
}

export async function saveSelfReferralAnswers(
  db: Database,
  token: string,
  values: SelfReferralValues,
  answered: readonly string[],
  now = new Date(),
): Promise<void> {
  await repo.upsertSelfReferralDraft(db, hashOf(token), { ...values, answered: [...new Set(answered)] }, now)
}

/**
 * Sends the draft as a referral to the chosen service. A draft sent before returns its reference again.
 * @returns the reference and service, or the first page still needing an answer
 */
export async function sendSelfReferral(
  db: Database,
  token: string,
  draft: SelfReferralDraft,
  serviceIds: readonly string[],
  origin: AuditActor,
  now = new Date(),
): Promise<{ reference: string; serviceId: string } | { incomplete: SelfReferralStep }> {
  if (draft.sent) return draft.sent
  const incomplete = firstIncompleteStep(draft.values, draft.answered, serviceIds, now)
  if (incomplete) return { incomplete }
  const result = validateSelfReferral(draft.values, serviceIds, now)
  if (!result.ok) throw new Error('a complete self-referral failed validation')
  const { person, reasons, serviceId, shareWithProviders, updates } = result.value
  const name = `${person.givenName} ${person.familyName}`
  const submitted = await submitReferral(
    db,
    {
      submissionKey: `self:${hashOf(token)}`,
      receivingOrganisationId: serviceId,
      source: 'self-referral',
      intensity: 'link-worker',
      referrer: {
        userId: null,
        organisationId: null,
        name,
        profession: null,
        email: person.email || null,
        phone: person.phone || null,
      },
      person,
      ...reasons,
      consent: {
        toReferral: true,
        shareWithService: true,
        shareWithProviders,
        method: 'online-form',
        recordedByUserId: null,
        recordedByName: name,
        recordedAt: now,
      },
      personUpdates: updates,
    },
    { ...origin, organisationId: serviceId, role: 'public' },
  )
  await repo.markSelfReferralDraftSent(db, hashOf(token), submitted.reference, serviceId, now)
  return { reference: submitted.reference, serviceId }
}

/** Deletes drafts a day after their last answer (sent ones too: the referral holds what was sent). */
export async function deleteExpiredSelfReferralDrafts(db: Database, now = new Date()): Promise<number> {
  return repo.deleteSelfReferralDraftsBefore(db, new Date(now.getTime() - SELF_REFERRAL_DRAFT_HOURS * 3_600_000))
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// Submitting a referral from any route (the form, self-referral, FHIR, a forward): checked, matched to a person,
// stored once per submission key, and audited.
import { randomBytes } from 'node:crypto'
import { appendAuditEvent, type AuditActor } from '../../platform/audit/audit.service.ts'
import type { Database } from '../../platform/db/database.ts'
import { inTransaction, scopeForSystemTask } from '../../platform/db/org-scope.ts'
import {
  findLikelyDuplicates,
  findOrCreatePersonForReferral,
  flagsFromReferralRisks,
  personDetailsProblems,
  raisePersonFlag,
  recordConsents,
  type NewConsent,
} from '../people/index.ts'
import { contactTargetFor, londonDate } from './contact-target.ts'
import { getContactTargets } from './referral-settings.service.ts'
import {
  ALLIED_HEALTH_PROFESSIONS,
  isNeed,
  isProfession,
  formatReference,
  INTENSITIES,
  SOURCES,
  URGENCIES,
  type ReferralSubmission,
  type SubmitReferralResult,
} from './referral.ts'
import { ReferralsError } from './referrals.errors.ts'
import * as repo from './referrals.repository.ts'
import * as referenceRepo from './reference.repository.ts'

// ---- Submitting ----

const MAX_TEXT = 4000

/** Checks a submission from any channel; each problem names the field by path. Empty when acceptable. */
export function referralSubmissionProblems(
  submission: ReferralSubmission,
  today = new Date(),
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = []
  const add = (path: string, message: string): void => void problems.push({ path, message })
  if (!submission.submissionKey || submission.submissionKey.length > 200)
    add('submissionKey', 'Give a submission key of 1 to 200 characters')
  if (!SOURCES.includes(submission.source)) add('source', 'Unknown source')
  if (!INTENSITIES.includes(submission.intensity)) add('intensity', 'Unknown intensity')
  if (!URGENCIES.includes(submission.urgency)) add('urgency', 'Select how urgent the referral is')
  for (const problem of personDetailsProblems(submission.person, today)) add(`person.${problem.path}`, problem.message)
  if (submission.needs.length === 0 && !submission.reasonText.trim())
    add('needs', 'Select at least one reason for the referral')
  if (!submission.needs.every(isNeed)) add('needs', 'Select reasons from the list')
  if (submission.reasonText.length > MAX_TEXT) add('reasonText', `Reason must be ${MAX_TEXT} characters or fewer`)
  if (submission.whatMatters.length > MAX_TEXT)
    add('whatMatters', `What matters must be ${MAX_TEXT} characters or fewer`)
  if (submission.risks.loneWorkingDetails.length > MAX_TEXT || submission.risks.safeguardingDetails.length > MAX_TEXT)
    add('risks', `Risk details must be ${MAX_TEXT} characters or fewer`)
  if (!submission.referrer.name.trim()) add('referrer.name', 'Enter the name of the person referring')
  if (submission.referrer.profession !== null && !isProfession(submission.referrer.profession))
    add('referrer.profession', 'Select a profession from the list')
  if (!submission.consent.toReferral) add('consent.toReferral', 'The person must agree to the referral')
  if (!submission.consent.shareWithService)
    add('consent.shareWithService', 'The person must agree to share their details with the service')
  if (submission.intensity === 'self') {
    if (submission.source === 'self-referral') add('intensity', 'A self-referral goes to the link worker service')
    if (!submission.referrer.userId || submission.referrer.organisationId !== submission.receivingOrganisationId)
      add('intensity', 'Only a signed-in referrer can take a referral onto their own caseload')
    if (!submission.referrer.profession || !ALLIED_HEALTH_PROFESSIONS.includes(submission.referrer.profession))
      add('intensity', 'Only allied health professionals can do the social prescribing themselves')
  }
  return problems
}

function newReference(): string {
  return formatReference(randomBytes(8))
}

class SubmissionRaced extends Error {}

/**
 * Records a referral from any channel. Idempotent on `submissionKey` within the receiving service: a retry
 * returns the first referral. The referral joins the person's existing record when the service holds exactly
 * one with the same NHS number and date of birth (ADR 0014); otherwise a new record is made. When the person,
 * or someone likely the same, already has an open referral, the new one is flagged `duplicateSuspected`. The
 * referrer's stated risks become flags on the person.
 * @param origin - who is submitting, for the audit trail (the API passes its client's organisation)
 */
export async function submitReferral(
  db: Database,
  submission: ReferralSubmission,
  origin: AuditActor,
  options: { now?: Date } = {},
): Promise<SubmitReferralResult> {
  const problems = referralSubmissionProblems(submission, options.now)
  if (problems.length > 0) throw new ReferralsError('REFERRALS_INVALID_SUBMISSION', { problems })
  const service = await referenceRepo.findOrganisation(db, submission.receivingOrganisationId)
  const selfManaged = submission.intensity === 'self'
  if (!service || (!selfManaged && service.type !== 'social-prescribing-service'))
    throw new ReferralsError('REFERRALS_SERVICE_NOT_FOUND')
  if (submission.referrer.organisationId && !selfManaged) {
    const referrerOrganisation = await referenceRepo.findOrganisation(db, submission.referrer.organisationId)
    if (!referrerOrganisation || referrerOrganisation.areaId !== service.areaId)
      throw new ReferralsError('REFERRALS_SERVICE_NOT_FOUND')
  }
  // The referral is written into the receiving service's records by someone outside it: that is what a
  // referral is. Nothing is read back beyond the result returned here.
  const scope = scopeForSystemTask(db, service, 'a referral is written into the records of the service receiving it')

  const existing = await repo.findReferralBySubmissionKey(scope, submission.submissionKey)
  if (existing) return sameSubmission(existing, submission)

  const now = options.now ?? new Date()
  try {
    return await db.transaction(async (tx) => {
      const txScope = inTransaction(scope, tx)
      const likely = await findLikelyDuplicates(txScope, submission.person)
      const withOpen = await repo.peopleWithOpenReferrals(txScope, likely)
      const { person, identityMatch } = await findOrCreatePersonForReferral(txScope, submission.person, origin, {
        now,
      })
      const targets = await getContactTargets(txScope)
      const consent = submission.consent
      const consentRows: NewConsent[] = (
        [
          ['referral', consent.toReferral],
          ['share-with-service', consent.shareWithService],
          ['share-with-providers', consent.shareWithProviders],
        ] as const
      ).map(([scopeName, given]) => ({
        scope: scopeName,
        given,
        method: consent.method,
        recordedByUserId: consent.recordedByUserId,
        recordedByName: consent.recordedByName,
        recordedAt: consent.recordedAt,
        referralId: null,
      }))
      const status = selfManaged ? 'accepted' : 'requested'
      const businessStatus = selfManaged ? 'allocated' : 'received'
      const row = await repo.insertReferral(txScope, {
        reference: newReference(),
        submissionKey: submission.submissionKey,
        personId: person.id,
        source: submission.source,
        intensity: submission.intensity,
        referrerUserId: submission.referrer.userId,
        referrerOrganisationId: submission.referrer.organisationId,
        referrerName: submission.referrer.name,
        referrerProfession: submission.referrer.profession,
        referrerEmail: submission.referrer.email,
        referrerPhone: submission.referrer.phone,
        personUpdates: submission.source === 'self-referral' ? (submission.personUpdates ?? null) : null,
        needs: [...new Set(submission.needs)],
        reasonText: submission.reasonText,
        whatMatters: submission.whatMatters,
        loneWorkingRisk: submission.risks.loneWorking,
        loneWorkingDetails: submission.risks.loneWorkingDetails,
        safeguardingRaisedElsewhere: submission.risks.safeguardingRaisedElsewhere,
        safeguardingDetails: submission.risks.safeguardingDetails,
        urgency: submission.urgency,
        status,
        businessStatus,
        ownerUserId: selfManaged ? submission.referrer.userId : null,
        duplicateSuspected: withOpen.length > 0,
        identityToConfirm: identityMatch !== null,
        identityMatchPersonId: identityMatch?.personId ?? null,
        receivedAt: now,
        createdAt: now,
        updatedAt: now,
        contactTargetDate: contactTargetFor(londonDate(now), submission.urgency, targets),
      })
      if (!row) throw new SubmissionRaced()
      await recordConsents(
        txScope,
        person.id,
        consentRows.map((c) => ({ ...c, referralId: row.id })),
        origin,
      )
      for (const flag of flagsFromReferralRisks(row.id, submission.risks)) {
        await raisePersonFlag(
          txScope,
          person.id,
          flag,
          { audit: origin, userId: submission.referrer.userId, name: submission.referrer.name },
          { now },
        )
      }
      await repo.insertEvent(txScope, {
        referralId: row.id,
        occurredAt: now,
        actorUserId: submission.referrer.userId,
        actorName: submission.referrer.name,
        fromStatus: null,
        toStatus: 'requested',
        businessStatus: 'received',
        visibleToReferrer: true,
      })
      if (selfManaged) {
        await repo.insertEvent(txScope, {
          referralId: row.id,
          occurredAt: now,
          actorUserId: submission.referrer.userId,
          actorName: submission.referrer.name,
          fromStatus: 'requested',
          toStatus: 'accepted',
          businessStatus: 'allocated',
          reasonText: 'Taken onto the referrer’s own caseload',
          visibleToReferrer: true,
        })
      }
      await appendAuditEvent(tx, origin, {
        action: 'submit',
        recordType: 'referral',
        recordId: row.id,
        details: {
          service: service.id,
          source: submission.source,
          intensity: submission.intensity,
          duplicateSuspected: withOpen.length > 0,
          identityToConfirm: identityMatch !== null,
        },
      })
      return { referralId: row.id, reference: row.reference, duplicateSuspected: row.duplicateSuspected, created: true }
    })
  } catch (error) {
    if (!(error instanceof SubmissionRaced)) throw error
    const winner = await repo.findReferralBySubmissionKey(scope, submission.submissionKey)
    if (!winner) throw error
    return sameSubmission(winner, submission)
  }
}

function sameSubmission(existing: repo.ReferralRow, submission: ReferralSubmission): SubmitReferralResult {
  // A key reused by someone else must not reveal or return their referral.
  if (existing.referrerOrganisationId !== submission.referrer.organisationId || existing.source !== submission.source)
    throw new ReferralsError('REFERRALS_SUBMISSION_KEY_CONFLICT')
  return {
    referralId: existing.id,
    reference: existing.reference,
    duplicateSuspected: existing.duplicateSuspected,
    created: false,
  }
}

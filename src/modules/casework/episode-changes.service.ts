// SPDX-License-Identifier: AGPL-3.0-or-later
// Changing an open episode: recording a contact, its pathway, complexity and allowance, pausing and resuming. Each
// opens the case first (the guard that it is this link worker's) and audits in the same transaction.
import { appendAuditEvent } from '../../platform/audit/audit.service.ts'
import { inTransaction, type OrgScope } from '../../platform/db/org-scope.ts'
import { changeReferral, type ChangeActor } from '../referrals/index.ts'
import {
  addDays,
  isSuccessfulContact,
  avoidedMethodsUsed,
  londonToday,
  PAUSE_REASON_LABELS,
  resumeClocks,
  REVIEW_AFTER_DAYS,
  type ComplexityLevel,
  type NewContact,
  type Pathway,
  type PauseReason,
} from './casework.ts'
import { CaseworkError } from './casework.errors.ts'
import * as bookingsRepo from './bookings.repository.ts'
import * as repo from './casework.repository.ts'
import { contactAllowanceFor, DEFAULT_SETTINGS } from './team.ts'
import * as teamRepo from './team.repository.ts'
import { openCase, getCaseworkSettings } from './casework.service.ts'

export interface RecordContactResult {
  created: boolean
  firstContact: boolean
}

/**
 * Records a contact. The submission key makes a double submission record once; the first successful
 * contact moves the referral to in-progress through the referrals module (after this commits, so a failure
 * there leaves the contact recorded and a retry finishes the move).
 */
export async function recordContact(
  scope: OrgScope,
  referralId: string,
  contact: NewContact,
  actor: ChangeActor,
  options: { now?: Date } = {},
): Promise<RecordContactResult> {
  const now = options.now ?? new Date()
  const { referral } = await openCase(scope, referralId, actor, { now })
  if (referral.status === 'on-hold') throw new CaseworkError('CASEWORK_PAUSED')
  if (
    avoidedMethodsUsed(contact.type, referral.person.contactMethodsToAvoid).length > 0 &&
    !contact.avoidedMethodReason
  )
    throw new CaseworkError('CASEWORK_AVOIDED_METHOD')
  const successful = isSuccessfulContact(contact.type)
  const result = await scope.db.transaction(async (tx) => {
    const txScope = inTransaction(scope, tx)
    const episode = await repo.lockEpisodeByReferral(txScope, referralId)
    if (!episode) throw new CaseworkError('CASEWORK_NOT_FOUND')
    const contactId = await repo.insertContactIfNew(txScope, {
      episodeId: episode.id,
      submissionKey: `${episode.id}:${contact.submissionKey}`,
      type: contact.type,
      contactOn: contact.contactOn,
      durationMinutes: contact.durationMinutes,
      whoWasThere: contact.whoWasThere,
      notes: contact.notes,
      riskCheck: contact.riskCheck,
      avoidedMethodReason: contact.avoidedMethodReason ?? '',
      recordedByUserId: actor.userId,
      recordedByName: actor.name,
      recordedAt: now,
    })
    if (!contactId) return { created: false, firstContact: false }
    if (contact.bookingId) await bookingsRepo.closeBooking(txScope, contact.bookingId, 'done', now)
    const firstContact = successful && (!episode.firstContactOn || contact.contactOn < episode.firstContactOn)
    // The follow-up check counts from first contact (the service's setting, 12 weeks by default).
    const followUpOn = firstContact
      ? addDays(contact.contactOn, ((await teamRepo.findSettings(txScope)) ?? DEFAULT_SETTINGS).followUpAfterWeeks * 7)
      : null
    await repo.updateEpisode(txScope, episode.id, {
      contactsUsed: episode.contactsUsed + (successful ? 1 : 0),
      ...(firstContact ? { firstContactOn: contact.contactOn, followUpOn } : {}),
      ...(successful && (!episode.lastContactOn || contact.contactOn > episode.lastContactOn)
        ? { lastContactOn: contact.contactOn }
        : {}),
      ...(contact.nextContactOn ? { nextContactOn: contact.nextContactOn } : {}),
      updatedAt: now,
    })
    await appendAuditEvent(tx, actor.audit, {
      action: 'contact-record',
      recordType: 'episode',
      recordId: episode.id,
      details: { contactId, type: contact.type, successful },
    })
    return { created: true, firstContact: firstContact && !episode.firstContactOn }
  })
  // Also on a retry: finishes the move if an earlier attempt recorded the contact but stopped before it.
  const episode = await repo.findEpisodeByReferral(scope, referralId)
  if (referral.status === 'accepted' && episode?.firstContactOn) {
    await changeReferral(scope, referralId, { kind: 'progress', step: 'first-contact-made' }, actor, undefined, {
      now,
    })
  }
  return result
}

export interface EpisodeDetails {
  pathway: Pathway
  complexity: ComplexityLevel
  complexityReason: string
  contactAllowance: number
}

/** Changes the pathway, complexity and allowance; a pathway change moves the first review to match it. */
export async function changeEpisodeDetails(
  scope: OrgScope,
  referralId: string,
  details: EpisodeDetails,
  expectedVersion: number,
  actor: ChangeActor,
  options: { now?: Date } = {},
): Promise<{ allowanceFollowedPathway: boolean }> {
  const now = options.now ?? new Date()
  const { episode } = await openCase(scope, referralId, actor, { now })
  const pathwayChanged = details.pathway !== episode.pathway
  // Moving pathway with the allowance left at the old pathway's setting takes the new pathway's setting;
  // an allowance the link worker set themselves is kept.
  const settings = await getCaseworkSettings(scope)
  const allowanceFollowedPathway =
    pathwayChanged &&
    details.contactAllowance === episode.contactAllowance &&
    episode.contactAllowance === contactAllowanceFor(settings, episode.pathway) &&
    contactAllowanceFor(settings, details.pathway) !== episode.contactAllowance
  const saved: EpisodeDetails = allowanceFollowedPathway
    ? { ...details, contactAllowance: contactAllowanceFor(settings, details.pathway) }
    : details
  await scope.db.transaction(async (tx) => {
    const txScope = inTransaction(scope, tx)
    const updated = await repo.updateEpisode(
      txScope,
      episode.id,
      {
        ...saved,
        ...(pathwayChanged
          ? { nextReviewOn: addDays(episode.openedOn, REVIEW_AFTER_DAYS[details.pathway] + episode.pausedDays) }
          : {}),
        updatedAt: now,
      },
      expectedVersion,
    )
    if (!updated) throw new CaseworkError('CASEWORK_CHANGED_BY_SOMEONE_ELSE')
    await appendAuditEvent(tx, actor.audit, {
      action: 'episode-change',
      recordType: 'episode',
      recordId: episode.id,
      details: { pathway: saved.pathway, complexity: saved.complexity, allowance: saved.contactAllowance },
    })
  })
  return { allowanceFollowedPathway }
}

/** Pauses support: the referral goes on hold (through the referrals module) and the episode's clocks stop. */
export async function pauseEpisode(
  scope: OrgScope,
  referralId: string,
  reason: PauseReason,
  reasonText: string,
  actor: ChangeActor,
  options: { now?: Date } = {},
): Promise<void> {
  const now = options.now ?? new Date()
  const { referral, episode } = await openCase(scope, referralId, actor, { now })
  if (referral.status === 'on-hold') throw new CaseworkError('CASEWORK_ALREADY_PAUSED')
  const statusReason = reasonText ? `${PAUSE_REASON_LABELS[reason]}: ${reasonText}` : PAUSE_REASON_LABELS[reason]
  await changeReferral(scope, referralId, { kind: 'pause', reason: statusReason }, actor, undefined, { now })
  await scope.db.transaction(async (tx) => {
    await repo.updateEpisode(inTransaction(scope, tx), episode.id, {
      pausedOn: londonToday(now),
      pauseReason: reason,
      pauseReasonText: reasonText,
      updatedAt: now,
    })
    await appendAuditEvent(tx, actor.audit, {
      action: 'episode-pause',
      recordType: 'episode',
      recordId: episode.id,
      details: { reason },
    })
  })
}

/** Resumes support: the referral goes back to in-progress and the paused days are added to the clocks. */
export async function resumeEpisode(
  scope: OrgScope,
  referralId: string,
  actor: ChangeActor,
  options: { now?: Date } = {},
): Promise<void> {
  const now = options.now ?? new Date()
  const { referral, episode } = await openCase(scope, referralId, actor, { now })
  if (referral.status !== 'on-hold') throw new CaseworkError('CASEWORK_NOT_PAUSED')
  // Paused from the referral page rather than here: the last change to the referral is when it was paused.
  const pausedOn = episode.pausedOn ?? londonToday(referral.lastUpdated)
  const clocks = resumeClocks({ ...episode, pausedOn }, londonToday(now))
  await changeReferral(scope, referralId, { kind: 'resume' }, actor, undefined, { now })
  await scope.db.transaction(async (tx) => {
    await repo.updateEpisode(inTransaction(scope, tx), episode.id, {
      ...clocks,
      // The follow-up check moves on by the paused days, like the review.
      followUpOn: episode.followUpOn ? addDays(episode.followUpOn, clocks.pausedDays - episode.pausedDays) : null,
      pausedOn: null,
      pauseReason: null,
      pauseReasonText: '',
      updatedAt: now,
    })
    await appendAuditEvent(tx, actor.audit, {
      action: 'episode-resume',
      recordType: 'episode',
      recordId: episode.id,
      details: { pausedDays: clocks.pausedDays - episode.pausedDays },
    })
  })
}

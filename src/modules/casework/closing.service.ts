// SPDX-License-Identifier: AGPL-3.0-or-later
import { appendAuditEvent } from '../../platform/audit/audit.service.ts'
import { inTransaction, type AnyScope, type OrgScope } from '../../platform/db/org-scope.ts'
import {
  changeReferral,
  findReferralForService,
  recordClosingDetails,
  type ServiceContact,
} from '../referrals/index.ts'
import type { Episode } from './casework.ts'
import { CASELOAD_STATUSES, openCase, type ChangeActor } from './casework.service.ts'
import * as repo from './casework.repository.ts'
import { findEpisodeClosure } from './closing.repository.ts'
import {
  CLOSE_REASON_LABELS,
  referralChangeForClosing,
  whatWasDone,
  type CloseReason,
  type Closing,
  type StillAttendingAnswer,
  type StillAttendingQuestion,
} from './closing.ts'
import { findWorkContact } from './link-workers.service.ts'

/**
 * What the person was connected to, one line each: the connections module provides it from its records (it
 * builds on casework, so casework cannot ask it directly). Until it does, closing starts with nothing filled in.
 */
type ConnectedToSource = (scope: AnyScope, episodeId: string) => Promise<string[]>
let connectedToSource: ConnectedToSource = () => Promise.resolve([])

/** Called once by the connections module when it registers. */
export function useConnectedToSource(source: ConnectedToSource): void {
  connectedToSource = source
}

/**
 * What the person's questionnaires show, one line a score (baseline and latest, the change, and the SNOMED CT code
 * where the score has one): the outcomes module provides it, for the closing summary to start with.
 */
type ClosingSummarySource = (scope: AnyScope, episodeId: string) => Promise<string[]>
let closingSummarySource: ClosingSummarySource = () => Promise.resolve([])

/** Called once by the outcomes module when it registers. */
export function useClosingSummarySource(source: ClosingSummarySource): void {
  closingSummarySource = source
}

/** What the closing summary (the message back's outcomes) starts with: the questionnaires' story, editable. */
export async function suggestedClosingSummary(scope: AnyScope, episodeId: string): Promise<string> {
  return (await closingSummarySource(scope, episodeId)).join('\n')
}

/**
 * "Still going?" at close, for each group the person started: the connections module lists the groups and records
 * the answers once support has ended (registered like the source above).
 */
export interface StillAttendingHook {
  list(scope: AnyScope, episodeId: string): Promise<StillAttendingQuestion[]>
  record(
    scope: OrgScope,
    episodeId: string,
    answers: Record<string, StillAttendingAnswer>,
    actor: ChangeActor,
    now: Date,
  ): Promise<void>
}
let stillAttendingHook: StillAttendingHook = { list: () => Promise.resolve([]), record: () => Promise.resolve() }

/** Called once by the connections module when it registers. */
export function useStillAttendingHook(hook: StillAttendingHook): void {
  stillAttendingHook = hook
}

export function listStillAttendingQuestions(scope: AnyScope, episodeId: string): Promise<StillAttendingQuestion[]> {
  return stillAttendingHook.list(scope, episodeId)
}

/** What the closing form's "connected to" starts with: the person's connections and how each went, one a line. */
export async function suggestedConnectedTo(scope: AnyScope, episodeId: string): Promise<string> {
  return (await connectedToSource(scope, episodeId)).join('\n')
}

/** What the message back will say about how support ended, shown before the irreversible close. */
export async function previewClosingDetails(
  scope: AnyScope,
  episode: Episode,
  closing: Closing,
  actorName: string,
): Promise<{
  reason: string
  outcomes: string
  connectedTo: string
  whatWasDone: string
  contact: ServiceContact | null
}> {
  const contact = await findWorkContact(scope, episode.linkWorkerUserId)
  const change = referralChangeForClosing(closing)
  return {
    reason: CLOSE_REASON_LABELS[closing.reason],
    outcomes: change.kind === 'close' ? change.outcomes : 'reason' in change ? change.reason : '',
    connectedTo: change.kind === 'close' ? change.connectedTo : '',
    whatWasDone: whatWasDone(episode, closing.closedOn, contact?.name ?? actorName),
    contact,
  }
}

export interface EpisodeClosure {
  closedOn: string
  reason: CloseReason
  summary: string
}

/** How an episode's support ended, or undefined while it is open (or was ended on the referral page). */
export async function findClosure(scope: OrgScope, episodeId: string): Promise<EpisodeClosure | undefined> {
  const found = await findEpisodeClosure(scope, episodeId)
  if (!found?.closedOn || !found.closeReason) return undefined
  return { closedOn: found.closedOn, reason: found.closeReason as CloseReason, summary: found.closingSummary }
}

async function writeClosure(
  scope: OrgScope,
  episode: Episode,
  closing: Closing,
  actor: ChangeActor,
  now: Date,
): Promise<void> {
  const contact = await findWorkContact(scope, episode.linkWorkerUserId)
  await scope.db.transaction(async (tx) => {
    const txScope = inTransaction(scope, tx)
    await repo.updateEpisode(txScope, episode.id, {
      closedOn: closing.closedOn,
      closeReason: closing.reason,
      closingSummary: closing.summary,
      updatedAt: now,
    })
    // What the message back says about how support ended (the change already wrote the closing text).
    await recordClosingDetails(txScope, episode.referralId, {
      reason: CLOSE_REASON_LABELS[closing.reason],
      whatWasDone: whatWasDone(episode, closing.closedOn, contact?.name ?? actor.name),
      contact,
    })
    await appendAuditEvent(tx, actor.audit, {
      action: 'episode-close',
      recordType: 'episode',
      recordId: episode.id,
      details: { reason: closing.reason },
    })
  })
}

/**
 * Ends support: the referral gets its outcome through the referrals module (which makes the message back
 * and tells the referrer), then the episode records the date, reason and summary. Works on a paused
 * episode. Closing again after it worked changes nothing; a retry after the referral changed but before
 * the episode was written finishes the job.
 */
export async function closeEpisode(
  scope: OrgScope,
  referralId: string,
  closing: Closing,
  actor: ChangeActor,
  options: { now?: Date } = {},
): Promise<{ alreadyClosed: boolean }> {
  const now = options.now ?? new Date()
  const referral = await findReferralForService(scope, referralId)
  const existing = referral ? await repo.findEpisodeByReferral(scope, referralId) : undefined
  const ended = referral !== undefined && !(CASELOAD_STATUSES as readonly string[]).includes(referral.status)
  if (existing && ended && existing.linkWorkerUserId === actor.userId) {
    if (existing.closedOn) return { alreadyClosed: true }
    await writeClosure(scope, existing, closing, actor, now)
    await stillAttendingHook.record(scope, existing.id, closing.stillAttending ?? {}, actor, now)
    return { alreadyClosed: false }
  }
  const { episode } = await openCase(scope, referralId, actor, { now })
  await changeReferral(scope, referralId, referralChangeForClosing(closing), actor, undefined, { now })
  await writeClosure(scope, episode, closing, actor, now)
  await stillAttendingHook.record(scope, episode.id, closing.stillAttending ?? {}, actor, now)
  return { alreadyClosed: false }
}

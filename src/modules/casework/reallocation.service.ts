// SPDX-License-Identifier: AGPL-3.0-or-later
// Reallocating a person to another link worker: the referral changes owner (referrals module) and the
// episode follows, with a row in its allocation history each time.
import { appendAuditEvent } from '../../platform/audit/audit.service.ts'
import { inTransaction, type OrgScope } from '../../platform/db/org-scope.ts'
import { changeReferral, findReferralForService, type ChangeActor } from '../referrals/index.ts'
import type { Episode } from './casework.ts'
import { CaseworkError } from './casework.errors.ts'
import * as repo from './casework.repository.ts'
import * as teamRepo from './team.repository.ts'
import * as bookingsRepo from './bookings.repository.ts'

/** The reason recorded when an episode catches up with a reallocation made on the referral page. */
export const FOLLOWED_REFERRAL_REASON = 'Reallocated on the referral page'

/**
 * Moves an episode to `toUserId` and records the allocation, once: the row lock and the check inside the
 * transaction make a retried or concurrent move a no-op.
 * @returns the episode as it now is
 */
export async function moveEpisode(
  scope: OrgScope,
  referralId: string,
  toUserId: string,
  reason: string,
  actor: ChangeActor,
  allocatedBy: { userId: string | null; name: string },
  now: Date,
): Promise<Episode | undefined> {
  await scope.db.transaction(async (tx) => {
    const txScope = inTransaction(scope, tx)
    const episode = await repo.lockEpisodeByReferral(txScope, referralId)
    if (!episode || episode.linkWorkerUserId === toUserId) return
    await repo.updateEpisode(txScope, episode.id, { linkWorkerUserId: toUserId, updatedAt: now })
    // Booked contacts go with the person: the new link worker's diary shows them, the old one's drops them.
    await bookingsRepo.moveOpenBookings(txScope, episode.id, toUserId, now)
    await teamRepo.insertAllocation(txScope, {
      episodeId: episode.id,
      fromUserId: episode.linkWorkerUserId,
      toUserId,
      reason,
      allocatedByUserId: allocatedBy.userId,
      allocatedByName: allocatedBy.name,
      allocatedAt: now,
    })
    await appendAuditEvent(tx, actor.audit, {
      action: 'episode-reallocate',
      recordType: 'episode',
      recordId: episode.id,
      details: { fromUserId: episode.linkWorkerUserId, toUserId },
    })
  })
  return repo.findEpisodeByReferral(scope, referralId)
}

export type ReallocateResult = 'reallocated' | 'already-there'

/**
 * A supervisor gives a person to another link worker. `fromUserId` is whose caseload the supervisor was
 * looking at; `expectedVersion` the referral version they saw, so a change made meanwhile is refused. A retry
 * after it worked finds the person already with `toUserId` and changes nothing.
 */
export async function reallocateCase(
  scope: OrgScope,
  referralId: string,
  move: { fromUserId: string; toUserId: string; reason: string },
  expectedVersion: number,
  actor: ChangeActor,
  options: { now?: Date } = {},
): Promise<ReallocateResult> {
  const now = options.now ?? new Date()
  const referral = await findReferralForService(scope, referralId)
  if (!referral) throw new CaseworkError('CASEWORK_NOT_FOUND')
  const by = { userId: actor.userId, name: actor.name }
  if (referral.ownerUserId === move.toUserId) {
    await moveEpisode(scope, referralId, move.toUserId, move.reason, actor, by, now)
    return 'already-there'
  }
  if (referral.ownerUserId !== move.fromUserId) throw new CaseworkError('CASEWORK_NOT_FOUND')
  await changeReferral(scope, referralId, { kind: 'reallocate', ownerUserId: move.toUserId }, actor, expectedVersion, {
    now,
  })
  await moveEpisode(scope, referralId, move.toUserId, move.reason, actor, by, now)
  return 'reallocated'
}

export interface CaseToReallocate {
  referralId: string
  reference: string
  personName: string
  version: number
}

/** The person on `fromUserId`'s caseload the reallocation form is about; not found if they are not there. */
export async function findCaseToReallocate(
  scope: OrgScope,
  fromUserId: string,
  referralId: string,
): Promise<CaseToReallocate> {
  const referral = await findReferralForService(scope, referralId)
  if (
    !referral ||
    referral.ownerUserId !== fromUserId ||
    !['accepted', 'in-progress', 'on-hold'].includes(referral.status)
  )
    throw new CaseworkError('CASEWORK_NOT_FOUND')
  return {
    referralId,
    reference: referral.reference,
    personName: `${referral.person.givenName} ${referral.person.familyName}`,
    version: referral.version,
  }
}

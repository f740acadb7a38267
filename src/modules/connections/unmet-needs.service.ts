// SPDX-License-Identifier: AGPL-3.0-or-later
// Recording a need no service could meet, from the suggestions or a listing that did not fit, and counting them
// for the reports.
import { appendAuditEvent } from '../../platform/audit/audit.service.ts'
import { inTransaction, type OrgScope, type ReportScope } from '../../platform/db/org-scope.ts'
import { londonToday, type Case, type ChangeActor } from '../casework/index.ts'
import { isNeed, type Need } from '../referrals/index.ts'
import { findListingName } from './connections.service.ts'
import { isUnmetReason, postcodeDistrict, type UnmetNeed, type UnmetNeedInput, type UnmetReason } from './unmet-need.ts'
import * as repo from './unmet-needs.repository.ts'

function toUnmetNeed(row: repo.UnmetNeedRow): UnmetNeed {
  return {
    id: row.id,
    need: row.need as Need,
    reason: row.reason as UnmetReason,
    directoryServiceId: row.directoryServiceId,
    serviceName: row.serviceName,
    details: row.details,
    recordedOn: row.recordedOn,
    recordedByName: row.recordedByName,
  }
}

/** Records the need once per form (a retried submission returns the first); audited with the write. */
export async function recordUnmetNeed(
  scope: OrgScope,
  found: Case,
  input: UnmetNeedInput,
  actor: ChangeActor,
  now = new Date(),
): Promise<UnmetNeed> {
  const serviceName = input.directoryServiceId
    ? ((await findListingName(scope, input.directoryServiceId)) ?? null)
    : null
  const row = await scope.db.transaction(async (tx) => {
    const inserted = await repo.insertUnmetNeed(inTransaction(scope, tx), {
      episodeId: found.episode.id,
      referralId: found.referral.id,
      need: input.need,
      reason: input.reason,
      directoryServiceId: serviceName ? input.directoryServiceId : null,
      serviceName,
      details: input.details,
      postcodeDistrict: postcodeDistrict(found.referral.person.postcode),
      submissionKey: input.submissionKey,
      recordedOn: londonToday(now),
      recordedByUserId: actor.userId,
      recordedByName: actor.name,
      createdAt: now,
    })
    if (inserted)
      await appendAuditEvent(tx, actor.audit, {
        action: 'unmet-need.create',
        recordType: 'unmet-need',
        recordId: inserted.id,
        details: { need: input.need, reason: input.reason },
      })
    return inserted
  })
  if (row) return toUnmetNeed(row)
  const first = (await repo.listForEpisode(scope, found.episode.id)).find(
    (r) => r.submissionKey === input.submissionKey,
  )
  return toUnmetNeed(first!)
}

export async function listUnmetNeeds(scope: OrgScope, found: Case): Promise<UnmetNeed[]> {
  return (await repo.listForEpisode(scope, found.episode.id)).map(toUnmetNeed)
}

/** For the reports: unmet needs recorded in the period by need, reason and postcode district. Counts only. */
export async function countUnmetNeeds(
  scope: ReportScope,
  period: { from: string; to: string },
): Promise<{ need: Need; reason: UnmetReason; district: string; count: number }[]> {
  return (await repo.countUnmetNeeds(scope, period)).flatMap((row) =>
    isNeed(row.need) && isUnmetReason(row.reason) ? [{ ...row, need: row.need, reason: row.reason }] : [],
  )
}

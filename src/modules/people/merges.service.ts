// SPDX-License-Identifier: AGPL-3.0-or-later
import { appendAuditEvent } from '../../platform/audit/audit.service.ts'
import { inTransaction, type AnyScope, type OrgScope } from '../../platform/db/org-scope.ts'
import type { PeopleActor } from './flags.service.ts'
import { checkMerge, mergeFormProblems, type MergeProblem, type PersonMerge } from './merges.ts'
import * as mergesRepo from './merges.repository.ts'
import { PeopleError, type PeopleErrorCode } from './people.errors.ts'

const PROBLEM_CODES: Record<MergeProblem, PeopleErrorCode> = {
  'same-record': 'PEOPLE_MERGE_SAME_RECORD',
  'already-merged': 'PEOPLE_MERGE_ALREADY_MERGED',
  chain: 'PEOPLE_MERGE_CHAIN',
}

/**
 * Merges a duplicate record into the record kept: the duplicate points at the kept record and a merge row
 * records who, when and why. Episodes, referrals, consents and flags stay where they are; reads follow the
 * pointer, which is what makes the merge reversible. Audited as `person-merge`.
 */
export async function mergePeople(
  scope: OrgScope,
  merge: { keptPersonId: string; mergedPersonId: string; reason: string },
  actor: PeopleActor,
  options: { now?: Date } = {},
): Promise<PersonMerge> {
  const now = options.now ?? new Date()
  const problems = mergeFormProblems(merge.keptPersonId, merge.reason, [merge.keptPersonId, merge.mergedPersonId])
  if (Object.keys(problems).length > 0) throw new Error(`Invalid merge: ${Object.keys(problems).join(', ')}`)
  return scope.db.transaction(async (tx) => {
    const txScope = inTransaction(scope, tx)
    const locked = await mergesRepo.lockPeople(txScope, [merge.keptPersonId, merge.mergedPersonId])
    const kept = locked.find((p) => p.id === merge.keptPersonId)
    const merged = locked.find((p) => p.id === merge.mergedPersonId)
    if (!kept || !merged) throw new PeopleError('PEOPLE_NOT_FOUND')
    const problem = checkMerge(kept, merged, await mergesRepo.countMergedInto(txScope, merged.id))
    if (problem) throw new PeopleError(PROBLEM_CODES[problem])
    await mergesRepo.setMergedInto(txScope, merged.id, kept.id, now)
    const row = await mergesRepo.insertMerge(txScope, {
      keptPersonId: kept.id,
      mergedPersonId: merged.id,
      reason: merge.reason,
      mergedByUserId: actor.userId,
      mergedByName: actor.name,
      mergedAt: now,
    })
    await appendAuditEvent(tx, actor.audit, {
      action: 'person-merge',
      recordType: 'person',
      recordId: kept.id,
      details: { mergeId: row.id, mergedPersonId: merged.id },
    })
    return row
  })
}

/**
 * Undoes a merge: clears the duplicate's pointer and stamps the merge undone. Everything recorded against
 * either record while merged stays on the record it was recorded on. Audited as `person-unmerge`.
 */
export async function undoPersonMerge(
  scope: OrgScope,
  mergeId: string,
  actor: PeopleActor,
  options: { now?: Date } = {},
): Promise<PersonMerge> {
  const now = options.now ?? new Date()
  return scope.db.transaction(async (tx) => {
    const txScope = inTransaction(scope, tx)
    const merge = await mergesRepo.findMerge(txScope, mergeId)
    if (!merge) throw new PeopleError('PEOPLE_MERGE_NOT_FOUND')
    const [merged] = await mergesRepo.lockPeople(txScope, [merge.mergedPersonId])
    if (!merged) throw new PeopleError('PEOPLE_MERGE_NOT_FOUND')
    if (!(await mergesRepo.markMergeUndone(txScope, mergeId, actor.name, now)))
      throw new PeopleError('PEOPLE_MERGE_ALREADY_UNDONE')
    if (merged.mergedIntoPersonId === merge.keptPersonId) await mergesRepo.setMergedInto(txScope, merged.id, null, now)
    await appendAuditEvent(tx, actor.audit, {
      action: 'person-unmerge',
      recordType: 'person',
      recordId: merge.keptPersonId,
      details: { mergeId, mergedPersonId: merge.mergedPersonId },
    })
    return { ...merge, undoneAt: now, undoneByName: actor.name }
  })
}

/** Records merged into `personId` (ids), oldest first. */
export async function listMergedRecordIds(scope: AnyScope, personId: string): Promise<string[]> {
  return mergesRepo.listMergedIds(scope, personId)
}

/** The merge history of the given records, newest first. */
export async function listMergeHistory(scope: AnyScope, personIds: readonly string[]): Promise<PersonMerge[]> {
  return mergesRepo.listMergesOf(scope, personIds)
}

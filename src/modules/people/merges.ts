// SPDX-License-Identifier: AGPL-3.0-or-later
// Merging duplicate records of one person. A merge only points the duplicate at the record kept (and writes
// a history row), so undoing it is clearing the pointer: nothing else is rewritten.

/** One merge, as the history shows it. */
export interface PersonMerge {
  id: string
  keptPersonId: string
  mergedPersonId: string
  reason: string
  mergedByName: string
  mergedAt: Date
  undoneAt: Date | null
  undoneByName: string | null
}

export const MERGE_REASON_MAX = 500

export type MergeProblem = 'same-record' | 'already-merged' | 'chain'

/**
 * THE merge rule. Refused: a record merged into itself; either record already merged into another (merging
 * into a merged record would make a chain, and a merged record has already gone); and merging away a record
 * that others were merged into (another chain). Keeping merges one level deep is what lets every read
 * follow one pointer and every merge be undone on its own.
 */
export function checkMerge(
  kept: { id: string; mergedIntoPersonId: string | null },
  merged: { id: string; mergedIntoPersonId: string | null },
  recordsMergedIntoMerged: number,
): MergeProblem | null {
  if (kept.id === merged.id) return 'same-record'
  if (kept.mergedIntoPersonId !== null || merged.mergedIntoPersonId !== null) return 'already-merged'
  if (recordsMergedIntoMerged > 0) return 'chain'
  return null
}

/** Checks the merge form: which record to keep (one of the two compared) and why. */
export function mergeFormProblems(
  keep: string,
  reason: string,
  candidates: readonly [string, string],
): Record<string, string> {
  const problems: Record<string, string> = {}
  if (!candidates.includes(keep)) problems['keep'] = 'Select which record to keep'
  if (!reason) problems['reason'] = 'Enter why these records are the same person'
  else if (reason.length > MERGE_REASON_MAX)
    problems['reason'] = `Reason must be ${MERGE_REASON_MAX} characters or fewer`
  return problems
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AnyScope } from '../../platform/db/org-scope.ts'

/** Something about a person's support that the link worker should follow up today, with where to do it. */
export interface CaseloadFollowUp {
  referralId: string
  href: string
  text: string
}

/**
 * What modules built on casework need followed up across a caseload (the connections module: groups that have not
 * answered, people who have stopped going). They register it, as casework cannot ask them directly.
 */
type FollowUpsSource = (scope: AnyScope, episodeIds: readonly string[], today: string) => Promise<CaseloadFollowUp[]>
let followUpsSource: FollowUpsSource = () => Promise.resolve([])

/** Called once by the connections module when it registers. */
export function useCaseloadFollowUpsSource(source: FollowUpsSource): void {
  followUpsSource = source
}

export async function listCaseloadFollowUps(
  scope: AnyScope,
  episodeIds: readonly string[],
  today: string,
): Promise<CaseloadFollowUp[]> {
  return episodeIds.length === 0 ? [] : followUpsSource(scope, episodeIds, today)
}

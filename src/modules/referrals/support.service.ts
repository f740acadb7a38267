// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AnyScope } from '../../platform/db/org-scope.ts'
import * as repo from './support.repository.ts'

/**
 * The most person ids one support list carries: a link worker's whole history with a service is in the hundreds,
 * so this only bounds a query that has gone wrong.
 */
export const SUPPORTED_PEOPLE_LIMIT = 20_000

/** The people whose referrals these link workers hold, for a search limited to them. */
export async function listPeopleSupportedBy(scope: AnyScope, userIds: readonly string[]): Promise<string[]> {
  return repo.listPersonIdsHeldBy(scope, userIds, SUPPORTED_PEOPLE_LIMIT)
}

/** Whether these link workers support the person (any of the person's records, merged ones included). */
export async function supportsPerson(
  scope: AnyScope,
  userIds: readonly string[],
  personRecordIds: readonly string[],
): Promise<boolean> {
  return repo.holdsReferralFor(scope, userIds, personRecordIds)
}

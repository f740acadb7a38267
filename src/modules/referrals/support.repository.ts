// SPDX-License-Identifier: AGPL-3.0-or-later
// Who supports whom: a link worker supports the people whose referrals they hold (allocated or reallocated to
// them, whatever the referral's status now). The casework module builds its "who may see a person" rule on it.
import { sql } from 'drizzle-orm'
import type { AnyScope } from '../../platform/db/org-scope.ts'
import { anyOf, inTenant } from '../../platform/db/tenant.ts'
import { referrals } from './referrals.table.ts'

/** The people whose referrals these link workers hold (one indexed read on the owner). */
export async function listPersonIdsHeldBy(
  scope: AnyScope,
  ownerUserIds: readonly string[],
  limit: number,
): Promise<string[]> {
  if (ownerUserIds.length === 0) return []
  const rows = await scope.db
    .selectDistinct({ personId: referrals.personId })
    .from(referrals)
    .where(inTenant(scope, referrals, anyOf(referrals.ownerUserId, ownerUserIds)))
    .limit(limit)
  return rows.map((row) => row.personId)
}

/** Whether any of these link workers holds a referral for any of these person records. */
export async function holdsReferralFor(
  scope: AnyScope,
  ownerUserIds: readonly string[],
  personIds: readonly string[],
): Promise<boolean> {
  if (ownerUserIds.length === 0 || personIds.length === 0) return false
  const rows = await scope.db
    .select({ one: sql<number>`1` })
    .from(referrals)
    .where(inTenant(scope, referrals, anyOf(referrals.personId, personIds), anyOf(referrals.ownerUserId, ownerUserIds)))
    .limit(1)
  return rows.length > 0
}

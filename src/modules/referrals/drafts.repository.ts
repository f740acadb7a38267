// SPDX-License-Identifier: AGPL-3.0-or-later
// Referral-form drafts: owned by the referrer's organisation and user, kept a week after their last change.
import { eq, isNull, lt } from 'drizzle-orm'
import type { Database } from '../../platform/db/database.ts'
import type { AnyScope } from '../../platform/db/org-scope.ts'
import { referralDrafts } from './referrals.table.ts'
import { inTenant } from '../../platform/db/tenant.ts'
import type { DraftRow } from './referrals.repository.ts'

// ---- Drafts (the referrer's organisation owns them) ----

export async function insertDraft(
  scope: AnyScope,
  token: string,
  userId: string,
  data: Record<string, unknown>,
): Promise<void> {
  await scope.db.insert(referralDrafts).values({ organisationId: scope.organisationId, token, userId, data })
}

export async function findDraft(scope: AnyScope, token: string, userId: string): Promise<DraftRow | undefined> {
  const [row] = await scope.db
    .select()
    .from(referralDrafts)
    .where(inTenant(scope, referralDrafts, eq(referralDrafts.token, token), eq(referralDrafts.userId, userId)))
    .limit(1)
  return row
}

export async function updateDraft(scope: AnyScope, token: string, data: Record<string, unknown>): Promise<void> {
  await scope.db
    .update(referralDrafts)
    .set({ data, updatedAt: new Date() })
    .where(inTenant(scope, referralDrafts, eq(referralDrafts.token, token), isNull(referralDrafts.submittedReferralId)))
}

export async function markDraftSubmitted(
  scope: AnyScope,
  token: string,
  referralId: string,
  receivingOrganisationId: string,
): Promise<void> {
  await scope.db
    .update(referralDrafts)
    .set({ submittedReferralId: referralId, submittedOrganisationId: receivingOrganisationId, updatedAt: new Date() })
    .where(inTenant(scope, referralDrafts, eq(referralDrafts.token, token)))
}

/**
 * Deletes referral-form drafts, sent or not, untouched since `before`. A system task across every service (the
 * nightly job): drafts hold a person's details typed by a referrer and are not kept once they are stale.
 * @returns how many
 */
export async function deleteDraftsBefore(db: Database, before: Date): Promise<number> {
  const rows = await db
    .delete(referralDrafts)
    .where(lt(referralDrafts.updatedAt, before))
    .returning({ token: referralDrafts.token })
  return rows.length
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// The public's self-referral drafts: found by the hash of the browser's token, before any organisation is known.
import { eq, isNull, lt } from 'drizzle-orm'
import type { Queryable } from '../../platform/db/database.ts'
import { selfReferralDrafts } from './referrals.table.ts'

export type SelfReferralDraftRow = typeof selfReferralDrafts.$inferSelect

export async function findSelfReferralDraft(
  db: Queryable,
  tokenHash: string,
): Promise<SelfReferralDraftRow | undefined> {
  const [row] = await db.select().from(selfReferralDrafts).where(eq(selfReferralDrafts.tokenHash, tokenHash)).limit(1)
  return row
}

/** Writes the answers; a draft already sent is never changed. */
export async function upsertSelfReferralDraft(
  db: Queryable,
  tokenHash: string,
  data: Record<string, unknown>,
  now: Date,
): Promise<void> {
  await db
    .insert(selfReferralDrafts)
    .values({ tokenHash, data, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: selfReferralDrafts.tokenHash,
      set: { data, updatedAt: now },
      setWhere: isNull(selfReferralDrafts.submittedReference),
    })
}

export async function markSelfReferralDraftSent(
  db: Queryable,
  tokenHash: string,
  reference: string,
  serviceId: string,
  now: Date,
): Promise<void> {
  await db
    .update(selfReferralDrafts)
    .set({ submittedReference: reference, submittedServiceId: serviceId, updatedAt: now })
    .where(eq(selfReferralDrafts.tokenHash, tokenHash))
}

/** Deletes drafts untouched since `before`, sent or not. @returns how many */
export async function deleteSelfReferralDraftsBefore(db: Queryable, before: Date): Promise<number> {
  const rows = await db
    .delete(selfReferralDrafts)
    .where(lt(selfReferralDrafts.updatedAt, before))
    .returning({ tokenHash: selfReferralDrafts.tokenHash })
  return rows.length
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import { desc, eq, sql } from 'drizzle-orm'
import type { Database } from '../../platform/db/database.ts'
import type { AnyScope, TxScope } from '../../platform/db/org-scope.ts'
import { inTenant, withTenant } from '../../platform/db/tenant.ts'
import { invitations, shortCodes } from './outcomes.table.ts'

export type InvitationRow = typeof invitations.$inferSelect
export type InvitationInsert = Omit<typeof invitations.$inferInsert, 'organisationId'>
export type ShortCodeRow = typeof shortCodes.$inferSelect

export async function insertInvitation(scope: TxScope, values: InvitationInsert): Promise<InvitationRow> {
  const [row] = await scope.db.insert(invitations).values(withTenant(scope, values)).returning()
  return row!
}

/** The invitation a link opens, found within its organisation by the hash of its secret. */
export async function findByTokenHash(scope: AnyScope, tokenHash: string): Promise<InvitationRow | undefined> {
  const [row] = await scope.db
    .select()
    .from(invitations)
    .where(inTenant(scope, invitations, eq(invitations.tokenHash, tokenHash)))
  return row
}

/** The invitation with this id, within its organisation. */
export async function findInvitationById(scope: AnyScope, id: string): Promise<InvitationRow | undefined> {
  const [row] = await scope.db
    .select()
    .from(invitations)
    .where(inTenant(scope, invitations, eq(invitations.id, id)))
  return row
}

/**
 * Keeps a printed invitation's short code, unless another invitation holds it already (then false: the caller draws
 * another). The codes are unique across every organisation.
 */
export async function insertShortCode(
  scope: TxScope,
  values: { invitationId: string; shortCodeHash: string; expiresAt: Date },
): Promise<boolean> {
  const inserted = await scope.db
    .insert(shortCodes)
    .values(withTenant(scope, values))
    .onConflictDoNothing({ target: shortCodes.shortCodeHash })
    .returning({ invitationId: shortCodes.invitationId })
  return inserted.length === 1
}

/**
 * What a printed short code opens, in any organisation: the code is typed without one (a system lookup by the hash
 * of a 50-bit secret, on a rate-limited form; the caller checks it has not expired).
 */
export async function findByShortCodeHash(db: Database, shortCodeHash: string): Promise<ShortCodeRow | undefined> {
  const [row] = await db.select().from(shortCodes).where(eq(shortCodes.shortCodeHash, shortCodeHash))
  return row
}

/** The episode's invitations, newest first (a handful). */
export async function listForEpisode(scope: AnyScope, episodeId: string): Promise<InvitationRow[]> {
  return scope.db
    .select()
    .from(invitations)
    .where(inTenant(scope, invitations, eq(invitations.episodeId, episodeId)))
    .orderBy(desc(invitations.createdAt))
    .limit(20)
}

/** Keeps one questionnaire's answers so far, and marks it finished when it is. */
export async function saveProgress(
  scope: TxScope,
  id: string,
  instrumentKey: string,
  answers: Record<string, number | string | null>,
  finished: boolean,
): Promise<void> {
  await scope.db
    .update(invitations)
    .set({
      draft: sql`${invitations.draft} || jsonb_build_object(${instrumentKey}::text, ${JSON.stringify(answers)}::jsonb)`,
      finished: finished
        ? sql`array(select distinct unnest(${invitations.finished} || array[${instrumentKey}::text]))`
        : invitations.finished,
      rowVersion: sql`${invitations.rowVersion} + 1`,
    })
    .where(inTenant(scope, invitations, eq(invitations.id, id)))
}

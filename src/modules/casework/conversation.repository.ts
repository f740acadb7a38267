// SPDX-License-Identifier: AGPL-3.0-or-later
import { asc, desc, eq } from 'drizzle-orm'
import type { AnyScope, TxScope } from '../../platform/db/org-scope.ts'
import type { Need } from '../referrals/index.ts'
import type { Conversation } from './conversation.ts'
import { conversations } from './casework.table.ts'
import { anyOf, inTenant } from '../../platform/db/tenant.ts'

type ConversationRow = typeof conversations.$inferSelect

function toConversation(r: ConversationRow): Conversation {
  return {
    id: r.id,
    episodeId: r.episodeId,
    personId: r.personId,
    heldOn: r.heldOn,
    whatMatters: r.whatMatters,
    strengths: r.strengths,
    interests: r.interests,
    whatGetsInTheWay: r.whatGetsInTheWay,
    needsConfirmed: r.needsConfirmed as Need[],
    needsAdded: r.needsAdded as Need[],
    recordedByName: r.recordedByName,
    recordedAt: r.recordedAt,
  }
}

/** Inserts a conversation unless its submission key was used before; returns the new id, or undefined for a retry. */
export async function insertConversationIfNew(
  scope: TxScope,
  values: Omit<typeof conversations.$inferInsert, 'organisationId'>,
): Promise<string | undefined> {
  const [row] = await scope.db
    .insert(conversations)
    .values({ ...values, organisationId: scope.organisationId })
    .onConflictDoNothing({ target: [conversations.organisationId, conversations.submissionKey] })
    .returning({ id: conversations.id })
  return row?.id
}

/** The episode's conversations, newest first (by when they were recorded, which is what "current" means). */
export async function listConversations(scope: AnyScope, episodeId: string, limit = 50): Promise<Conversation[]> {
  const rows = await scope.db
    .select()
    .from(conversations)
    .where(inTenant(scope, conversations, eq(conversations.episodeId, episodeId)))
    .orderBy(desc(conversations.recordedAt), desc(conversations.heldOn))
    .limit(limit)
  return rows.map(toConversation)
}

/** The current (newest) conversation of each of several episodes, in one query (the person page). */
export async function listCurrentConversations(
  scope: AnyScope,
  episodeIds: readonly string[],
): Promise<Conversation[]> {
  if (episodeIds.length === 0) return []
  const rows = await scope.db
    .selectDistinctOn([conversations.episodeId])
    .from(conversations)
    .where(inTenant(scope, conversations, anyOf(conversations.episodeId, episodeIds)))
    .orderBy(asc(conversations.episodeId), desc(conversations.recordedAt), desc(conversations.heldOn))
  return rows.map(toConversation)
}

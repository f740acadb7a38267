// SPDX-License-Identifier: AGPL-3.0-or-later
import { appendAuditEvent } from '../../platform/audit/audit.service.ts'
import { inTransaction, type AnyScope, type OrgScope } from '../../platform/db/org-scope.ts'
import { changeReferral, type Need } from '../referrals/index.ts'
import { openCase, type ChangeActor } from './casework.service.ts'
import { needsInForce, type Conversation, type NewConversation } from './conversation.ts'
import * as repo from './conversation.repository.ts'

/** The episode's current "what matters" conversation (the newest recorded), or null before the first. */
export async function findCurrentConversation(scope: AnyScope, episodeId: string): Promise<Conversation | null> {
  const [current] = await repo.listConversations(scope, episodeId, 1)
  return current ?? null
}

/** The current conversation of each episode that has one, keyed by episode id. */
export async function findCurrentConversations(
  scope: AnyScope,
  episodeIds: readonly string[],
): Promise<Map<string, Conversation>> {
  const current = await repo.listCurrentConversations(scope, episodeIds)
  return new Map(current.map((c) => [c.episodeId, c]))
}

/** Every conversation of the episode, newest first. */
export async function listConversationsForEpisode(scope: AnyScope, episodeId: string): Promise<Conversation[]> {
  return repo.listConversations(scope, episodeId)
}

/**
 * The needs support is working on for an episode: those the current conversation confirmed or added, or the
 * referral's needs before the first conversation.
 */
export async function findNeedsInForce(
  scope: AnyScope,
  episodeId: string,
  referralNeeds: readonly Need[],
): Promise<{ needs: Need[]; conversation: Conversation | null }> {
  const conversation = await findCurrentConversation(scope, episodeId)
  return { needs: needsInForce(referralNeeds, conversation), conversation }
}

/**
 * Records a "what matters" conversation on the link worker's case. The submission key makes a double submission
 * record once; returns whether this call recorded it.
 */
export async function recordConversation(
  scope: OrgScope,
  referralId: string,
  conversation: NewConversation,
  actor: ChangeActor,
  options: { now?: Date } = {},
): Promise<{ created: boolean }> {
  const now = options.now ?? new Date()
  const { referral, episode } = await openCase(scope, referralId, actor, { now })
  const result = await scope.db.transaction(async (tx) => {
    const id = await repo.insertConversationIfNew(inTransaction(scope, tx), {
      episodeId: episode.id,
      personId: episode.personId,
      submissionKey: `${episode.id}:${conversation.submissionKey}`,
      heldOn: conversation.heldOn,
      whatMatters: conversation.whatMatters,
      strengths: conversation.strengths,
      interests: conversation.interests,
      whatGetsInTheWay: conversation.whatGetsInTheWay,
      needsConfirmed: conversation.needsConfirmed,
      needsAdded: conversation.needsAdded,
      recordedByUserId: actor.userId,
      recordedByName: actor.name,
      recordedAt: now,
    })
    if (!id) return { created: false }
    await appendAuditEvent(tx, actor.audit, {
      action: 'conversation-record',
      recordType: 'episode',
      recordId: episode.id,
      details: {
        conversationId: id,
        needsConfirmed: conversation.needsConfirmed.join(','),
        needsAdded: conversation.needsAdded.join(','),
      },
    })
    return { created: true }
  })
  // The referrer follows the steps of support: after the first contact, the conversation is the next one. Run
  // after the commit (and again on a retry), like the first-contact step; later steps are never undone.
  if (referral.status === 'in-progress' && referral.businessStatus === 'first-contact-made') {
    await changeReferral(scope, referralId, { kind: 'progress', step: 'conversation-held' }, actor, undefined, { now })
  }
  return result
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import { appendAuditEvent, type AuditActor } from '../../platform/audit/audit.service.ts'
import type { Database } from '../../platform/db/database.ts'
import type { AnyScope } from '../../platform/db/org-scope.ts'
import type { EmailSender } from '../../platform/email/email.ts'
import type { ReferralSummary } from './referral.ts'
import type { ReferralRow } from './referrals.repository.ts'
import * as repo from './referrer-updates.repository.ts'
import { dueAtFor, isMilestone, referrerUpdateEmail, type DueUpdate, type UpdateFrequency } from './referrer-updates.ts'

/** How often this referrer hears about their referrals (immediate unless they chose the daily digest). */
export async function getUpdateFrequency(db: Database, userId: string): Promise<UpdateFrequency> {
  return (await repo.findUpdateFrequency(db, userId)) ?? 'immediate'
}

export async function saveUpdateFrequency(
  db: Database,
  userId: string,
  frequency: UpdateFrequency,
  actor: AuditActor,
  now = new Date(),
): Promise<void> {
  await db.transaction(async (tx) => {
    await repo.upsertUpdateFrequency(tx, userId, frequency, now)
    await appendAuditEvent(tx, actor, {
      action: 'referrer-updates-change',
      recordType: 'user',
      recordId: userId,
      details: { updates: frequency },
    })
  })
}

/**
 * Queues an email to the referrer when a referral reaches a milestone that matters to them. Steps in between
 * (contact attempted, the what-matters conversation, a pause) wait for the next milestone; a self-referral,
 * or a referrer with no email, gets none.
 */
export async function queueReferrerUpdate(
  scope: AnyScope,
  row: Pick<ReferralRow, 'id' | 'referrerEmail' | 'referrerUserId' | 'source'>,
  summary: Pick<ReferralSummary, 'businessStatus'>,
  now = new Date(),
): Promise<void> {
  if (!row.referrerEmail || row.source === 'self-referral' || !isMilestone(summary.businessStatus)) return
  const frequency = row.referrerUserId ? await getUpdateFrequency(scope.db, row.referrerUserId) : 'immediate'
  await repo.queueUpdate(
    scope,
    {
      referralId: row.id,
      recipientEmail: row.referrerEmail,
      recipientUserId: row.referrerUserId,
      milestone: summary.businessStatus,
    },
    dueAtFor(frequency, now),
    now,
  )
}

/**
 * Sends every update that has fallen due: one email per referrer, listing each referral's latest milestone.
 * Each referrer's updates are marked sent in the same transaction as the send, so a failed email is retried on
 * the next run and a rerun sends nothing twice. Runs across services (a system task): references only.
 * @returns how many emails were sent
 */
export async function sendReferrerUpdates(
  db: Database,
  email: EmailSender,
  publicUrl: string,
  now = new Date(),
): Promise<number> {
  const due = await repo.listDueUpdates(db, now)
  const byRecipient = new Map<string, repo.DueRow[]>()
  for (const row of due) byRecipient.set(row.recipientEmail, [...(byRecipient.get(row.recipientEmail) ?? []), row])
  let sent = 0
  const failures: unknown[] = []
  for (const [to, rows] of byRecipient) {
    try {
      const didSend = await db.transaction(async (tx) => {
        const marked = new Set(
          await repo.markSent(
            tx,
            rows.map((r) => r.id),
            now,
          ),
        )
        const updates: DueUpdate[] = rows.filter((r) => marked.has(r.id))
        if (updates.length === 0) return false
        await email.send({ to, ...referrerUpdateEmail(updates, publicUrl) })
        return true
      })
      if (didSend) sent++
    } catch (error) {
      failures.push(error)
    }
  }
  if (failures.length > 0) throw new AggregateError(failures, `${failures.length} referrer updates could not be sent`)
  return sent
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import { appendAuditEvent, type AuditActor } from '../../platform/audit/audit.service.ts'
import type { Database } from '../../platform/db/database.ts'
import type { AnyScope } from '../../platform/db/org-scope.ts'
import type { EmailSender } from '../../platform/email/email.ts'
import type { TextSender } from '../../platform/notify/notify.ts'
import { ukMobileOf } from '../../shared/uk-mobile.ts'
import type { ReferralSummary } from './referral.ts'
import type { ReferralRow } from './referrals.repository.ts'
import * as repo from './referrer-updates.repository.ts'
import {
  dueAtFor,
  isMilestone,
  isPersonMilestone,
  personUpdateMessage,
  referrerUpdateEmail,
  type UpdateFrequency,
} from './referrer-updates.ts'

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
 * (contact attempted, the what-matters conversation, a pause) wait for the next milestone. A self-referrer hears
 * only if they asked to, by the way they chose, and only of the steps they would not otherwise know of.
 */
export async function queueReferrerUpdate(
  scope: AnyScope,
  row: Pick<ReferralRow, 'id' | 'referrerEmail' | 'referrerPhone' | 'referrerUserId' | 'source' | 'personUpdates'>,
  summary: Pick<ReferralSummary, 'businessStatus'>,
  now = new Date(),
): Promise<void> {
  if (row.source === 'self-referral') return queuePersonUpdate(scope, row, summary, now)
  if (!row.referrerEmail || !isMilestone(summary.businessStatus)) return
  const frequency = row.referrerUserId ? await getUpdateFrequency(scope.db, row.referrerUserId) : 'immediate'
  await repo.queueUpdate(
    scope,
    {
      referralId: row.id,
      recipientEmail: row.referrerEmail,
      recipientUserId: row.referrerUserId,
      milestone: summary.businessStatus,
      channel: 'referrer-email',
    },
    dueAtFor(frequency, now),
    now,
  )
}

async function queuePersonUpdate(
  scope: AnyScope,
  row: Pick<ReferralRow, 'id' | 'referrerEmail' | 'referrerPhone' | 'personUpdates'>,
  summary: Pick<ReferralSummary, 'businessStatus'>,
  now: Date,
): Promise<void> {
  if (!isPersonMilestone(summary.businessStatus)) return
  const recipient =
    row.personUpdates === 'email'
      ? row.referrerEmail
      : row.personUpdates === 'text'
        ? ukMobileOf(row.referrerPhone)
        : null
  if (!recipient) return
  await repo.queueUpdate(
    scope,
    {
      referralId: row.id,
      recipientEmail: recipient,
      recipientUserId: null,
      milestone: summary.businessStatus,
      channel: row.personUpdates === 'email' ? 'person-email' : 'person-text',
    },
    dueAtFor('immediate', now),
    now,
  )
}

/**
 * Sends every update that has fallen due: one email per referrer, listing each referral's latest milestone, and one
 * email or text per self-referrer who asked to hear. Each recipient's updates are marked sent in the same
 * transaction as the send, so a failed send is retried on the next run and a rerun sends nothing twice. A
 * self-referrer's update is checked against their record as it is now: one the person has since asked not to get
 * (or with nothing left to send it to, or texts not set up) is marked done without sending. Runs across services (a
 * system task): references only.
 * @returns how many messages were sent
 */
export async function sendReferrerUpdates(
  db: Database,
  email: EmailSender,
  publicUrl: string,
  now = new Date(),
  texts?: TextSender,
): Promise<number> {
  const due = await repo.listDueUpdates(db, now)
  const byRecipient = new Map<string, repo.DueRow[]>()
  for (const row of due) {
    const key = `${row.channel}:${row.recipientEmail}`
    byRecipient.set(key, [...(byRecipient.get(key) ?? []), row])
  }
  let sent = 0
  const failures: unknown[] = []
  for (const rows of byRecipient.values()) {
    try {
      const didSend = await db.transaction(async (tx) => {
        const marked = new Set(
          await repo.markSent(
            tx,
            rows.map((r) => r.id),
            now,
          ),
        )
        const updates = rows.filter((r) => marked.has(r.id))
        if (updates.length === 0) return false
        return deliver(updates, email, texts, publicUrl)
      })
      if (didSend) sent++
    } catch (error) {
      failures.push(error)
    }
  }
  if (failures.length > 0) throw new AggregateError(failures, `${failures.length} referrer updates could not be sent`)
  return sent
}

async function deliver(
  updates: repo.DueRow[],
  email: EmailSender,
  texts: TextSender | undefined,
  publicUrl: string,
): Promise<boolean> {
  const first = updates[0]!
  if (first.channel === 'referrer-email') {
    await email.send({ to: first.recipientEmail, ...referrerUpdateEmail(updates, publicUrl) })
    return true
  }
  // A self-referrer: each request's latest step, to how their record says to reach them now.
  let sent = false
  for (const update of updates) {
    const { person } = update
    const message = personUpdateMessage(update)
    if (update.channel === 'person-email') {
      if (!person.email || person.contactMethodsToAvoid.includes('email')) continue
      await email.send({ to: person.email, ...message })
      sent = true
      continue
    }
    const mobile = ukMobileOf(person.phone)
    if (!mobile || person.contactMethodsToAvoid.includes('text') || !texts || texts.kind === 'none') continue
    await texts.send({ to: mobile, message: message.text, reference: update.id })
    sent = true
  }
  return sent
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import { appendAuditEvent, systemActor } from '../../platform/audit/audit.service.ts'
import type { Database } from '../../platform/db/database.ts'
import { inTransaction, scopeForSystemTask } from '../../platform/db/org-scope.ts'
import type { EmailSender } from '../../platform/email/email.ts'
import { listReferralsForService, listUrgentAwaitingFirstContact } from '../referrals/index.ts'
import { DEFAULT_NO_CONTACT_ALERT_WEEKS, londonToday } from './casework.ts'
import { CASELOAD_STATUSES } from './casework.service.ts'
import { listReminderSources } from './follow-ups.service.ts'
import { countReminders, dueReminders, reminderDigest } from './reminders.ts'
import * as repo from './reminders.repository.ts'
import { TEAM_CASELOAD_LIMIT } from './team.service.ts'

// Node 20 has no Map.groupBy.
function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>()
  for (const item of items) {
    const k = key(item)
    const group = groups.get(k)
    if (group) group.push(item)
    else groups.set(k, [item])
  }
  return groups
}

export const CASEWORK_REMINDER_QUEUE = 'casework-daily-reminders'
/** Every day at 06:30 UTC (07:30 in summer): weekends too, since reminders wait for no one and are once only. */
export const CASEWORK_REMINDER_CRON = '30 6 * * *'

/**
 * Emails each link worker one digest a day of what has fallen due on their caseload: reviews, follow-up
 * checks and people not contacted for the service's alert period. Each reminder (episode, kind, date due) is
 * recorded when sent, in the same transaction as the email, so a rerun the same day sends nothing and a
 * failed send is retried next run. The email carries counts and a link, never a person's name.
 * @returns how many emails were sent
 */
export async function sendCaseworkReminders(
  db: Database,
  email: EmailSender,
  publicUrl: string,
  now = new Date(),
): Promise<number> {
  const today = londonToday(now)
  const sources = listReminderSources()
  // Other modules' sources (outcomes: questionnaires due) look at every open episode, not only casework's due ones.
  const candidates = await repo.listReminderCandidates(db, today, { allOpen: sources.length > 0 })
  const urgent = await listUrgentAwaitingFirstContact(db)
  const byOrganisation = groupBy(candidates, (c) => c.organisationId)
  const urgentByOrganisation = groupBy(urgent, (u) => u.organisationId)
  for (const organisationId of urgentByOrganisation.keys())
    if (!byOrganisation.has(organisationId)) byOrganisation.set(organisationId, [])
  let sent = 0
  const failures: unknown[] = []
  for (const [organisationId, inService] of byOrganisation) {
    const scope = scopeForSystemTask(db, { id: organisationId, areaId: '' }, 'the daily casework reminders job')
    // An episode whose referral ended on the referral page is finished too: only remind about open ones.
    const open = await listReferralsForService(
      scope,
      { status: CASELOAD_STATUSES },
      { limit: TEAM_CASELOAD_LIMIT, offset: 0 },
    )
    const openIds = new Set(open.rows.filter((r) => r.status !== 'on-hold').map((r) => r.id))
    // Ended on the referral page rather than here: mark the episode ended, so the team view stops counting
    // it. Every open episode becomes a candidate within the no-contact period, so none is missed for long.
    const onCaseload = new Set(open.rows.map((r) => r.id))
    const ended = inService.filter((c) => !onCaseload.has(c.referralId)).map((c) => c.episodeId)
    if (ended.length > 0) {
      await scope.db.transaction(async (tx) => {
        const marked = await repo.markEpisodesEnded(inTransaction(scope, tx), ended, today, now)
        for (const episodeId of marked) {
          await appendAuditEvent(tx, systemActor(organisationId, CASEWORK_REMINDER_QUEUE), {
            action: 'episode-close',
            recordType: 'episode',
            recordId: episodeId,
            details: { reason: 'referral-ended' },
          })
        }
      })
    }
    const byWorker = groupBy(
      inService.filter((c) => openIds.has(c.referralId)),
      (c) => c.linkWorkerUserId,
    )
    const openEpisodes = inService.filter((c) => openIds.has(c.referralId))
    const workerOf = new Map(openEpisodes.map((e) => [e.episodeId, e.linkWorkerUserId]))
    const fromSources = (
      await Promise.all(
        sources.map(async (source) =>
          (
            await source.due(
              scope,
              openEpisodes.map((e) => ({
                id: e.episodeId,
                referralId: e.referralId,
                firstContactOn: e.firstContactOn,
              })),
              today,
            )
          ).map((d) => ({ ...d, kind: source.kind })),
        ),
      )
    ).flat()
    const sourceDueByWorker = groupBy(fromSources, (d) => workerOf.get(d.episodeId))
    const urgentByWorker = groupBy(urgentByOrganisation.get(organisationId) ?? [], (u) => u.linkWorkerUserId)
    const workers = new Map<string, { linkWorkerName: string; linkWorkerEmail: string; noContactAlertWeeks: number }>()
    for (const [userId, rows] of urgentByWorker)
      workers.set(userId, {
        ...rows[0]!,
        noContactAlertWeeks: inService[0]?.noContactAlertWeeks ?? DEFAULT_NO_CONTACT_ALERT_WEEKS,
      })
    for (const [userId, rows] of byWorker) workers.set(userId, rows[0]!)
    for (const [userId, worker] of workers) {
      const episodes = byWorker.get(userId) ?? []
      const due = [
        ...episodes.flatMap((e) =>
          dueReminders({ ...e, closedOn: null, pausedOn: null }, today, e).map((r) => ({
            ...r,
            episodeId: e.episodeId,
          })),
        ),
        // Keyed by the referral: it may have no episode yet. Named once, on the first run after it arrived.
        ...(sourceDueByWorker.get(userId) ?? []),
        ...(urgentByWorker.get(userId) ?? []).map((u) => ({
          kind: 'urgent-contact' as const,
          dueOn: londonToday(u.receivedAt),
          episodeId: u.referralId,
        })),
      ]
      const didSend = await scope.db
        .transaction(async (tx) => {
          const fresh = await repo.insertRemindersIfNew(inTransaction(scope, tx), due, now)
          if (fresh.length === 0) return false
          const digest = reminderDigest(
            { displayName: worker.linkWorkerName },
            countReminders(fresh),
            worker.noContactAlertWeeks,
            publicUrl,
            sources.map((source) => {
              const count = fresh.filter((r) => r.kind === source.kind).length
              return { count, line: source.line(count) }
            }),
          )
          await email.send({ to: worker.linkWorkerEmail, ...digest })
          return true
        })
        // One worker's failed email must not stop everyone else's: it is retried on the next run.
        .catch((error: unknown) => {
          failures.push(error)
          return false
        })
      if (didSend) sent += 1
    }
  }
  if (failures.length > 0) throw new AggregateError(failures, `${failures.length} reminder emails could not be sent`)
  return sent
}

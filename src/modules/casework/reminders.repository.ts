// SPDX-License-Identifier: AGPL-3.0-or-later
import { and, eq, isNull, lte, or, sql } from 'drizzle-orm'
import type { Database } from '../../platform/db/database.ts'
import type { TxScope } from '../../platform/db/org-scope.ts'
import { users } from '../identity/index.ts'
import { DEFAULT_NO_CONTACT_ALERT_WEEKS } from './casework.ts'
import { episodes, reminders, settings } from './casework.table.ts'
import { anyOf, inTenant } from '../../platform/db/tenant.ts'

export interface ReminderCandidate {
  organisationId: string
  episodeId: string
  referralId: string
  linkWorkerUserId: string
  linkWorkerEmail: string
  linkWorkerName: string
  nextReviewOn: string
  followUpOn: string | null
  lastContactOn: string | null
  openedOn: string
  firstContactOn: string | null
  noContactAlertWeeks: number
}

/**
 * Open, unpaused episodes of every service with something of casework's due by `today` (or, with `allOpen`, every
 * one, for the reminder sources of other modules to look at), with their link worker and the service's
 * no-contact setting. A system task across tenants: the job that calls it sends counts only.
 */
export async function listReminderCandidates(
  db: Database,
  today: string,
  options: { allOpen: boolean },
): Promise<ReminderCandidate[]> {
  const alertWeeks = sql<number>`coalesce(${settings.noContactAlertWeeks}, ${DEFAULT_NO_CONTACT_ALERT_WEEKS})`
  return db
    .select({
      organisationId: episodes.organisationId,
      episodeId: episodes.id,
      referralId: episodes.referralId,
      linkWorkerUserId: episodes.linkWorkerUserId,
      linkWorkerEmail: users.email,
      linkWorkerName: users.displayName,
      nextReviewOn: episodes.nextReviewOn,
      followUpOn: episodes.followUpOn,
      lastContactOn: episodes.lastContactOn,
      openedOn: episodes.openedOn,
      firstContactOn: episodes.firstContactOn,
      noContactAlertWeeks: sql<number>`${alertWeeks}::int`,
    })
    .from(episodes)
    .innerJoin(users, eq(users.id, episodes.linkWorkerUserId))
    .leftJoin(settings, eq(settings.organisationId, episodes.organisationId))
    .where(
      and(
        isNull(episodes.closedOn),
        isNull(episodes.pausedOn),
        isNull(users.disabledAt),
        options.allOpen
          ? undefined
          : or(
              lte(episodes.nextReviewOn, today),
              lte(episodes.followUpOn, today),
              sql`coalesce(${episodes.lastContactOn}, ${episodes.openedOn}) + (${alertWeeks} * 7) <= ${today}::date`,
            ),
      ),
    )
}

/** Records reminders as sent; returns only those not recorded before (a rerun gets none). */
export async function insertRemindersIfNew(
  scope: TxScope,
  rows: readonly { episodeId: string; kind: string; dueOn: string }[],
  sentAt: Date,
): Promise<{ episodeId: string; kind: string; dueOn: string }[]> {
  if (rows.length === 0) return []
  const inserted = await scope.db
    .insert(reminders)
    .values(rows.map((r) => ({ ...r, organisationId: scope.organisationId, sentAt })))
    .onConflictDoNothing()
    .returning({ episodeId: reminders.episodeId, kind: reminders.kind, dueOn: reminders.dueOn })
  return inserted
}

/**
 * Marks episodes ended whose referral was closed outside casework (no reason or summary: those are the
 * referral's). Returns the ones this call changed.
 */
export async function markEpisodesEnded(
  scope: TxScope,
  episodeIds: readonly string[],
  closedOn: string,
  now: Date,
): Promise<string[]> {
  if (episodeIds.length === 0) return []
  const rows = await scope.db
    .update(episodes)
    .set({ closedOn, updatedAt: now, version: sql`${episodes.version} + 1` })
    .where(inTenant(scope, episodes, anyOf(episodes.id, episodeIds), isNull(episodes.closedOn)))
    .returning({ id: episodes.id })
  return rows.map((r) => r.id)
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm'
import type { Database, Queryable } from '../../platform/db/database.ts'
import type { AnyScope } from '../../platform/db/org-scope.ts'
import { organisations } from '../identity/index.ts'
import { people } from '../people/index.ts'
import { isBusinessStatus, type BusinessStatus } from './referral-status.ts'
import { referrals, referrerNotifications, referrerPreferences } from './referrals.table.ts'
import { isUpdateChannel, isUpdateFrequency, type UpdateChannel, type UpdateFrequency } from './referrer-updates.ts'
import { anyOf } from '../../platform/db/tenant.ts'

export async function findUpdateFrequency(db: Queryable, userId: string): Promise<UpdateFrequency | undefined> {
  const [row] = await db
    .select({ updates: referrerPreferences.updates })
    .from(referrerPreferences)
    .where(eq(referrerPreferences.userId, userId))
  return row && isUpdateFrequency(row.updates) ? row.updates : undefined
}

export async function upsertUpdateFrequency(
  db: Queryable,
  userId: string,
  updates: UpdateFrequency,
  at: Date,
): Promise<void> {
  await db
    .insert(referrerPreferences)
    .values({ userId, updates, updatedAt: at })
    .onConflictDoUpdate({ target: referrerPreferences.userId, set: { updates, updatedAt: at } })
}

/**
 * Queues a milestone for a referrer. A later milestone for the same referral and recipient, before the first is
 * sent, replaces it and keeps its time: that is the coalescing.
 */
export async function queueUpdate(
  scope: AnyScope,
  values: {
    referralId: string
    recipientEmail: string
    recipientUserId: string | null
    milestone: string
    channel: UpdateChannel
  },
  dueAt: Date,
  now: Date,
): Promise<void> {
  await scope.db
    .insert(referrerNotifications)
    .values({ organisationId: scope.organisationId, ...values, dueAt, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [
        referrerNotifications.organisationId,
        referrerNotifications.referralId,
        referrerNotifications.recipientEmail,
      ],
      targetWhere: sql`${referrerNotifications.sentAt} is null`,
      set: { milestone: values.milestone, updatedAt: now },
    })
}

export interface DueRow {
  organisationId: string
  id: string
  channel: UpdateChannel
  /** The referrer's email; for a self-referrer, the email or mobile at the time the update was queued. */
  recipientEmail: string
  /** For a self-referrer's own updates: how the person's record says to reach them now. */
  person: { email: string; phone: string; contactMethodsToAvoid: string[] }
  referralId: string
  reference: string
  serviceName: string
  milestone: BusinessStatus
}

/** Every queued update due by `now`, across services (a system read for the sending job), oldest first. */
export async function listDueUpdates(db: Database, now: Date, limit = 5000): Promise<DueRow[]> {
  const rows = await db
    .select({
      organisationId: referrerNotifications.organisationId,
      id: referrerNotifications.id,
      channel: referrerNotifications.channel,
      recipientEmail: referrerNotifications.recipientEmail,
      personEmail: people.email,
      personPhone: people.phone,
      personAvoids: people.contactMethodsToAvoid,
      referralId: referrerNotifications.referralId,
      reference: referrals.reference,
      serviceName: organisations.name,
      milestone: referrerNotifications.milestone,
    })
    .from(referrerNotifications)
    .innerJoin(
      referrals,
      and(
        eq(referrals.organisationId, referrerNotifications.organisationId),
        eq(referrals.id, referrerNotifications.referralId),
      ),
    )
    .innerJoin(organisations, eq(organisations.id, referrerNotifications.organisationId))
    .innerJoin(people, and(eq(people.organisationId, referrals.organisationId), eq(people.id, referrals.personId)))
    .where(and(isNull(referrerNotifications.sentAt), lte(referrerNotifications.dueAt, now)))
    .orderBy(asc(referrerNotifications.dueAt))
    .limit(limit)
  return rows.flatMap(({ personEmail, personPhone, personAvoids, ...r }) =>
    isBusinessStatus(r.milestone) && isUpdateChannel(r.channel)
      ? [
          {
            ...r,
            milestone: r.milestone,
            channel: r.channel,
            person: { email: personEmail, phone: personPhone, contactMethodsToAvoid: personAvoids },
          },
        ]
      : [],
  )
}

/** Marks updates sent; returns the ids this call marked (a concurrent run marks none of them twice). */
export async function markSent(db: Queryable, ids: readonly string[], at: Date): Promise<string[]> {
  if (ids.length === 0) return []
  const rows = await db
    .update(referrerNotifications)
    .set({ sentAt: at })
    .where(and(anyOf(referrerNotifications.id, ids), isNull(referrerNotifications.sentAt)))
    .returning({ id: referrerNotifications.id })
  return rows.map((r) => r.id)
}

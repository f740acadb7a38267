// SPDX-License-Identifier: AGPL-3.0-or-later
import { and, asc, eq, gte, isNull, lt, sql } from 'drizzle-orm'
import type { Queryable } from '../../platform/db/database.ts'
import type { AnyScope, TxScope } from '../../platform/db/org-scope.ts'
import { memberships, organisations, users } from '../identity/index.ts'
import type { Booking, BookableType, BookingStatus } from './bookings.ts'
import { bookings, diaryFeeds } from './bookings.table.ts'
import { inTenant } from '../../platform/db/tenant.ts'

type BookingRow = typeof bookings.$inferSelect

function toBooking(r: BookingRow): Booking {
  return {
    id: r.id,
    episodeId: r.episodeId,
    referralId: r.referralId,
    linkWorkerUserId: r.linkWorkerUserId,
    type: r.type as BookableType,
    startsAt: r.startsAt,
    durationMinutes: r.durationMinutes,
    place: r.place,
    riskCheck: r.riskCheck ?? null,
    status: r.status as BookingStatus,
    bookedByName: r.bookedByName,
  }
}

/** Inserts the booking unless this submission was stored already; returns the new id, or null on a retry. */
export async function insertBookingIfNew(
  scope: TxScope,
  values: Omit<typeof bookings.$inferInsert, 'organisationId'>,
): Promise<string | null> {
  const [row] = await scope.db
    .insert(bookings)
    .values({ ...values, organisationId: scope.organisationId })
    .onConflictDoNothing({ target: [bookings.organisationId, bookings.submissionKey] })
    .returning({ id: bookings.id })
  return row?.id ?? null
}

export async function findBooking(
  scope: AnyScope,
  referralId: string,
  bookingId: string,
): Promise<Booking | undefined> {
  const [row] = await scope.db
    .select()
    .from(bookings)
    .where(inTenant(scope, bookings, eq(bookings.referralId, referralId), eq(bookings.id, bookingId)))
    .limit(1)
  return row ? toBooking(row) : undefined
}

/** Moves a booking on from `booked`; false when it had moved on already (a retry, or someone else). */
export async function closeBooking(
  scope: TxScope,
  bookingId: string,
  status: Exclude<BookingStatus, 'booked'>,
  now: Date,
): Promise<boolean> {
  const changed = await scope.db
    .update(bookings)
    .set({ status, updatedAt: now })
    .where(inTenant(scope, bookings, eq(bookings.id, bookingId), eq(bookings.status, 'booked')))
    .returning({ id: bookings.id })
  return changed.length > 0
}

/** An episode's bookings from `from` on, soonest first. */
export async function listEpisodeBookings(
  scope: AnyScope,
  episodeId: string,
  from: Date,
  limit: number,
): Promise<Booking[]> {
  const rows = await scope.db
    .select()
    .from(bookings)
    .where(
      inTenant(
        scope,
        bookings,
        eq(bookings.episodeId, episodeId),
        eq(bookings.status, 'booked'),
        gte(bookings.startsAt, from),
      ),
    )
    .orderBy(asc(bookings.startsAt))
    .limit(limit)
  return rows.map(toBooking)
}

/** A link worker's bookings starting in [from, to), soonest first; cancelled ones too when asked (the diary). */
export async function listWorkerBookings(
  scope: AnyScope,
  userId: string,
  range: { from: Date; to: Date },
  options: { includeCancelled: boolean; limit: number },
): Promise<Booking[]> {
  const rows = await scope.db
    .select()
    .from(bookings)
    .where(
      inTenant(
        scope,
        bookings,
        eq(bookings.linkWorkerUserId, userId),
        gte(bookings.startsAt, range.from),
        lt(bookings.startsAt, range.to),
        options.includeCancelled ? undefined : eq(bookings.status, 'booked'),
      ),
    )
    .orderBy(asc(bookings.startsAt))
    .limit(options.limit)
  return rows.map(toBooking)
}

/** Bookings still open for an episode move with it when it is reallocated. */
export async function moveOpenBookings(scope: TxScope, episodeId: string, toUserId: string, now: Date): Promise<void> {
  await scope.db
    .update(bookings)
    .set({ linkWorkerUserId: toUserId, updatedAt: now })
    .where(inTenant(scope, bookings, eq(bookings.episodeId, episodeId), eq(bookings.status, 'booked')))
}

// ---- Diary feeds ----

export async function findDiaryFeed(
  scope: AnyScope,
  userId: string,
): Promise<{ createdAt: Date; lastReadAt: Date | null } | undefined> {
  const [row] = await scope.db
    .select({ createdAt: diaryFeeds.createdAt, lastReadAt: diaryFeeds.lastReadAt })
    .from(diaryFeeds)
    .where(inTenant(scope, diaryFeeds, eq(diaryFeeds.userId, userId)))
    .limit(1)
  return row
}

/** Sets the user's one diary address, replacing any before it. */
export async function replaceDiaryFeed(scope: TxScope, userId: string, tokenHash: string, now: Date): Promise<void> {
  await scope.db
    .insert(diaryFeeds)
    .values({ organisationId: scope.organisationId, userId, tokenHash, createdAt: now })
    .onConflictDoUpdate({
      target: [diaryFeeds.organisationId, diaryFeeds.userId],
      set: { tokenHash, createdAt: now, lastReadAt: null },
    })
}

export async function deleteDiaryFeed(scope: TxScope, userId: string): Promise<boolean> {
  const deleted = await scope.db
    .delete(diaryFeeds)
    .where(inTenant(scope, diaryFeeds, eq(diaryFeeds.userId, userId)))
    .returning({ userId: diaryFeeds.userId })
  return deleted.length > 0
}

/**
 * Finds a diary by its address's hash, before any organisation is known (as an API key is found), and only while
 * its owner is still an active link worker there: leaving the service or losing the role stops the address.
 */
export async function findDiaryFeedByTokenHash(
  db: Queryable,
  tokenHash: string,
): Promise<{ organisationId: string; areaId: string; userId: string; displayName: string } | undefined> {
  const [row] = await db
    .select({
      organisationId: diaryFeeds.organisationId,
      areaId: organisations.areaId,
      userId: diaryFeeds.userId,
      displayName: users.displayName,
    })
    .from(diaryFeeds)
    .innerJoin(
      memberships,
      and(eq(memberships.organisationId, diaryFeeds.organisationId), eq(memberships.userId, diaryFeeds.userId)),
    )
    .innerJoin(organisations, eq(organisations.id, diaryFeeds.organisationId))
    .innerJoin(users, eq(users.id, diaryFeeds.userId))
    .where(
      and(
        eq(diaryFeeds.tokenHash, tokenHash),
        sql`'link-worker' = any(${memberships.roles})`,
        isNull(users.disabledAt),
      ),
    )
    .limit(1)
  return row
}

export async function markDiaryFeedRead(scope: TxScope, userId: string, now: Date): Promise<void> {
  await scope.db
    .update(diaryFeeds)
    .set({ lastReadAt: now })
    .where(
      inTenant(
        scope,
        diaryFeeds,
        eq(diaryFeeds.userId, userId),
        sql`coalesce(${diaryFeeds.lastReadAt}, '-infinity') < ${now.toISOString()}::timestamptz - interval '1 minute'`,
      ),
    )
}

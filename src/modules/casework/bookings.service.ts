// SPDX-License-Identifier: AGPL-3.0-or-later
import { hashSecret, newSecret } from '../../platform/security/secrets.ts'
import { appendAuditEvent, recordAuditEvent, type AuditActor } from '../../platform/audit/audit.service.ts'
import type { Database } from '../../platform/db/database.ts'
import { createOrgScope, inTransaction, type OrgScope } from '../../platform/db/org-scope.ts'
import { listReferralsForService } from '../referrals/index.ts'
import * as repo from './bookings.repository.ts'
import { diaryCalendar, initialsOf, londonInstant, londonWallClock, type Booking, type NewBooking } from './bookings.ts'
import { addDays, londonToday } from './casework.ts'
import { CaseworkError } from './casework.errors.ts'
import * as caseRepo from './casework.repository.ts'
import { CASELOAD_LIMIT, CASELOAD_STATUSES, openCase, type ChangeActor } from './casework.service.ts'

const EPISODE_BOOKINGS_SHOWN = 20
// The diary carries the last month (so a calendar keeps recent entries) and the year ahead.
const DIARY_DAYS_BEHIND = 31
const DIARY_DAYS_AHEAD = 366
const DIARY_LIMIT = 1000

/**
 * Books the next contact. A retried submission stores nothing twice. The episode's next contact date moves to
 * the booked day when that is sooner, so the caseload's "due" follows the diary.
 */
export async function bookContact(
  scope: OrgScope,
  referralId: string,
  booking: NewBooking,
  actor: ChangeActor,
  options: { now?: Date } = {},
): Promise<{ bookingId: string | null; created: boolean }> {
  const now = options.now ?? new Date()
  const { referral } = await openCase(scope, referralId, actor, { now })
  if (referral.status === 'on-hold') throw new CaseworkError('CASEWORK_PAUSED')
  return scope.db.transaction(async (tx) => {
    const txScope = inTransaction(scope, tx)
    const episode = await caseRepo.lockEpisodeByReferral(txScope, referralId)
    if (!episode) throw new CaseworkError('CASEWORK_NOT_FOUND')
    const bookingId = await repo.insertBookingIfNew(txScope, {
      episodeId: episode.id,
      referralId,
      linkWorkerUserId: episode.linkWorkerUserId,
      submissionKey: `${episode.id}:${booking.submissionKey}`,
      type: booking.type,
      startsAt: booking.startsAt,
      durationMinutes: booking.durationMinutes,
      place: booking.place,
      riskCheck: booking.riskCheck,
      bookedByName: actor.name,
      createdAt: now,
      updatedAt: now,
    })
    if (!bookingId) return { bookingId: null, created: false }
    const day = londonWallClock(booking.startsAt).date
    const today = londonToday(now)
    if (!episode.nextContactOn || episode.nextContactOn < today || day < episode.nextContactOn)
      await caseRepo.updateEpisode(txScope, episode.id, { nextContactOn: day, updatedAt: now })
    await appendAuditEvent(tx, actor.audit, {
      action: 'contact-book',
      recordType: 'episode',
      recordId: episode.id,
      details: { bookingId, type: booking.type, riskCheck: booking.riskCheck !== null },
    })
    return { bookingId, created: true }
  })
}

/** Cancels a booked contact; cancelling one already cancelled (a retry) changes nothing. */
export async function cancelBooking(
  scope: OrgScope,
  referralId: string,
  bookingId: string,
  actor: ChangeActor,
  options: { now?: Date } = {},
): Promise<{ cancelled: boolean }> {
  const now = options.now ?? new Date()
  const { episode } = await openCase(scope, referralId, actor, { now })
  const booking = await repo.findBooking(scope, referralId, bookingId)
  if (!booking) throw new CaseworkError('CASEWORK_NOT_FOUND')
  return scope.db.transaction(async (tx) => {
    const cancelled = await repo.closeBooking(inTransaction(scope, tx), bookingId, 'cancelled', now)
    if (cancelled)
      await appendAuditEvent(tx, actor.audit, {
        action: 'contact-booking-cancel',
        recordType: 'episode',
        recordId: episode.id,
        details: { bookingId },
      })
    return { cancelled }
  })
}

/** A booking of this referral's case (the caller has checked the case is the link worker's, or will). */
export async function findBookingForReferral(
  scope: OrgScope,
  referralId: string,
  bookingId: string,
): Promise<Booking | undefined> {
  return repo.findBooking(scope, referralId, bookingId)
}

/** The episode's contacts booked from the start of today on. */
export async function listUpcomingBookings(scope: OrgScope, episodeId: string, now = new Date()): Promise<Booking[]> {
  return repo.listEpisodeBookings(scope, episodeId, londonInstant(londonToday(now), '00:00'), EPISODE_BOOKINGS_SHOWN)
}

/** A link worker's contacts booked for today (London), for the top of their caseload. */
export async function listTodaysBookings(scope: OrgScope, userId: string, now = new Date()): Promise<Booking[]> {
  const today = londonToday(now)
  return repo.listWorkerBookings(
    scope,
    userId,
    { from: londonInstant(today, '00:00'), to: londonInstant(addDays(today, 1), '00:00') },
    { includeCancelled: false, limit: 100 },
  )
}

// ---- The diary address ----

const hashToken = hashSecret

export async function findDiaryAddress(scope: OrgScope, userId: string) {
  return repo.findDiaryFeed(scope, userId)
}

/** Makes a new secret diary address for the user, replacing (and so stopping) any before it. */
export async function createDiaryAddress(scope: OrgScope, userId: string, actor: AuditActor, now = new Date()) {
  const token = newSecret()
  await scope.db.transaction(async (tx) => {
    const replaced = await repo.findDiaryFeed(inTransaction(scope, tx), userId)
    await repo.replaceDiaryFeed(inTransaction(scope, tx), userId, hashToken(token), now)
    await appendAuditEvent(tx, actor, {
      action: replaced ? 'diary-address-replace' : 'diary-address-create',
      recordType: 'diary',
      recordId: userId,
    })
  })
  return { token }
}

export async function turnOffDiaryAddress(scope: OrgScope, userId: string, actor: AuditActor): Promise<boolean> {
  return scope.db.transaction(async (tx) => {
    const deleted = await repo.deleteDiaryFeed(inTransaction(scope, tx), userId)
    if (deleted)
      await appendAuditEvent(tx, actor, { action: 'diary-address-delete', recordType: 'diary', recordId: userId })
    return deleted
  })
}

/**
 * The calendar text behind a diary address, or undefined for an address that was replaced, turned off, or whose
 * owner is no longer a link worker there. Only people still on the owner's caseload appear. Every read is audited
 * on the organisation's chain as the owner's.
 */
export async function readDiary(
  db: Database,
  token: string,
  request: { baseUrl: string; ipAddress: string | null; correlationId: string | null; now?: Date },
): Promise<string | undefined> {
  const now = request.now ?? new Date()
  const feed = await repo.findDiaryFeedByTokenHash(db, hashToken(token))
  if (!feed) return undefined
  const scope = createOrgScope(db, feed.organisationId, feed.areaId)
  const [bookings, caseload] = await Promise.all([
    repo.listWorkerBookings(
      scope,
      feed.userId,
      {
        from: new Date(now.getTime() - DIARY_DAYS_BEHIND * 86_400_000),
        to: new Date(now.getTime() + DIARY_DAYS_AHEAD * 86_400_000),
      },
      { includeCancelled: true, limit: DIARY_LIMIT },
    ),
    listReferralsForService(
      scope,
      { ownerUserId: feed.userId, status: CASELOAD_STATUSES },
      { limit: CASELOAD_LIMIT, offset: 0 },
    ),
  ])
  const people = new Map(caseload.rows.map((r) => [r.id, r]))
  const entries = bookings.flatMap((booking) => {
    const referral = people.get(booking.referralId)
    if (!referral) return []
    const [given = '', ...rest] = referral.personName.split(' ')
    return [{ booking, initials: initialsOf(given, rest.at(-1) ?? ''), reference: referral.reference }]
  })
  await recordAuditEvent(
    db,
    {
      userId: feed.userId,
      organisationId: feed.organisationId,
      role: 'link-worker',
      ipAddress: request.ipAddress,
      correlationId: request.correlationId,
    },
    { action: 'diary-feed-read', recordType: 'diary', recordId: feed.userId, details: { entries: entries.length } },
  )
  await db.transaction((tx) => repo.markDiaryFeedRead(inTransaction(scope, tx), feed.userId, now))
  return diaryCalendar(entries, { baseUrl: request.baseUrl, workerName: feed.displayName })
}

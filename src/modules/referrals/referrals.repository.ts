// SPDX-License-Identifier: AGPL-3.0-or-later
// Referrals as the receiving service holds them (summaries, queues, events), and the referring organisation's
// read of what it sent.
import { and, asc, desc, eq, gt, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Queryable } from '../../platform/db/database.ts'
import type { AnyScope, ReferrerScope } from '../../platform/db/org-scope.ts'
import { organisations, users } from '../identity/index.ts'
import { people } from '../people/index.ts'
import { isBusinessStatus, isReferralStatus, OPEN_STATUSES } from './referral-status.ts'
import {
  isDeclineReason,
  isNeed,
  isProfession,
  type Intensity,
  type Page,
  type PageRequest,
  type ReferralEvent,
  type ReferralClosure,
  type ReferralFilters,
  type ReferralSource,
  type ReferralSummary,
  type Urgency,
} from './referral.ts'
import type { referralDrafts } from './referrals.table.ts'
import { referralEvents, referrals } from './referrals.table.ts'
import { anyOf, inTenant } from '../../platform/db/tenant.ts'

export type ReferralRow = typeof referrals.$inferSelect
export type NewReferralRow = typeof referrals.$inferInsert
export type DraftRow = typeof referralDrafts.$inferSelect

const owner = alias(users, 'owner')
const referrerOrganisation = alias(organisations, 'referrer_organisation')
const service = alias(organisations, 'service')

const summaryColumns = {
  referral: referrals,
  organisationName: service.name,
  ownerName: owner.displayName,
  referrerOrganisationName: referrerOrganisation.name,
  givenName: people.givenName,
  familyName: people.familyName,
}

type SummaryRow = {
  referral: ReferralRow
  organisationName: string
  ownerName: string | null
  referrerOrganisationName: string | null
  givenName: string
  familyName: string
}

function summaryQuery(db: Queryable) {
  return db
    .select(summaryColumns)
    .from(referrals)
    .innerJoin(service, eq(service.id, referrals.organisationId))
    .innerJoin(people, and(eq(people.organisationId, referrals.organisationId), eq(people.id, referrals.personId)))
    .leftJoin(owner, eq(owner.id, referrals.ownerUserId))
    .leftJoin(referrerOrganisation, eq(referrerOrganisation.id, referrals.referrerOrganisationId))
}

export function toSummary(row: SummaryRow): ReferralSummary {
  const r = row.referral
  return {
    id: r.id,
    reference: r.reference,
    organisationId: r.organisationId,
    organisationName: row.organisationName,
    status: isReferralStatus(r.status) ? r.status : 'requested',
    businessStatus: isBusinessStatus(r.businessStatus) ? r.businessStatus : 'received',
    statusReason: r.statusReason,
    ownerUserId: r.ownerUserId,
    ownerName: row.ownerName,
    requester: {
      userId: r.referrerUserId,
      organisationId: r.referrerOrganisationId,
      organisationName: row.referrerOrganisationName,
      name: r.referrerName,
      profession: r.referrerProfession && isProfession(r.referrerProfession) ? r.referrerProfession : null,
    },
    personId: r.personId,
    personName: `${row.givenName} ${row.familyName}`,
    source: r.source as ReferralSource,
    intensity: r.intensity as Intensity,
    urgency: r.urgency as Urgency,
    needs: r.needs.filter(isNeed),
    duplicateSuspected: r.duplicateSuspected,
    identityToConfirm: r.identityToConfirm,
    receivedAt: r.receivedAt,
    contactTargetDate: r.contactTargetDate,
    firstContactAt: r.firstContactAt,
    lastUpdated: r.updatedAt,
  }
}

export function declineReasonOf(row: ReferralRow) {
  return row.declineReason && isDeclineReason(row.declineReason) ? row.declineReason : null
}

/** The open statuses as an SQL list, for `in (…)`. */
export const OPEN = sql.raw(OPEN_STATUSES.map((s) => `'${s}'`).join(','))

/** The WHERE clause of a filter set; `today` drives the overdue queue. */
function filterConditions(filters: ReferralFilters): SQL[] {
  const conditions: SQL[] = []
  const today = filters.today ?? new Date().toISOString().slice(0, 10)
  if (filters.status?.length) conditions.push(inArray(referrals.status, [...filters.status]))
  switch (filters.queue) {
    case 'new':
      conditions.push(eq(referrals.status, 'requested'))
      break
    case 'awaiting-contact':
      conditions.push(inArray(referrals.status, ['accepted', 'in-progress']), isNull(referrals.firstContactAt))
      break
    case 'overdue':
      conditions.push(
        sql`${referrals.status} in ('requested','accepted','in-progress')`,
        isNull(referrals.firstContactAt),
        lt(referrals.contactTargetDate, today),
      )
      break
    case 'declined':
      conditions.push(or(eq(referrals.status, 'rejected'), eq(referrals.businessStatus, 'declined-by-person'))!)
      break
    case 'open':
      conditions.push(sql`${referrals.status} in (${OPEN})`)
      break
    case 'closed':
      conditions.push(sql`${referrals.status} not in (${OPEN})`)
      break
    case 'all':
    case undefined:
      break
  }
  if (filters.ownerUserId) conditions.push(eq(referrals.ownerUserId, filters.ownerUserId))
  if (filters.requesterOrganisationId)
    conditions.push(eq(referrals.referrerOrganisationId, filters.requesterOrganisationId))
  if (filters.personId) conditions.push(eq(referrals.personId, filters.personId))
  if (filters.personIds)
    conditions.push(filters.personIds.length ? anyOf(referrals.personId, filters.personIds) : sql`false`)
  if (filters.need) conditions.push(sql`${filters.need} = any(${referrals.needs})`)
  if (filters.urgency) conditions.push(eq(referrals.urgency, filters.urgency))
  if (filters.source) conditions.push(eq(referrals.source, filters.source))
  if (filters.lastUpdatedAfter) conditions.push(gt(referrals.updatedAt, filters.lastUpdatedAfter))
  if (filters.lastUpdatedBefore) conditions.push(lte(referrals.updatedAt, filters.lastUpdatedBefore))
  return conditions
}

async function pageOf(
  db: Queryable,
  where: SQL | undefined,
  page: PageRequest,
  order: 'received-desc' | 'urgent-first',
): Promise<Page<ReferralSummary>> {
  const orderBy =
    order === 'urgent-first'
      ? [desc(sql`${referrals.urgency} = 'urgent'`), asc(referrals.receivedAt), asc(referrals.id)]
      : [desc(referrals.receivedAt), desc(referrals.id)]
  const [rows, [count]] = await Promise.all([
    summaryQuery(db)
      .where(where)
      .orderBy(...orderBy)
      .limit(page.limit)
      .offset(page.offset),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(referrals)
      .where(where),
  ])
  return { rows: rows.map(toSummary), total: count?.total ?? 0 }
}

// ---- Tenant reads and writes (the receiving service) ----

export async function listReferrals(
  scope: AnyScope,
  filters: ReferralFilters,
  page: PageRequest,
): Promise<Page<ReferralSummary>> {
  const where = inTenant(scope, referrals, ...filterConditions(filters))
  return pageOf(
    scope.db,
    where,
    page,
    filters.queue === 'new' || filters.queue === 'overdue' ? 'urgent-first' : 'received-desc',
  )
}

/** Counts for the inbox's tabs in one query. */
export async function countQueues(
  scope: AnyScope,
  today: string,
): Promise<{ new: number; awaitingContact: number; overdue: number; declined: number; open: number }> {
  const [row] = await scope.db
    .select({
      new: sql<number>`count(*) filter (where ${referrals.status} = 'requested')::int`,
      awaitingContact: sql<number>`count(*) filter (where ${referrals.status} in ('accepted','in-progress') and ${referrals.firstContactAt} is null)::int`,
      overdue: sql<number>`count(*) filter (where ${referrals.status} in ('requested','accepted','in-progress') and ${referrals.firstContactAt} is null and ${referrals.contactTargetDate} < ${today})::int`,
      declined: sql<number>`count(*) filter (where ${referrals.status} = 'rejected' or ${referrals.businessStatus} = 'declined-by-person')::int`,
      open: sql<number>`count(*) filter (where ${referrals.status} in (${OPEN}))::int`,
    })
    .from(referrals)
    .where(inTenant(scope, referrals))
  return row ?? { new: 0, awaitingContact: 0, overdue: 0, declined: 0, open: 0 }
}

export async function findReferralRow(
  scope: AnyScope,
  referralId: string,
): Promise<(SummaryRow & { summary: ReferralSummary }) | undefined> {
  const [row] = await summaryQuery(scope.db)
    .where(inTenant(scope, referrals, eq(referrals.id, referralId)))
    .limit(1)
  return row ? { ...row, summary: toSummary(row) } : undefined
}

export async function findReferralBySubmissionKey(
  scope: AnyScope,
  submissionKey: string,
): Promise<ReferralRow | undefined> {
  const [row] = await scope.db
    .select()
    .from(referrals)
    .where(inTenant(scope, referrals, eq(referrals.submissionKey, submissionKey)))
    .limit(1)
  return row
}

/** Inserts unless the submission key exists; returns undefined when another transaction got there first. */
export async function insertReferral(
  scope: AnyScope,
  values: Omit<NewReferralRow, 'organisationId'>,
): Promise<ReferralRow | undefined> {
  const [row] = await scope.db
    .insert(referrals)
    .values({ ...values, organisationId: scope.organisationId })
    .onConflictDoNothing({ target: [referrals.organisationId, referrals.submissionKey] })
    .returning()
  return row
}

/** Adds fields to the referral's closure (the message back's closing details), keeping what is there. */
export async function mergeClosure(
  scope: AnyScope,
  referralId: string,
  fields: Partial<ReferralClosure>,
): Promise<void> {
  await scope.db
    .update(referrals)
    .set({
      closure: sql`coalesce(${referrals.closure}, '{"connectedTo":"","outcomes":""}'::jsonb) || ${JSON.stringify(fields)}::jsonb`,
    })
    .where(inTenant(scope, referrals, eq(referrals.id, referralId)))
}

/** Applies a change only if nobody changed the referral since it was read (optimistic locking). */
export async function updateReferral(
  scope: AnyScope,
  referralId: string,
  expectedVersion: number,
  changes: Partial<Omit<NewReferralRow, 'organisationId' | 'id' | 'version'>>,
): Promise<ReferralRow | undefined> {
  const [row] = await scope.db
    .update(referrals)
    .set({ updatedAt: new Date(), ...changes, version: sql`${referrals.version} + 1` })
    .where(inTenant(scope, referrals, eq(referrals.id, referralId), eq(referrals.version, expectedVersion)))
    .returning()
  return row
}

export async function insertEvent(
  scope: AnyScope,
  values: Omit<typeof referralEvents.$inferInsert, 'organisationId'>,
): Promise<void> {
  await scope.db.insert(referralEvents).values({ ...values, organisationId: scope.organisationId })
}

function toEvent(row: typeof referralEvents.$inferSelect): ReferralEvent {
  return {
    id: row.id,
    occurredAt: row.occurredAt,
    actorUserId: row.actorUserId,
    actorName: row.actorName,
    fromStatus: row.fromStatus && isReferralStatus(row.fromStatus) ? row.fromStatus : null,
    toStatus: isReferralStatus(row.toStatus) ? row.toStatus : 'requested',
    businessStatus: isBusinessStatus(row.businessStatus) ? row.businessStatus : 'received',
    reasonCode: row.reasonCode,
    reasonText: row.reasonText,
    visibleToReferrer: row.visibleToReferrer,
  }
}

export async function listEvents(
  scope: AnyScope,
  referralId: string,
  onlyVisibleToReferrer = false,
): Promise<ReferralEvent[]> {
  const rows = await scope.db
    .select()
    .from(referralEvents)
    .where(
      inTenant(
        scope,
        referralEvents,
        eq(referralEvents.referralId, referralId),
        onlyVisibleToReferrer ? eq(referralEvents.visibleToReferrer, true) : undefined,
      ),
    )
    .orderBy(asc(referralEvents.occurredAt), asc(referralEvents.id))
  return rows.map(toEvent)
}

/** Of these people, those who already have an open referral with the service. */
export async function peopleWithOpenReferrals(scope: AnyScope, personIds: readonly string[]): Promise<string[]> {
  if (personIds.length === 0) return []
  const rows = await scope.db
    .selectDistinct({ personId: referrals.personId })
    .from(referrals)
    .where(inTenant(scope, referrals, anyOf(referrals.personId, personIds), sql`${referrals.status} in (${OPEN})`))
  return rows.map((row) => row.personId)
}

/** Open referrals of the service for these people (to show the supervisor what a new one may duplicate). */
export async function listOpenReferralsForPeople(
  scope: AnyScope,
  personIds: readonly string[],
  excludeReferralId: string,
): Promise<ReferralSummary[]> {
  if (personIds.length === 0) return []
  const rows = await summaryQuery(scope.db)
    .where(
      inTenant(
        scope,
        referrals,
        anyOf(referrals.personId, personIds),
        sql`${referrals.status} in (${OPEN})`,
        sql`${referrals.id} <> ${excludeReferralId}`,
      ),
    )
    .orderBy(desc(referrals.receivedAt))
    .limit(20)
  return rows.map(toSummary)
}

// ---- The referring organisation's view (cross-tenant, by design) ----

/**
 * Referrals made by an organisation, across the services that received them. This is the one read of
 * referral data outside the receiving service's tenant: a referrer must follow what happened to their
 * referral (the closed loop). It returns status and history only, never casework notes.
 */
export async function listReferralsByReferrer(
  scope: ReferrerScope,
  filters: ReferralFilters,
  page: PageRequest,
): Promise<Page<ReferralSummary>> {
  const db = scope.db
  const where = and(eq(referrals.referrerOrganisationId, scope.referrerOrganisationId), ...filterConditions(filters))
  return pageOf(db, where, page, 'received-desc')
}

export async function findReferralByReferrer(
  scope: ReferrerScope<Queryable>,
  referralId: string,
): Promise<(SummaryRow & { summary: ReferralSummary }) | undefined> {
  const [row] = await summaryQuery(scope.db)
    .where(and(eq(referrals.referrerOrganisationId, scope.referrerOrganisationId), eq(referrals.id, referralId)))
    .limit(1)
  return row ? { ...row, summary: toSummary(row) } : undefined
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import { desc, eq, sql } from 'drizzle-orm'
import type { AnyScope, TxScope } from '../../platform/db/org-scope.ts'
import type { ComplexityLevel, Contact, ContactType, Episode, Pathway, PauseReason } from './casework.ts'
import { contacts, episodes } from './casework.table.ts'
import { anyOf, inTenant } from '../../platform/db/tenant.ts'

type EpisodeRow = typeof episodes.$inferSelect
type ContactRow = typeof contacts.$inferSelect

function toEpisode(r: EpisodeRow): Episode {
  return {
    id: r.id,
    referralId: r.referralId,
    personId: r.personId,
    linkWorkerUserId: r.linkWorkerUserId,
    pathway: r.pathway as Pathway,
    complexity: r.complexity as ComplexityLevel | null,
    complexityReason: r.complexityReason,
    contactAllowance: r.contactAllowance,
    contactsUsed: r.contactsUsed,
    openedOn: r.openedOn,
    firstContactOn: r.firstContactOn,
    lastContactOn: r.lastContactOn,
    nextContactOn: r.nextContactOn,
    nextReviewOn: r.nextReviewOn,
    pausedOn: r.pausedOn,
    pauseReason: r.pauseReason as PauseReason | null,
    pauseReasonText: r.pauseReasonText,
    pausedDays: r.pausedDays,
    loneWorkingRisk: r.loneWorkingRisk,
    safeguardingRisk: r.safeguardingRisk,
    followUpOn: r.followUpOn,
    closedOn: r.closedOn,
    planAgreedOn: r.planAgreedOn,
    version: r.version,
  }
}

function toContact(r: ContactRow): Contact {
  return {
    id: r.id,
    episodeId: r.episodeId,
    type: r.type as ContactType,
    contactOn: r.contactOn,
    durationMinutes: r.durationMinutes,
    whoWasThere: r.whoWasThere,
    notes: r.notes,
    riskCheck: r.riskCheck ?? null,
    avoidedMethodReason: r.avoidedMethodReason,
    recordedByName: r.recordedByName,
    recordedAt: r.recordedAt,
  }
}

/** Inserts the episode unless the referral already has one; returns whether this call created it. */
export async function insertEpisodeIfAbsent(
  scope: TxScope,
  values: Omit<typeof episodes.$inferInsert, 'organisationId'>,
): Promise<boolean> {
  const inserted = await scope.db
    .insert(episodes)
    .values({ ...values, organisationId: scope.organisationId })
    .onConflictDoNothing({ target: [episodes.organisationId, episodes.referralId] })
    .returning({ id: episodes.id })
  return inserted.length > 0
}

export async function findEpisodeByReferral(scope: AnyScope, referralId: string): Promise<Episode | undefined> {
  const [row] = await scope.db
    .select()
    .from(episodes)
    .where(inTenant(scope, episodes, eq(episodes.referralId, referralId)))
  return row ? toEpisode(row) : undefined
}

/** Each person's most recently opened episode with this organisation, in one statement. */
export async function latestEpisodesForPeople(
  scope: AnyScope,
  personIds: readonly string[],
): Promise<{ personId: string; episodeId: string; referralId: string }[]> {
  if (personIds.length === 0) return []
  return scope.db
    .selectDistinctOn([episodes.personId], {
      personId: episodes.personId,
      episodeId: episodes.id,
      referralId: episodes.referralId,
    })
    .from(episodes)
    .where(inTenant(scope, episodes, anyOf(episodes.personId, personIds)))
    .orderBy(episodes.personId, desc(episodes.openedOn), desc(episodes.id))
}

/** Locks the episode row for the rest of the transaction, so concurrent contacts count correctly. */
export async function lockEpisodeByReferral(scope: TxScope, referralId: string): Promise<Episode | undefined> {
  const [row] = await scope.db
    .select()
    .from(episodes)
    .where(inTenant(scope, episodes, eq(episodes.referralId, referralId)))
    .for('update')
  return row ? toEpisode(row) : undefined
}

/** Episodes for many referrals in one query (the caseload). */
export async function listEpisodesForReferrals(scope: AnyScope, referralIds: readonly string[]): Promise<Episode[]> {
  if (referralIds.length === 0) return []
  const rows = await scope.db
    .select()
    .from(episodes)
    .where(inTenant(scope, episodes, anyOf(episodes.referralId, referralIds)))
  return rows.map(toEpisode)
}

/** The ids of every episode of these person records (a subject access export gathers by them). */
export async function listEpisodeIdsForPeople(scope: AnyScope, personIds: readonly string[]): Promise<string[]> {
  if (personIds.length === 0) return []
  const rows = await scope.db
    .select({ id: episodes.id })
    .from(episodes)
    .where(inTenant(scope, episodes, anyOf(episodes.personId, personIds)))
  return rows.map((r) => r.id)
}

export async function updateEpisode(
  scope: TxScope,
  episodeId: string,
  values: Partial<Omit<typeof episodes.$inferInsert, 'organisationId' | 'id' | 'version'>>,
  expectedVersion?: number,
): Promise<boolean> {
  const updated = await scope.db
    .update(episodes)
    .set({ ...values, version: sql`${episodes.version} + 1` })
    .where(
      inTenant(
        scope,
        episodes,
        eq(episodes.id, episodeId),
        expectedVersion === undefined ? undefined : eq(episodes.version, expectedVersion),
      ),
    )
    .returning({ id: episodes.id })
  return updated.length > 0
}

/** Inserts a contact unless its submission key was used before; returns the new id, or undefined for a retry. */
export async function insertContactIfNew(
  scope: TxScope,
  values: Omit<typeof contacts.$inferInsert, 'organisationId'>,
): Promise<string | undefined> {
  const [row] = await scope.db
    .insert(contacts)
    .values({ ...values, organisationId: scope.organisationId })
    .onConflictDoNothing({ target: [contacts.organisationId, contacts.submissionKey] })
    .returning({ id: contacts.id })
  return row?.id
}

export async function findContactBySubmissionKey(scope: AnyScope, submissionKey: string): Promise<Contact | undefined> {
  const [row] = await scope.db
    .select()
    .from(contacts)
    .where(inTenant(scope, contacts, eq(contacts.submissionKey, submissionKey)))
  return row ? toContact(row) : undefined
}

export async function listContacts(scope: AnyScope, episodeId: string, limit = 200): Promise<Contact[]> {
  const rows = await scope.db
    .select()
    .from(contacts)
    .where(inTenant(scope, contacts, eq(contacts.episodeId, episodeId)))
    .orderBy(desc(contacts.contactOn), desc(contacts.recordedAt))
    .limit(limit)
  return rows.map(toContact)
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import { asc, eq, max } from 'drizzle-orm'
import type { AnyScope, TxScope } from '../../platform/db/org-scope.ts'
import { anyOf, inTenant, withTenant } from '../../platform/db/tenant.ts'
import type { ContentPack } from './catalogue.ts'
import type { CollectedBy, Measure, OutcomeSettings, Timepoint } from './outcome.ts'
import { contentPacks, measures, settings } from './outcomes.table.ts'

export type MeasureRow = typeof measures.$inferSelect
export type MeasureInsert = Omit<typeof measures.$inferInsert, 'organisationId'>

export function toMeasure(r: MeasureRow): Measure {
  return {
    id: r.id,
    episodeId: r.episodeId,
    personId: r.personId,
    instrumentKey: r.instrumentKey,
    instrumentVersion: r.instrumentVersion,
    timepoint: r.timepoint as Timepoint,
    completedOn: r.completedOn,
    collectedBy: r.collectedBy as CollectedBy,
    answers: r.answers,
    scores: r.scores,
    texts: r.texts,
    recordedByName: r.recordedByName,
    createdAt: r.createdAt,
  }
}

/** Inserts a measure once per submission key: a retried form returns undefined and the first one stands. */
export async function insertMeasure(scope: TxScope, values: MeasureInsert): Promise<Measure | undefined> {
  const [row] = await scope.db
    .insert(measures)
    .values(withTenant(scope, values))
    .onConflictDoNothing({ target: [measures.organisationId, measures.episodeId, measures.submissionKey] })
    .returning()
  return row && toMeasure(row)
}

export async function findBySubmissionKey(
  scope: AnyScope,
  episodeId: string,
  submissionKey: string,
): Promise<Measure | undefined> {
  const [row] = await scope.db
    .select()
    .from(measures)
    .where(inTenant(scope, measures, eq(measures.episodeId, episodeId), eq(measures.submissionKey, submissionKey)))
  return row && toMeasure(row)
}

/** The episode's measures, oldest first (a handful: a few instruments at three or four timepoints). */
export async function listForEpisode(scope: AnyScope, episodeId: string): Promise<Measure[]> {
  const rows = await scope.db
    .select()
    .from(measures)
    .where(inTenant(scope, measures, eq(measures.episodeId, episodeId)))
    .orderBy(asc(measures.completedOn), asc(measures.createdAt))
  return rows.map(toMeasure)
}

/** A person's measures across their episodes and merged records here, oldest first (a few a quarter). */
export async function listForPeople(scope: AnyScope, personIds: readonly string[]): Promise<Measure[]> {
  if (personIds.length === 0) return []
  const rows = await scope.db
    .select()
    .from(measures)
    .where(inTenant(scope, measures, anyOf(measures.personId, personIds)))
    .orderBy(asc(measures.completedOn), asc(measures.createdAt))
    .limit(500)
  return rows.map(toMeasure)
}

/**
 * For a caseload: each episode's latest measure date at each timepoint, with the service's follow-up interval
 * (null when it has not set one), in one statement whatever the caseload's size.
 */
export async function latestByTimepoint(
  scope: AnyScope,
  episodeIds: readonly string[],
): Promise<{ episodeId: string; timepoint: Timepoint; completedOn: string; followUpWeeks: number | null }[]> {
  if (episodeIds.length === 0) return []
  const rows = await scope.db
    .select({
      episodeId: measures.episodeId,
      timepoint: measures.timepoint,
      completedOn: max(measures.completedOn),
      followUpWeeks: settings.followUpWeeks,
    })
    .from(measures)
    .leftJoin(settings, eq(settings.organisationId, measures.organisationId))
    .where(inTenant(scope, measures, anyOf(measures.episodeId, episodeIds)))
    .groupBy(measures.episodeId, measures.timepoint, settings.followUpWeeks)
  return rows.map((r) => ({
    episodeId: r.episodeId,
    timepoint: r.timepoint as Timepoint,
    completedOn: r.completedOn!,
    followUpWeeks: r.followUpWeeks,
  }))
}

export async function findSettings(scope: AnyScope): Promise<OutcomeSettings | undefined> {
  const [row] = await scope.db.select().from(settings).where(inTenant(scope, settings))
  return row
}

export async function saveSettings(
  scope: TxScope,
  values: OutcomeSettings & { updatedByName: string; updatedAt: Date },
): Promise<void> {
  const row = withTenant(scope, {
    ...values,
    baselineInstruments: [...values.baselineInstruments],
    followUpInstruments: [...values.followUpInstruments],
  })
  await scope.db
    .insert(settings)
    .values(row)
    .onConflictDoUpdate({ target: [settings.organisationId], set: row })
}

export async function listContentPacks(scope: AnyScope): Promise<ContentPack[]> {
  const rows = await scope.db
    .select({ content: contentPacks.content })
    .from(contentPacks)
    .where(inTenant(scope, contentPacks))
  return rows.map((r) => r.content as ContentPack)
}

export async function saveContentPack(
  scope: TxScope,
  pack: ContentPack,
  importedByName: string,
  importedAt: Date,
): Promise<void> {
  const row = withTenant(scope, {
    instrumentKey: pack.instrument,
    instrumentVersion: pack.version,
    content: pack,
    importedByName,
    importedAt,
  })
  await scope.db
    .insert(contentPacks)
    .values(row)
    .onConflictDoUpdate({
      target: [contentPacks.organisationId, contentPacks.instrumentKey, contentPacks.instrumentVersion],
      set: row,
    })
}

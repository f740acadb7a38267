// SPDX-License-Identifier: AGPL-3.0-or-later
// Paired scores for reports: each episode's first baseline and its latest follow-up (or closing measure) completed
// in the period, on the same instrument version. Only the scores leave this file: no episode, person or date.
// People who said no to their scores being used to evaluate the service are left out (their newest decision).
import { and, asc, desc, eq, gte, lte, ne, sql } from 'drizzle-orm'
import type { ReportScope } from '../../platform/db/org-scope.ts'
import { consentNotRefused } from '../people/index.ts'
import { inTenants } from '../../platform/db/tenant.ts'
import type { ScorePair } from './outcome-change.ts'
import { measures } from './outcomes.table.ts'

export async function listScorePairs(scope: ReportScope, period: { from: string; to: string }): Promise<ScorePair[]> {
  const key = [measures.organisationId, measures.episodeId, measures.instrumentKey]
  const followUp = scope.db
    .selectDistinctOn(key, {
      organisationId: measures.organisationId,
      episodeId: measures.episodeId,
      instrumentKey: measures.instrumentKey,
      instrumentVersion: measures.instrumentVersion,
      scores: measures.scores,
    })
    .from(measures)
    .where(
      inTenants(
        scope,
        measures,
        ne(measures.timepoint, 'baseline'),
        gte(measures.completedOn, period.from),
        lte(measures.completedOn, period.to),
        consentNotRefused('evaluation', measures.organisationId, measures.personId),
      ),
    )
    .orderBy(...key, desc(measures.completedOn), desc(measures.createdAt))
    .as('follow_up')
  // Each follow-up's episode's first baseline, found through the episode index (one row per follow-up), not by
  // ordering every baseline the area has ever recorded: at an ICB's five years that took 750 ms a report.
  const baseline = scope.db
    .select({
      instrumentVersion: sql<number>`${measures.instrumentVersion}`.as('b_instrument_version'),
      scores: sql<Record<string, number | null>>`${measures.scores}`.as('b_scores'),
    })
    .from(measures)
    .where(
      and(
        eq(measures.organisationId, followUp.organisationId),
        eq(measures.episodeId, followUp.episodeId),
        eq(measures.instrumentKey, followUp.instrumentKey),
        eq(measures.timepoint, 'baseline'),
        lte(measures.completedOn, period.to),
      ),
    )
    .orderBy(asc(measures.completedOn), asc(measures.createdAt))
    .limit(1)
    .as('baseline')
  const rows = await scope.db
    .select({
      instrumentKey: followUp.instrumentKey,
      instrumentVersion: followUp.instrumentVersion,
      baseline: baseline.scores,
      followUp: followUp.scores,
    })
    .from(followUp)
    .innerJoinLateral(baseline, eq(baseline.instrumentVersion, followUp.instrumentVersion))
  return rows
}

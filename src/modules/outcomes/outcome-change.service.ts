// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ReportScope } from '../../platform/db/org-scope.ts'
import { summariseScoreChange, type ScoreChangeSummary } from './outcome-change.ts'
import { listScorePairs } from './outcome-change.repository.ts'
import { summariseServiceUseChange, type ServiceUseChangeSummary } from './service-use-change.ts'
import { listServiceUsePairs } from './service-use.repository.ts'

/**
 * How scores changed across the report's services: per instrument and score, people with a baseline and a
 * follow-up completed in the period, their mean change with its 95% confidence interval, and how many improved
 * meaningfully. Statistics only; the pairs stay inside this module.
 */
export async function summariseOutcomeChange(
  scope: ReportScope,
  period: { from: string; to: string },
): Promise<ScoreChangeSummary[]> {
  return summariseScoreChange(await listScorePairs(scope, period))
}

/**
 * How health service use changed across the report's services: per count, people with both a "before" and an
 * "after" figure whose "after" was recorded in the period, per six months, with the mean change's 95% interval.
 */
export async function summariseServiceUse(
  scope: ReportScope,
  period: { from: string; to: string },
): Promise<ServiceUseChangeSummary[]> {
  return summariseServiceUseChange(await listServiceUsePairs(scope, period))
}

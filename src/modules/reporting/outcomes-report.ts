// SPDX-License-Identifier: AGPL-3.0-or-later
// The outcomes table: change in each score from baseline to follow-up, for people with both. Pure.
import type { ScoreChangeSummary, ServiceUseChangeSummary } from '../outcomes/index.ts'
import type { ReportTable } from './activity-report.ts'
import { isSmall, showCount, showShare, type SuppressionRule } from './suppression.ts'

const signed = (value: number) => `${value > 0 ? '+' : value < 0 ? '−' : ''}${Math.abs(value).toFixed(2)}`

export function buildOutcomesTable(summaries: readonly ScoreChangeSummary[], rule: SuppressionRule): ReportTable {
  return {
    id: 'outcomes',
    caption: 'Change in scores from baseline to follow-up',
    columns: [
      'Measure',
      'People with both',
      'Mean at baseline',
      'Mean at follow-up',
      'Mean change',
      '95% confidence interval',
      'Meaningful improvement',
    ],
    rows: summaries.map((s) => {
      const label = `${s.instrumentName}: ${s.scoreLabel} (${s.higherIsBetter ? 'higher' : 'lower'} is better)`
      if (isSmall(s.n, rule)) return { label, cells: ['*', '*', '*', '*', '*', '*'] }
      const improved =
        s.improved === null
          ? 'No rule for this score'
          : `${showCount(s.improved, rule)} (${showShare(s.improved, s.n, rule) ?? '0%'})`
      return {
        label,
        cells: [
          showCount(s.n, rule),
          s.meanBaseline.toFixed(1),
          s.meanFollowUp.toFixed(1),
          signed(s.meanChange),
          s.interval ? `${signed(s.interval[0])} to ${signed(s.interval[1])}` : 'Needs two or more people',
          improved,
        ],
      }
    }),
    note: 'Only people with a baseline and a follow-up (or closing) questionnaire completed in the period are counted, each once, on the same version of the questionnaire. The true mean change lies in the confidence interval with 95% confidence (Student’s t); an interval that does not include zero is unlikely to be chance. Meaningful improvement follows each questionnaire’s published rule (for ONS4, moving to a better band).',
  }
}

/** Health service use before and after: per count, people with both figures, per person per six months. */
export function buildServiceUseTable(
  summaries: readonly ServiceUseChangeSummary[],
  rule: SuppressionRule,
): ReportTable {
  return {
    id: 'service-use',
    caption: 'Health service use before and after support (per person, per 6 months)',
    columns: [
      'Service used',
      'People with both',
      'Mean before',
      'Mean after',
      'Mean change',
      '95% confidence interval',
      'Change over everyone counted',
    ],
    rows: summaries.map((s) => {
      if (isSmall(s.n, rule)) return { label: s.label, cells: ['*', '*', '*', '*', '*', '*'] }
      const percent = s.totalBefore > 0 ? Math.round(((s.totalAfter - s.totalBefore) / s.totalBefore) * 100) : null
      const overall =
        percent === null ? 'None before' : `${percent > 0 ? '+' : percent < 0 ? '−' : ''}${Math.abs(percent)}%`
      return {
        label: s.label,
        cells: [
          showCount(s.n, rule),
          s.meanBefore.toFixed(2),
          s.meanAfter.toFixed(2),
          signed(s.meanChange),
          s.interval ? `${signed(s.interval[0])} to ${signed(s.interval[1])}` : 'Needs two or more people',
          overall,
        ],
      }
    }),
    note: 'GP appointments, A&E attendances, 999 calls and hospital admissions in the months before the referral and after support, as entered by link workers or imported from practice extracts, each scaled to six months. Only people with both figures for a count are counted, once, where the "after" figure was recorded in the period. Without a comparison group this shows change, not what caused it: people are often referred at a difficult time, and use tends to fall back afterwards whatever happens (regression to the mean).',
  }
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// Change in scores across a service, for reports (issue #14): paired baseline and follow-up only (a person with a
// baseline and no follow-up, or the reverse, is not counted), per instrument and score. Pure: the repository
// gives the pairs, without any identifier; this returns statistics, never a pair.
import { findInstrument } from './catalogue.ts'
import { changeBetween } from './instrument.ts'

/** One person's baseline and latest follow-up scores on the same instrument version, with nothing else. */
export interface ScorePair {
  readonly instrumentKey: string
  readonly instrumentVersion: number
  readonly baseline: Readonly<Record<string, number | null>>
  readonly followUp: Readonly<Record<string, number | null>>
}

export interface ScoreChangeSummary {
  readonly instrumentKey: string
  readonly instrumentName: string
  readonly scoreLabel: string
  readonly higherIsBetter: boolean
  /** People with both scores. */
  readonly n: number
  readonly meanBaseline: number
  readonly meanFollowUp: number
  /** Follow-up minus baseline (so its sign follows the score, not "better"). */
  readonly meanChange: number
  /** 95% confidence interval of the mean change (Student's t); null for fewer than two people. */
  readonly interval: readonly [number, number] | null
  /** People whose change meets the score's meaningful-improvement rule; null when the score has no rule. */
  readonly improved: number | null
}

/** Student's t at 97.5% (two-sided 95%) for 1 to 30 degrees of freedom, then 40, 60, 120 and beyond. */
const T_975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11,
  2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
]
const T_975_LARGE: readonly [number, number][] = [
  [40, 2.021],
  [60, 2.0],
  [120, 1.98],
]

/** t(0.975, df), interpolated between the tabled values (accurate to the third decimal place). */
export function tCritical(df: number): number {
  if (df < 1) throw new RangeError('at least one degree of freedom')
  if (df <= 30) return T_975[df - 1]!
  let [lowDf, lowT] = [30, T_975[29]!]
  for (const [highDf, highT] of T_975_LARGE) {
    if (df <= highDf) return lowT + ((highT - lowT) * (df - lowDf)) / (highDf - lowDf)
    ;[lowDf, lowT] = [highDf, highT]
  }
  return 1.96 + (lowT - 1.96) * (lowDf / df)
}

export function summariseScoreChange(pairs: readonly ScorePair[]): ScoreChangeSummary[] {
  const groups = new Map<string, { pair: ScorePair; scoreKey: string; from: number; to: number }[]>()
  for (const pair of pairs) {
    const instrument = findInstrument(pair.instrumentKey, pair.instrumentVersion)
    if (!instrument) continue
    for (const score of instrument.scores) {
      const from = pair.baseline[score.key]
      const to = pair.followUp[score.key]
      if (typeof from !== 'number' || typeof to !== 'number') continue
      const key = `${pair.instrumentKey}|${pair.instrumentVersion}|${score.key}`
      groups.set(key, [...(groups.get(key) ?? []), { pair, scoreKey: score.key, from, to }])
    }
  }
  const summaries: ScoreChangeSummary[] = []
  for (const rows of groups.values()) {
    const { pair, scoreKey } = rows[0]!
    const instrument = findInstrument(pair.instrumentKey, pair.instrumentVersion)!
    const score = instrument.scores.find((s) => s.key === scoreKey)!
    const n = rows.length
    const { mean: meanChange, interval } = meanWithInterval(rows.map((r) => r.to - r.from))
    summaries.push({
      instrumentKey: instrument.key,
      instrumentName: instrument.name,
      scoreLabel: score.label,
      higherIsBetter: score.higherIsBetter,
      n,
      meanBaseline: mean(rows.map((r) => r.from)),
      meanFollowUp: mean(rows.map((r) => r.to)),
      meanChange,
      interval,
      improved: score.meaningfulChange
        ? rows.filter((r) => changeBetween(score, r.from, r.to) === 'meaningful-improvement').length
        : null,
    })
  }
  return summaries.sort(
    (a, b) => a.instrumentName.localeCompare(b.instrumentName) || a.scoreLabel.localeCompare(b.scoreLabel),
  )
}

/** The mean of paired changes and its 95% confidence interval (Student's t); no interval for fewer than two. */
export function meanWithInterval(changes: readonly number[]): {
  mean: number
  interval: readonly [number, number] | null
} {
  const n = changes.length
  const average = mean(changes)
  if (n < 2) return { mean: average, interval: null }
  const sd = Math.sqrt(changes.reduce((s, c) => s + (c - average) ** 2, 0) / (n - 1))
  const half = (tCritical(n - 1) * sd) / Math.sqrt(n)
  return { mean: average, interval: [average - half, average + half] }
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length
}

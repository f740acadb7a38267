// SPDX-License-Identifier: AGPL-3.0-or-later
// Health service use before and after support, for reports (issue #14): people with both a "before" and an
// "after" figure for a count only, each side scaled to six months so spans of different lengths compare. Pure: the
// repository gives the pairs, without any identifier; this returns statistics, never a pair.
import { meanWithInterval } from './outcome-change.ts'
import { COUNT_LABELS, COUNTS, DEFAULT_MONTHS, type Count, type Counts } from './service-use.ts'

/** One person's counts before and after, each with the months it covers, and nothing else. */
export interface ServiceUsePair {
  readonly before: Readonly<Counts> & { readonly months: number }
  readonly after: Readonly<Counts> & { readonly months: number }
}

export interface ServiceUseChangeSummary {
  readonly count: Count
  readonly label: string
  /** People with both figures for this count. */
  readonly n: number
  /** Totals over everyone, per six months. */
  readonly totalBefore: number
  readonly totalAfter: number
  /** Per person per six months. */
  readonly meanBefore: number
  readonly meanAfter: number
  /** After minus before (negative: fewer). */
  readonly meanChange: number
  /** 95% confidence interval of the mean change (Student's t); null for fewer than two people. */
  readonly interval: readonly [number, number] | null
}

const perSixMonths = (value: number, months: number) => (value * DEFAULT_MONTHS) / months

export function summariseServiceUseChange(pairs: readonly ServiceUsePair[]): ServiceUseChangeSummary[] {
  return COUNTS.flatMap((count) => {
    const rows = pairs.flatMap((pair) => {
      const from = pair.before[count]
      const to = pair.after[count]
      return from === null || to === null
        ? []
        : [{ from: perSixMonths(from, pair.before.months), to: perSixMonths(to, pair.after.months) }]
    })
    if (rows.length === 0) return []
    const change = meanWithInterval(rows.map((r) => r.to - r.from))
    const totalBefore = rows.reduce((sum, r) => sum + r.from, 0)
    const totalAfter = rows.reduce((sum, r) => sum + r.to, 0)
    return [
      {
        count,
        label: COUNT_LABELS[count],
        n: rows.length,
        totalBefore,
        totalAfter,
        meanBefore: totalBefore / rows.length,
        meanAfter: totalAfter / rows.length,
        meanChange: change.mean,
        interval: change.interval,
      },
    ]
  })
}

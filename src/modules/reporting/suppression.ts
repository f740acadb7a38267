// SPDX-License-Identifier: AGPL-3.0-or-later
// Small-number suppression for figures shown to people who must never learn about one person (commissioners).
// The default follows NHS Digital's rule for hospital episode statistics: a count of 1 to 7 is shown as "*",
// every other count is rounded to the nearest 5 (0 stays 0). Secondary suppression then hides one more cell
// wherever a total shown beside its parts would otherwise give a hidden cell away by subtraction.

export interface SuppressionRule {
  /** Counts from 1 to `below - 1` are hidden. */
  readonly below: number
  /** Other counts are rounded to the nearest multiple of this (1: shown exactly). */
  readonly roundTo: number
}

/** NHS Digital's HES rule: 1–7 hidden, others to the nearest 5. */
export const HES_RULE: SuppressionRule = { below: 8, roundTo: 5 }
/** Exact figures, for a service's own staff who may already see every person behind them. */
export const NO_SUPPRESSION: SuppressionRule = { below: 1, roundTo: 1 }

/** A count as shown: a number, or hidden. */
export type ShownCount = number | '*'

/** Whether `count` is hidden by the rule itself (primary suppression). */
export function isSmall(count: number, rule: SuppressionRule): boolean {
  return count > 0 && count < rule.below
}

/** A count that is not hidden, rounded as the rule says (half away from zero, so 2.5 × 5 = 12.5 → 15). */
export function roundCount(count: number, rule: SuppressionRule): number {
  if (rule.roundTo <= 1) return count
  return Math.floor(count / rule.roundTo + 0.5) * rule.roundTo
}

/** One count on its own (no total beside it to protect). */
export function showCount(count: number, rule: SuppressionRule): ShownCount {
  return isSmall(count, rule) ? '*' : roundCount(count, rule)
}

/** A table of counts with a total for each row, each column and the whole. */
export interface SuppressedTable {
  readonly cells: ShownCount[][]
  readonly rowTotals: ShownCount[]
  readonly columnTotals: ShownCount[]
  readonly total: ShownCount
}

type Ref = readonly [row: number, column: number]

/**
 * Suppresses a table whose rows add up to their row totals and whose columns add up to their column totals.
 * `counts[r][c]` are the cells. Row totals are column `columns`, column totals row `rows`, the grand total the
 * corner. Every line (a row with its total, a column with its total, the row totals with the grand total, the
 * column totals with the grand total) is a group: when its total is shown and exactly one of its parts is
 * hidden, the smallest other part is hidden too (the smallest non-zero one where there is one, since a zero
 * hidden as "*" protects as well but misleads more). Repeated until nothing changes.
 */
export function suppressTable(counts: readonly (readonly number[])[], rule: SuppressionRule): SuppressedTable {
  const rows = counts.length
  const columns = counts[0]?.length ?? 0
  // The full grid: cells, row totals in the last column, column totals in the last row, the grand total.
  const grid: number[][] = counts.map((row) => [...row, row.reduce((a, b) => a + b, 0)])
  const totalsRow = Array.from({ length: columns + 1 }, (_, c) => grid.reduce((sum, row) => sum + row[c]!, 0))
  grid.push(totalsRow)
  const hidden = grid.map((row) => row.map((count) => isSmall(count, rule)))

  const groups: { parts: Ref[]; total: Ref }[] = []
  for (let r = 0; r <= rows; r++) {
    groups.push({ parts: range(columns).map((c) => [r, c] as const), total: [r, columns] })
  }
  for (let c = 0; c <= columns; c++) {
    groups.push({ parts: range(rows).map((r) => [r, c] as const), total: [rows, c] })
  }

  let changed = rule.below > 1
  while (changed) {
    changed = false
    for (const { parts, total } of groups) {
      if (hidden[total[0]]![total[1]] || parts.length < 2) continue
      const hiddenParts = parts.filter(([r, c]) => hidden[r]![c])
      if (hiddenParts.length !== 1) continue
      const candidates = parts
        .filter(([r, c]) => !hidden[r]![c])
        .sort(([ra, ca], [rb, cb]) => rank(grid[ra]![ca]!) - rank(grid[rb]![cb]!))
      const next = candidates[0]
      if (next) hidden[next[0]]![next[1]] = true
      else hidden[total[0]]![total[1]] = true
      changed = true
    }
  }

  const show = (r: number, c: number): ShownCount => (hidden[r]![c] ? '*' : roundCount(grid[r]![c]!, rule))
  return {
    cells: range(rows).map((r) => range(columns).map((c) => show(r, c))),
    rowTotals: range(rows).map((r) => show(r, columns)),
    columnTotals: range(columns).map((c) => show(rows, c)),
    total: show(rows, columns),
  }
}

/** A list of counts that add up to a total (a one-column table). */
export function suppressList(
  counts: readonly number[],
  rule: SuppressionRule,
): { cells: ShownCount[]; total: ShownCount } {
  const table = suppressTable(
    counts.map((count) => [count]),
    rule,
  )
  return { cells: table.cells.map((row) => row[0]!), total: table.total }
}

/**
 * A share as a whole percentage, or hidden when either count is: a percentage of a small number would give it
 * away. Null when there is nothing to divide by.
 */
export function showShare(part: number, whole: number, rule: SuppressionRule): string | null {
  if (whole === 0) return null
  if (isSmall(part, rule) || isSmall(whole, rule) || isSmall(whole - part, rule)) return '*'
  return `${Math.round((part / whole) * 100)}%`
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i)
}

/** Zeros last, then smallest first: hiding a zero tells a reader nothing new, but reads as 1 to 7. */
function rank(count: number): number {
  return count === 0 ? Number.MAX_SAFE_INTEGER : count
}

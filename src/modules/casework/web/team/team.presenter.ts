// SPDX-License-Identifier: AGPL-3.0-or-later
import type { TeamRow } from '../../team.ts'

/** At or above this share of capacity a worker is shown as near capacity. */
export const NEAR_CAPACITY_PERCENT = 90

export function capacityTag(percent: number): { text: string; classes: string } | null {
  if (percent >= 100) return { text: 'Over capacity', classes: 'nhsuk-tag--red' }
  if (percent >= NEAR_CAPACITY_PERCENT) return { text: 'Near capacity', classes: 'nhsuk-tag--orange' }
  return null
}

/** One team row as the page shows it. */
export function presentTeamRow(row: TeamRow) {
  return {
    ...row,
    href: `/team/${row.userId}`,
    capacityTag: capacityTag(row.capacityPercent),
    complexityText: `L1 ${row.complexity[1]}, L2 ${row.complexity[2]}, L3 ${row.complexity[3]}, not assessed ${row.complexity.none}`,
    overdueTotal: row.overdueReviews + row.overdueFirstContacts,
    // "none" is a keyword in Nunjucks, so the template cannot read complexity.none.
    notAssessed: row.complexity.none,
  }
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import type { BreakGlassWindow, CoverRow } from '../../person-access.ts'
import { LONDON_TIME } from '../person/break-glass/break-glass.presenter.ts'

export function presentCover(rows: CoverRow[]) {
  return rows.map((row) => ({
    id: row.id,
    away: row.coveredName,
    coveredBy: row.coveringName,
    endsOn: row.endsOn,
    setBy: row.setByName,
    endAction: `/team/cover/${row.id}/end`,
  }))
}

/** Each window: who, when, why, and the records opened, each linked for the supervisor to follow up. */
export function presentBreakGlassWindows(rows: BreakGlassWindow[], now = new Date()) {
  return rows.map((w) => {
    const closedAt = w.endedAt && w.endedAt < w.expiresAt ? w.endedAt : w.expiresAt
    return {
      id: w.id,
      who: w.userName,
      startedAt: w.startedAt,
      until: LONDON_TIME.format(closedAt),
      state: closedAt > now ? 'Open now' : w.endedAt && w.endedAt < w.expiresAt ? 'Ended early' : 'Lapsed',
      reason: w.reason,
      reads: w.reads.map((r) => ({
        name: r.name,
        href: `/people/${r.personId}`,
        at: LONDON_TIME.format(r.firstReadAt),
      })),
    }
  })
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import type { BreakGlassWindow } from '../../../person-access.ts'

const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' })

/** What the banner on a page read under break-glass says: until when, and why. */
export function breakGlassBanner(window: Pick<BreakGlassWindow, 'expiresAt' | 'reason'> | null) {
  if (!window) return null
  return { until: TIME.format(window.expiresAt), reason: window.reason }
}

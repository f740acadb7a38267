// SPDX-License-Identifier: AGPL-3.0-or-later
import type { BreakGlassWindow } from '../../../person-access.ts'

/** A time of day as people in the service read it (24-hour, UK time). */
export const LONDON_TIME = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
})

/** What the banner on a page read under break-glass says: until when, and why. */
export function breakGlassBanner(window: Pick<BreakGlassWindow, 'expiresAt' | 'reason'> | null) {
  if (!window) return null
  return { until: LONDON_TIME.format(window.expiresAt), reason: window.reason }
}

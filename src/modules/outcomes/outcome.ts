// SPDX-License-Identifier: AGPL-3.0-or-later
// What the outcomes module records and the rules of when a measure is due.
import type { Answers, Scores, Texts } from './instrument.ts'

export const TIMEPOINTS = ['baseline', 'follow-up', 'close'] as const
export type Timepoint = (typeof TIMEPOINTS)[number]
export const TIMEPOINT_LABELS: Record<Timepoint, string> = {
  baseline: 'Baseline (at the start)',
  'follow-up': 'Follow-up',
  close: 'At the end of support',
}

export type CollectedBy = 'link-worker' | 'person'

export interface Measure {
  id: string
  episodeId: string
  personId: string
  instrumentKey: string
  instrumentVersion: number
  timepoint: Timepoint
  completedOn: string
  collectedBy: CollectedBy
  answers: Answers
  scores: Scores
  /** The person's own words (MYCaW's concerns), beside the answers they are scored with. */
  texts: Texts
  recordedByName: string
  createdAt: Date
}

export interface NewMeasure {
  instrumentKey: string
  timepoint: Timepoint
  completedOn: string
  answers: Record<string, number | null>
  texts?: Record<string, string>
  submissionKey: string
}

export interface OutcomeSettings {
  baselineInstruments: readonly string[]
  followUpInstruments: readonly string[]
  followUpWeeks: number
}

/** A measure is overdue this many days after it fell due. */
export const OVERDUE_AFTER_DAYS = 14

export interface MeasuresDue {
  timepoint: 'baseline' | 'follow-up'
  dueOn: string
  overdue: boolean
}

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/**
 * What is due for one episode: the baseline from the first contact until one is recorded, then a follow-up every
 * `followUpWeeks` after the latest measure. Nothing is due before the first contact, or once nothing is due yet.
 */
export function measuresDue(
  firstContactOn: string | null,
  recorded: readonly { timepoint: Timepoint; completedOn: string }[],
  settings: OutcomeSettings,
  today: string,
): MeasuresDue | null {
  if (!firstContactOn) return null
  const baseline = recorded.some((m) => m.timepoint === 'baseline')
  let dueOn: string
  if (!baseline) dueOn = firstContactOn
  else {
    const latest = recorded.reduce((a, m) => (m.completedOn > a ? m.completedOn : a), '')
    dueOn = addDays(latest, settings.followUpWeeks * 7)
  }
  if (dueOn > today) return null
  return { timepoint: baseline ? 'follow-up' : 'baseline', dueOn, overdue: addDays(dueOn, OVERDUE_AFTER_DAYS) < today }
}

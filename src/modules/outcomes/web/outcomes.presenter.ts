// SPDX-License-Identifier: AGPL-3.0-or-later
// Turns an episode's measures into what the outcomes and episode pages show: for each instrument and score, the
// values over time with their bands, the change from the first to the latest, and a chart of them.
import { formatScore, scoreChartSvg } from '../chart.ts'
import {
  bandOf,
  CHANGE_LABELS,
  changeBetween,
  type Change,
  type Instrument,
  type ScoreDefinition,
} from '../instrument.ts'
import type { Invitation } from '../invitations.service.ts'
import { COUNT_LABELS, COUNTS, type ServiceUse } from '../service-use.ts'
import { TIMEPOINT_LABELS, type Measure, type MeasuresDue } from '../outcome.ts'

const CHANGE_TAGS: Record<Change, string> = {
  'meaningful-improvement': 'nhsuk-tag--green',
  'possible-improvement': 'nhsuk-tag--aqua-green',
  'no-change': 'nhsuk-tag--grey',
  worse: 'nhsuk-tag--orange',
}

const SHORT_TIMEPOINTS: Record<Measure['timepoint'], string> = {
  baseline: 'Baseline',
  'follow-up': 'Follow-up',
  close: 'End',
}

// One formatter for every call: `toLocaleDateString` with options builds a new Intl.DateTimeFormat each time,
// which cost a caseload of 85 people an eighth of its render (issue #15's profile).
const SHORT_DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'Europe/London',
})

export function shortDate(isoDate: string): string {
  return SHORT_DATE.format(new Date(`${isoDate}T12:00:00Z`))
}

export interface PresentedScore {
  key: string
  label: string
  direction: string
  chartSvg: string
  summary: string
  rows: { when: string; value: string; band: string }[]
  change: { text: string; classes: string } | null
}

export interface PresentedInstrument {
  key: string
  name: string
  licenceNotice: string
  scores: PresentedScore[]
  /** Scores not given because too many items were unanswered, by date. */
  unscored: string[]
}

/** A score of something the person named (a MYCaW concern) is labelled with their latest words for it. */
function labelOf(instrument: Instrument, score: ScoreDefinition, measures: readonly Measure[]): string {
  const item = score.items.length === 1 ? instrument.items.find((i) => i.id === score.items[0]) : undefined
  const namedBy = item?.namedBy
  const words = namedBy ? [...measures].reverse().find((m) => m.texts[namedBy])?.texts[namedBy] : undefined
  return words ? `${score.label}: “${words}”` : score.label
}

function presentScore(
  instrument: Instrument,
  score: ScoreDefinition,
  measures: readonly Measure[],
): PresentedScore | null {
  const points = measures.flatMap((m) => {
    const value = m.scores[score.key]
    return value === null || value === undefined
      ? []
      : [{ label: `${SHORT_TIMEPOINTS[m.timepoint]}\n${shortDate(m.completedOn)}`, when: m, value }]
  })
  if (points.length === 0) return null
  const label = labelOf(instrument, score, measures)
  const first = points[0]!
  const latest = points[points.length - 1]!
  const change = points.length > 1 ? changeBetween(score, first.value, latest.value) : null
  const direction = score.higherIsBetter ? 'higher is better' : 'lower is better'
  const range = `${score.range[0]} to ${score.range[1]}`
  const summary =
    points.length === 1
      ? `${label} (${range}, ${direction}): ${formatScore(first.value)} on ${shortDate(first.when.completedOn)}.`
      : `${label} (${range}, ${direction}): ${formatScore(first.value)} on ${shortDate(first.when.completedOn)}, ` +
        `${formatScore(latest.value)} on ${shortDate(latest.when.completedOn)}` +
        (change ? `: ${CHANGE_LABELS[change].toLowerCase()}.` : '.')
  return {
    key: score.key,
    label,
    direction,
    chartSvg: scoreChartSvg(score, points, `${instrument.shortName}: ${label}`),
    summary,
    rows: points.map((p) => ({
      when: `${TIMEPOINT_LABELS[p.when.timepoint]}, ${shortDate(p.when.completedOn)}`,
      value: formatScore(p.value),
      band: bandOf(score, p.value) ?? '',
    })),
    change: change ? { text: CHANGE_LABELS[change], classes: CHANGE_TAGS[change] } : null,
  }
}

/** The first of the instrument's scores that has a value (its headline), presented; the rest are not drawn. */
function headlineScore(instrument: Instrument, taken: readonly Measure[]): PresentedScore[] {
  for (const s of instrument.scores) {
    const presented = presentScore(instrument, s, taken)
    if (presented) return [presented]
  }
  return []
}

/**
 * Each instrument that has measures, in the catalogue's order, with its scores over time; with `headlineOnly`
 * (the episode and person pages), only each instrument's headline score is drawn.
 */
export function presentOutcomes(
  instruments: readonly Instrument[],
  measures: readonly Measure[],
  options: { headlineOnly?: boolean } = {},
): PresentedInstrument[] {
  return instruments.flatMap((instrument) => {
    const taken = measures.filter((m) => m.instrumentKey === instrument.key)
    if (taken.length === 0) return []
    return [
      {
        key: instrument.key,
        name: instrument.name,
        licenceNotice: instrument.licence.kind === 'licensed' ? instrument.licence.notice : '',
        scores: options.headlineOnly
          ? headlineScore(instrument, taken)
          : instrument.scores.flatMap((s) => presentScore(instrument, s, taken) ?? []),
        unscored: taken
          .filter((m) => Object.values(m.scores).every((v) => v === null))
          .map((m) => `${TIMEPOINT_LABELS[m.timepoint]}, ${shortDate(m.completedOn)}`),
      },
    ]
  })
}

/** What the caseload and the outcomes page say is due. */
export function dueText(due: MeasuresDue, followUpWeeks: number): string {
  const what =
    due.timepoint === 'baseline' ? 'Baseline questionnaires' : `${followUpWeeks}-week follow-up questionnaires`
  return due.overdue ? `${what} overdue (due ${shortDate(due.dueOn)})` : `${what} due`
}

const VIA_SENT: Record<Invitation['sentVia'], string> = { email: 'Emailed', text: 'Texted', printed: 'Printed' }

/** A link sent for the person to answer themselves: when and how, by whom, and how far they have got. */
export function presentInvitation(invitation: Invitation, instruments: readonly Instrument[], now: Date) {
  const names = invitation.instrumentKeys.map((k) => instruments.find((i) => i.key === k)?.shortName ?? k)
  const done = invitation.finished.length
  const total = invitation.instrumentKeys.length
  const expired = invitation.expiresAt <= now
  return {
    sent: `${VIA_SENT[invitation.sentVia]} on ${shortDate(invitation.createdAt.toISOString().slice(0, 10))} by ${invitation.createdByName}`,
    questionnaires: names.join(', '),
    status:
      done === total
        ? { text: 'All answered', classes: 'nhsuk-tag--green' }
        : expired
          ? {
              text: done > 0 ? `${done} of ${total} answered, link expired` : 'Link expired',
              classes: 'nhsuk-tag--grey',
            }
          : { text: done > 0 ? `${done} of ${total} answered` : 'Not answered yet', classes: 'nhsuk-tag--blue' },
  }
}

/** Health and care use before and after, a row a service, or null when nothing is recorded. */
export function presentServiceUse(rows: readonly ServiceUse[]) {
  if (rows.length === 0) return null
  const before = rows.find((r) => r.period === 'before')
  const after = rows.find((r) => r.period === 'after')
  const shown = (v: number | null | undefined) => (v === null || v === undefined ? 'Not known' : String(v))
  return {
    months: (before ?? after)!.months,
    imported: rows.some((r) => r.source === 'imported'),
    rows: COUNTS.map((count) => ({
      label: COUNT_LABELS[count],
      before: shown(before?.[count]),
      after: shown(after?.[count]),
    })),
  }
}

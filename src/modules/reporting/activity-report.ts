// SPDX-License-Identifier: AGPL-3.0-or-later
// The activity report's tables, built from referral counts and suppressed as the reader's rule says. Pure: the
// service fetches the counts and the names, this decides what is shown.
import {
  ACTIVITY_OUTCOME_LABELS,
  ACTIVITY_OUTCOMES,
  DECLINE_REASON_LABELS,
  NEED_LABELS,
  NEEDS,
  SOURCE_LABELS,
  SOURCES,
  type ActivityOutcome,
  type Intensity,
  type ReferralActivity,
} from '../referrals/index.ts'
import { monthLabel, monthsOf, type Period } from './period.ts'
import {
  isSmall,
  showCount,
  showShare,
  suppressList,
  suppressTable,
  type ShownCount,
  type SuppressionRule,
} from './suppression.ts'

/** A table as every view of it (page, chart, CSV) shows it: row labels, shown cells, an optional total row. */
export interface ReportTable {
  readonly id: string
  readonly caption: string
  /** The first is the row labels' heading. */
  readonly columns: readonly string[]
  readonly rows: readonly { label: string; cells: readonly (number | string)[] }[]
  readonly totals?: readonly (number | string)[]
  readonly note?: string
}

export interface ActivityReport {
  readonly received: ShownCount
  readonly acceptedShare: string | null
  readonly withinTargetShare: string | null
  readonly medianDaysToContact: string | null
  readonly overdue: ShownCount
  readonly monthly: { month: string; label: string; total: ShownCount }[]
  readonly tables: readonly ReportTable[]
}

const INTENSITY_REPORT_LABELS: Record<Intensity, string> = {
  'link-worker': 'Link worker support',
  self: 'The referrer’s own social prescribing (allied health professional)',
}

export const SELF_REFERRALS = 'Self-referrals'
export const NO_ORGANISATION = 'Referrer’s organisation not recorded'
const SELF = 'self'
const NONE = 'none'

/** Names of organisations by id: the services counted and the organisations that referred. */
export type OrganisationNames = ReadonlyMap<string, string>

export function buildActivityReport(
  activity: ReferralActivity,
  period: Period,
  names: OrganisationNames,
  serviceIds: readonly string[],
  rule: SuppressionRule,
): ActivityReport {
  const months = monthsOf(period)
  const monthly = suppressTable(
    months.map((month) =>
      SOURCES.map((source) =>
        activity.byMonth
          .filter((row) => row.month === month && row.source === source)
          .reduce((sum, row) => sum + row.count, 0),
      ),
    ),
    rule,
  )

  const byOutcome = (rows: ReferralActivity['byReferrer']) =>
    ACTIVITY_OUTCOMES.map((outcome) => rows.filter((r) => r.outcome === outcome).reduce((s, r) => s + r.count, 0))
  const referrerKey = (row: ReferralActivity['byReferrer'][number]) =>
    row.referrerOrganisationId ?? (row.selfReferral ? SELF : NONE)
  const referrerRows = [...new Set(activity.byReferrer.map(referrerKey))]
    .map((key) => ({
      label: key === SELF ? SELF_REFERRALS : key === NONE ? NO_ORGANISATION : (names.get(key) ?? NO_ORGANISATION),
      counts: byOutcome(activity.byReferrer.filter((row) => referrerKey(row) === key)),
    }))
    .sort((a, b) => sum(b.counts) - sum(a.counts) || a.label.localeCompare(b.label))
  const outcomeColumns = [...ACTIVITY_OUTCOMES.map((o: ActivityOutcome) => ACTIVITY_OUTCOME_LABELS[o]), 'Received']

  const tables: ReportTable[] = [
    {
      id: 'by-month',
      caption: 'Referrals received each month, by how they arrived',
      columns: ['Month', ...SOURCES.map((source) => SOURCE_LABELS[source]), 'Total'],
      rows: months.map((month, i) => ({
        label: monthLabel(month),
        cells: [...monthly.cells[i]!, monthly.rowTotals[i]!],
      })),
      totals: [...monthly.columnTotals, monthly.total],
    },
    outcomeTable(
      'by-referrer',
      'Referrals by referring organisation, and what happened to them',
      'Referring organisation',
      referrerRows,
      outcomeColumns,
      rule,
    ),
  ]
  if (serviceIds.length > 1) {
    const serviceRows = serviceIds.map((id) => ({
      label: names.get(id) ?? 'A service',
      counts: byOutcome(activity.byReferrer.filter((row) => row.organisationId === id)),
    }))
    tables.push(
      outcomeTable('by-service', 'Referrals by receiving service', 'Service', serviceRows, outcomeColumns, rule),
    )
  }

  const reasonCounts = new Map<string, number>()
  for (const row of activity.declineReasons) {
    const label = row.reason === 'not-recorded' ? 'No reason recorded' : DECLINE_REASON_LABELS[row.reason]
    reasonCounts.set(label, (reasonCounts.get(label) ?? 0) + row.count)
  }
  const reasons = [...reasonCounts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  const shownReasons = suppressList(
    reasons.map(([, count]) => count),
    rule,
  )
  tables.push({
    id: 'decline-reasons',
    caption: 'Why referrals were declined',
    columns: ['Reason', 'Declined'],
    rows: reasons.map(([label], i) => ({ label, cells: [shownReasons.cells[i]!] })),
    totals: [shownReasons.total],
    note: 'Feed these back to referrers whose referrals are often declined for the same reason.',
  })

  const needs = NEEDS.map((need) => ({
    need,
    count: activity.needs.find((row) => row.need === need)?.count ?? 0,
  })).sort((a, b) => b.count - a.count || a.need.localeCompare(b.need))
  tables.push({
    id: 'needs',
    caption: 'What people were referred for',
    columns: ['Need', 'Referrals naming it'],
    rows: needs.map(({ need, count }) => ({ label: NEED_LABELS[need], cells: [showCount(count, rule)] })),
    note: 'A referral may name several needs, so these add up to more than the referrals received.',
  })

  const intensities = (['link-worker', 'self'] as const).map((intensity) =>
    activity.intensity.filter((row) => row.intensity === intensity).reduce((s, row) => s + row.count, 0),
  )
  const shownIntensity = suppressList(intensities, rule)
  tables.push({
    id: 'intensity',
    caption: 'Referrals by the support asked for',
    columns: ['Support', 'Referrals'],
    rows: (['link-worker', 'self'] as const).map((intensity, i) => ({
      label: INTENSITY_REPORT_LABELS[intensity],
      cells: [shownIntensity.cells[i]!],
    })),
    totals: [shownIntensity.total],
  })

  const received = monthly.total
  // Every month row is inside the period (the query's own filter), so the exact total is their sum.
  const exactReceived = sum(activity.byMonth.map((row) => row.count))
  const { contacted, withinTarget, overdue, medianDays } = activity.firstContact
  const median = medianDays === null ? null : isSmall(contacted, rule) ? '*' : `${formatDays(medianDays)}`
  tables.push({
    id: 'first-contact',
    caption: 'First contact after referral',
    columns: ['Measure', 'Figure'],
    rows: [
      { label: 'Referrals received', cells: [received] },
      { label: 'Contacted', cells: [showCount(contacted, rule)] },
      { label: 'Contacted by the target date', cells: [showCount(withinTarget, rule)] },
      {
        label: 'Share of those contacted reached by the target date',
        cells: [showShare(withinTarget, contacted, rule) ?? 'None contacted'],
      },
      { label: 'Not yet contacted and past the target date', cells: [showCount(overdue, rule)] },
      { label: 'Median days from referral to first contact', cells: [median ?? 'None contacted'] },
    ],
  })

  const accepted = activity.byReferrer.filter((r) => r.outcome === 'accepted').reduce((s, r) => s + r.count, 0)
  return {
    received,
    acceptedShare: showShare(accepted, exactReceived, rule),
    withinTargetShare: showShare(withinTarget, contacted, rule),
    medianDaysToContact: median,
    overdue: showCount(overdue, rule),
    monthly: months.map((month, i) => ({ month, label: monthLabel(month), total: monthly.rowTotals[i]! })),
    tables,
  }
}

function outcomeTable(
  id: string,
  caption: string,
  heading: string,
  rows: readonly { label: string; counts: number[] }[],
  columns: readonly string[],
  rule: SuppressionRule,
): ReportTable {
  const shown = suppressTable(
    rows.map((row) => row.counts),
    rule,
  )
  return {
    id,
    caption,
    columns: [heading, ...columns],
    rows: rows.map((row, i) => ({ label: row.label, cells: [...shown.cells[i]!, shown.rowTotals[i]!] })),
    totals: rows.length > 0 ? [...shown.columnTotals, shown.total] : undefined,
  }
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0)
}

/** Days to one decimal place ("2.5 days"); whole days without one ("3 days"). */
export function formatDays(days: number): string {
  const rounded = Math.round(days * 10) / 10
  return `${rounded} ${rounded === 1 ? 'day' : 'days'}`
}

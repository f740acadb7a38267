// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ReadFreshness } from '../../../../platform/db/database.ts'
import type { ActivityReport, ReportTable } from '../../activity-report.ts'
import { barChartSvg } from '../../chart.ts'
import { periodChoices, type Period } from '../../period.ts'
import type { ReportReader } from '../../reporting.service.ts'
import { COST_FIELDS, filterQuery, type ReportFilterValues } from './activity.form.ts'

const TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
})

/** The filters' choices, with the reader's current ones selected, and the costs for a return on investment. */
export function presentFilters(reader: ReportReader, values: ReportFilterValues, today: string) {
  return {
    costFields: COST_FIELDS.map((field) => ({
      name: field.name,
      label: `Cost of ${field.label}`,
      value: values.costs[field.name],
    })),
    costsOpen: COST_FIELDS.some((field) => values.costs[field.name] !== ''),
    periodItems: periodChoices(today).map((p) => ({ value: p.key, text: p.label, selected: p.key === values.period })),
    serviceItems:
      reader.kind === 'commissioner'
        ? [
            { value: '', text: 'All services in the area' },
            ...reader.services.map((s) => ({ value: s.id, text: s.name, selected: s.id === values.service })),
          ]
        : null,
  }
}

/** One sentence saying what the monthly chart shows, for anyone who cannot see it. */
export function monthlySummary(report: ActivityReport, period: Period): string {
  const received = report.received === '*' ? 'Fewer than 8' : String(report.received)
  const shown = report.monthly.filter((m): m is typeof m & { total: number } => m.total !== '*')
  const busiest = shown.reduce<(typeof shown)[number] | undefined>(
    (top, m) => (!top || m.total > top.total ? m : top),
    undefined,
  )
  const parts = [
    `${received} ${report.received === 1 ? 'referral was' : 'referrals were'} received in ${period.label.charAt(0).toLowerCase()}${period.label.slice(1)}.`,
  ]
  if (busiest && busiest.total > 0) parts.push(`The most in one month was ${busiest.total}, in ${busiest.label}.`)
  return parts.join(' ')
}

function shown(value: number | string | null): string {
  return value === null ? 'None' : String(value)
}

/** Where the counts came from and how fresh they are, in a sentence. */
export function describeSource(computedAt: Date, freshness: ReadFreshness): string {
  const at = TIME.format(computedAt)
  if (!freshness.replica) return `Counted from live records at ${at}.`
  const lag = freshness.lagSeconds ?? 0
  if (lag < 1) return `Counted at ${at} from the reporting copy of the records, which was up to date.`
  const behind = lag < 120 ? `${Math.round(lag)} seconds` : `${Math.round(lag / 60)} minutes`
  return `Counted at ${at} from the reporting copy of the records, which was ${behind} behind the live records: the newest changes may not be counted yet.`
}

/** The activity page's model. */
export function presentActivity(
  report: ActivityReport,
  reader: ReportReader,
  period: Period,
  values: ReportFilterValues,
  computedAt: Date,
  freshness: ReadFreshness = { replica: false, lagSeconds: null },
) {
  const chartTitle = 'Referrals received each month'
  return {
    suppressed: reader.kind === 'commissioner',
    rule: reader.rule,
    periodLabel: period.label,
    partial: period.partial,
    source: describeSource(computedAt, freshness),
    pdfHref: `/reports/report.pdf${filterQuery(values)}`,
    headline: [
      { key: 'Referrals received', value: shown(report.received) },
      { key: 'Accepted by the service', value: shown(report.acceptedShare ?? 'None received') },
      { key: 'Contacted by the target date', value: shown(report.withinTargetShare ?? 'None contacted') },
      { key: 'Median time to first contact', value: shown(report.medianDaysToContact ?? 'None contacted') },
      { key: 'Not yet contacted, past the target date', value: shown(report.overdue) },
    ],
    chart: {
      title: chartTitle,
      svg: barChartSvg(
        report.monthly.map((m) => ({ label: m.label, value: m.total })),
        `${chartTitle}: bar chart. ${monthlySummary(report, period)}`,
      ),
      summary: monthlySummary(report, period),
    },
    tables: report.tables.map((table: ReportTable) => ({
      ...table,
      csvHref: `/reports/table.csv${filterQuery(values, { table: table.id })}`,
      rows: table.rows.map((row) => ({ label: row.label, cells: row.cells.map(String) })),
      totals: table.totals?.map(String),
    })),
  }
}

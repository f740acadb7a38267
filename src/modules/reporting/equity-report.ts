// SPDX-License-Identifier: AGPL-3.0-or-later
// Equity: who was referred against who was accepted, contacted and connected to a group, by age band, deprivation,
// sex and ethnic group. Pure.
import { ETHNIC_CATEGORIES, ETHNIC_CATEGORY_LABELS, SEX_LABELS, SEXES } from '../people/index.ts'
import { AGE_BANDS, type ReferralActivity } from '../referrals/index.ts'
import type { ReportTable } from './activity-report.ts'
import { columnwiseTable } from './columnwise-table.ts'
import type { SuppressionRule } from './suppression.ts'

const STEPS = ['referred', 'accepted', 'contacted', 'connected'] as const
const COLUMNS = ['Referred', 'Accepted', 'Contacted', 'Connected to a group']

function stepTable(
  id: string,
  caption: string,
  heading: string,
  rows: readonly { label: string; counts: Record<(typeof STEPS)[number], number> }[],
  rule: SuppressionRule,
  note: string,
): ReportTable {
  return columnwiseTable(
    { id, caption, heading, columns: COLUMNS, note },
    rows.map((row) => ({ label: row.label, counts: STEPS.map((step) => row.counts[step]) })),
    rule,
  )
}

function sumBy(
  equity: ReferralActivity['equity'],
  match: (row: ReferralActivity['equity'][number]) => boolean,
): Record<(typeof STEPS)[number], number> {
  const rows = equity.filter(match)
  return {
    referred: rows.reduce((s, r) => s + r.referred, 0),
    accepted: rows.reduce((s, r) => s + r.accepted, 0),
    contacted: rows.reduce((s, r) => s + r.contacted, 0),
    connected: rows.reduce((s, r) => s + r.connected, 0),
  }
}

export function buildEquityTables(equity: ReferralActivity['equity'], rule: SuppressionRule): ReportTable[] {
  const deciles: (number | null)[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, null]
  return [
    stepTable(
      'equity-age',
      'Who was referred, accepted, contacted and connected, by age',
      'Age at referral',
      AGE_BANDS.map((band) => ({
        label: band === '85+' ? '85 and over' : band.replace('-', ' to '),
        counts: sumBy(equity, (r) => r.ageBand === band),
      })),
      rule,
      'Compare each age group’s share of those accepted, contacted and connected with its share of those referred.',
    ),
    stepTable(
      'equity-deprivation',
      'Who was referred, accepted, contacted and connected, by deprivation',
      'Deprivation of the home area',
      deciles.map((decile) => ({
        label:
          decile === null
            ? 'Not known (postcode not found)'
            : `Decile ${decile}${decile === 1 ? ' (most deprived)' : decile === 10 ? ' (least deprived)' : ''}`,
        counts: sumBy(equity, (r) => r.imdDecile === decile),
      })),
      rule,
      'Deciles of the index of multiple deprivation of each nation (England, Scotland, Wales, Northern Ireland), from the ONS postcode directory.',
    ),
    stepTable(
      'equity-sex',
      'Who was referred, accepted, contacted and connected, by sex',
      'Sex, as they describe it',
      [...SEXES, null].map((sex) => ({
        label: sex ? SEX_LABELS[sex] : 'Not asked',
        counts: sumBy(equity, (r) => r.sex === sex),
      })),
      rule,
      'As the person or their referrer gave it. “Not asked” counts people for whom nothing is recorded yet.',
    ),
    stepTable(
      'equity-ethnicity',
      'Who was referred, accepted, contacted and connected, by ethnic group',
      'Ethnic group',
      [...ETHNIC_CATEGORIES, null].map((category) => ({
        label: category ? ETHNIC_CATEGORY_LABELS[category] : 'Not asked',
        counts: sumBy(equity, (r) => r.ethnicity === category),
      })),
      rule,
      'The NHS Data Dictionary’s ethnic categories. Compare each group’s share of those referred with its share of the local population, and its share of those accepted, contacted and connected with its share of those referred.',
    ),
  ]
}

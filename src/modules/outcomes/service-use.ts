// SPDX-License-Identifier: AGPL-3.0-or-later
// Health and care use before and after the referral: the four counts commissioners ask about, over the same span
// of months each side, and the rows of a practice's CSV extract checked one by one.
import { parse } from 'csv-parse/sync'
import { compactNhsNumber, isValidNhsNumber } from '../../shared/nhs-number.ts'

export const PERIODS = ['before', 'after'] as const
export type Period = (typeof PERIODS)[number]

export const COUNTS = ['gpAppointments', 'aeAttendances', 'emergencyCalls', 'admissions'] as const
export type Count = (typeof COUNTS)[number]
export const COUNT_LABELS: Record<Count, string> = {
  gpAppointments: 'GP appointments',
  aeAttendances: 'A&E attendances',
  emergencyCalls: '999 calls',
  admissions: 'Hospital admissions',
}

/** A count no one person plausibly exceeds in two years: above it, the figure is a typing or extract mistake. */
export const COUNT_MAX = 500
export const DEFAULT_MONTHS = 6

export type Counts = Record<Count, number | null>

export interface ServiceUse extends Counts {
  period: Period
  months: number
  source: 'entered' | 'imported'
  recordedByName: string
  updatedAt: Date
}

/** The columns of the CSV extract (docs/outcomes-service-use-import.md), in any order, header row first. */
export const CSV_COLUMNS = {
  nhs_number: 'nhsNumber',
  period: 'period',
  months: 'months',
  gp_appointments: 'gpAppointments',
  ae_attendances: 'aeAttendances',
  calls_999: 'emergencyCalls',
  admissions: 'admissions',
} as const

export interface ImportRow extends Counts {
  line: number
  nhsNumber: string
  period: Period
  months: number
}

export interface RejectedRow {
  line: number
  reason: string
}

/** A count as typed: blank is "not known" (null); otherwise a whole number from 0 to COUNT_MAX, or an error. */
export function parseCount(text: string): { ok: true; value: number | null } | { ok: false } {
  const trimmed = text.trim()
  if (trimmed === '') return { ok: true, value: null }
  if (!/^\d{1,4}$/.test(trimmed) || Number(trimmed) > COUNT_MAX) return { ok: false }
  return { ok: true, value: Number(trimmed) }
}

export function parseMonths(text: string): number | undefined {
  const trimmed = text.trim()
  return /^\d{1,2}$/.test(trimmed) && Number(trimmed) >= 1 && Number(trimmed) <= 24 ? Number(trimmed) : undefined
}

/**
 * Reads an extract: each row becomes an import row or a rejection with its line number and why. A file that is
 * not CSV, or lacks a column, is one rejection for line 1 (nothing is imported from it).
 */
export function parseServiceUseCsv(text: string): { rows: ImportRow[]; rejected: RejectedRow[] } {
  let records: string[][]
  try {
    const parsed: unknown = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true })
    records = parsed as string[][]
  } catch (error) {
    return { rows: [], rejected: [{ line: 1, reason: `The file is not a CSV file (${(error as Error).message})` }] }
  }
  const header = (records[0] ?? []).map((h) => h.toLowerCase())
  const missing = Object.keys(CSV_COLUMNS).filter((c) => !header.includes(c))
  if (missing.length > 0) return { rows: [], rejected: [{ line: 1, reason: `Missing columns: ${missing.join(', ')}` }] }
  const column = (record: string[], name: keyof typeof CSV_COLUMNS) => record[header.indexOf(name)] ?? ''
  const rows: ImportRow[] = []
  const rejected: RejectedRow[] = []
  records.slice(1).forEach((record, index) => {
    const line = index + 2
    const nhsNumber = compactNhsNumber(column(record, 'nhs_number'))
    const period = column(record, 'period').toLowerCase()
    const months = parseMonths(column(record, 'months'))
    const reasons: string[] = []
    if (!isValidNhsNumber(nhsNumber)) reasons.push('the NHS number is not valid')
    if (!(PERIODS as readonly string[]).includes(period)) reasons.push('the period must be before or after')
    if (months === undefined) reasons.push('months must be a whole number from 1 to 24')
    const counts = {} as Counts
    for (const [name, key] of Object.entries(CSV_COLUMNS).slice(3) as [keyof typeof CSV_COLUMNS, Count][]) {
      const parsed = parseCount(column(record, name))
      if (parsed.ok) counts[key] = parsed.value
      else reasons.push(`${name} must be a whole number from 0 to ${COUNT_MAX}`)
    }
    if (reasons.length > 0) rejected.push({ line, reason: reasons.join('; ') })
    else rows.push({ line, nhsNumber, period: period as Period, months: months!, ...counts })
  })
  return { rows, rejected }
}

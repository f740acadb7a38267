// SPDX-License-Identifier: AGPL-3.0-or-later
import { queryField, type FieldErrors } from '../../../../platform/http/forms.ts'
import { periodFor, type Period } from '../../period.ts'
import type { ReportReader } from '../../reporting.service.ts'
import type { ReturnCosts } from '../../return-report.ts'

/** The return-on-investment costs: each field's name in the address, what it is, and its largest value. */
export const COST_FIELDS = [
  { name: 'cost-gp', count: 'gpAppointments', label: 'a GP appointment', max: 100_000 },
  { name: 'cost-ae', count: 'aeAttendances', label: 'an A&E attendance', max: 100_000 },
  { name: 'cost-999', count: 'emergencyCalls', label: 'a 999 call', max: 100_000 },
  { name: 'cost-admission', count: 'admissions', label: 'a hospital admission', max: 100_000 },
  { name: 'cost-service', count: null, label: 'running social prescribing over these dates', max: 100_000_000 },
] as const
export type CostFieldName = (typeof COST_FIELDS)[number]['name']

export interface ReportFilterValues {
  period: string
  service: string
  costs: Record<CostFieldName, string>
}

const POUNDS = /^£?\s*(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$/

/** Pounds as typed ("£1,250.50", "42"), or null when it is not an amount. */
export function parsePounds(text: string): number | null {
  const trimmed = text.trim()
  if (!POUNDS.test(trimmed)) return null
  return Number(trimmed.replace(/[£,\s]/g, ''))
}

/**
 * The costs for a return on investment: none (no estimate), or all five, each an amount in pounds. Some but not
 * all is a message on each missing one, keeping what was typed.
 */
function parseCosts(values: Record<CostFieldName, string>, errors: FieldErrors): ReturnCosts | undefined {
  if (COST_FIELDS.every((field) => values[field.name].trim() === '')) return undefined
  const amounts = new Map<CostFieldName, number>()
  for (const field of COST_FIELDS) {
    const typed = values[field.name].trim()
    const amount = parsePounds(typed)
    if (typed === '') errors[field.name] = `Enter the cost of ${field.label} too, or clear every cost`
    else if (amount === null || amount > field.max || (field.count === null && amount === 0))
      errors[field.name] =
        `Enter the cost of ${field.label} in pounds, like 42 or 1,250.50, up to £${field.max.toLocaleString('en-GB')}`
    else amounts.set(field.name, amount)
  }
  if (amounts.size < COST_FIELDS.length) return undefined
  const unit = Object.fromEntries(
    COST_FIELDS.flatMap((field) => (field.count ? [[field.count, amounts.get(field.name)!]] : [])),
  ) as ReturnCosts['unit']
  return { unit, service: amounts.get('cost-service')! }
}

/**
 * A report's filters from its address: the period (a key offered today) and, for a commissioner, one service of
 * their area or all. A value that is not offered is a message, never a crash or a quiet fallback.
 */
export function parseReportFilters(
  query: unknown,
  today: string,
  reader: ReportReader,
): { values: ReportFilterValues; errors: FieldErrors; period?: Period; serviceId?: string; costs?: ReturnCosts } {
  const values = {
    period: queryField(query, 'period', 20),
    service: queryField(query, 'service', 36),
    costs: Object.fromEntries(COST_FIELDS.map((field) => [field.name, queryField(query, field.name, 20)])) as Record<
      CostFieldName,
      string
    >,
  }
  const errors: FieldErrors = {}
  const period = periodFor(values.period, today)
  if (!period) errors['period'] = 'Select a period from the list'
  const service = reader.services.find((s) => s.id === values.service)
  if (values.service !== '' && (!service || reader.kind !== 'commissioner')) {
    errors['service'] = 'Select a service from the list'
  }
  const costs = parseCosts(values.costs, errors)
  return { values, errors, period, serviceId: errors['service'] ? undefined : service?.id, costs }
}

/** The query string that reproduces these filters (for the CSV links and the chart's table). */
export function filterQuery(values: ReportFilterValues, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams()
  if (values.period) params.set('period', values.period)
  if (values.service) params.set('service', values.service)
  for (const field of COST_FIELDS) if (values.costs[field.name]) params.set(field.name, values.costs[field.name])
  for (const [key, value] of Object.entries(extra)) params.set(key, value)
  const text = params.toString()
  return text ? `?${text}` : ''
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import { queryField, type FieldErrors } from '../../../../platform/http/forms.ts'
import { periodFor, type Period } from '../../period.ts'
import type { ReportReader } from '../../reporting.service.ts'

export interface ReportFilterValues {
  period: string
  service: string
}

/**
 * A report's filters from its address: the period (a key offered today) and, for a commissioner, one service of
 * their area or all. A value that is not offered is a message, never a crash or a quiet fallback.
 */
export function parseReportFilters(
  query: unknown,
  today: string,
  reader: ReportReader,
): { values: ReportFilterValues; errors: FieldErrors; period?: Period; serviceId?: string } {
  const values = { period: queryField(query, 'period', 20), service: queryField(query, 'service', 36) }
  const errors: FieldErrors = {}
  const period = periodFor(values.period, today)
  if (!period) errors['period'] = 'Select a period from the list'
  const service = reader.services.find((s) => s.id === values.service)
  if (values.service !== '' && (!service || reader.kind !== 'commissioner')) {
    errors['service'] = 'Select a service from the list'
  }
  return { values, errors, period, serviceId: errors['service'] ? undefined : service?.id }
}

/** The query string that reproduces these filters (for the CSV links and the chart's table). */
export function filterQuery(values: ReportFilterValues, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams()
  if (values.period) params.set('period', values.period)
  if (values.service) params.set('service', values.service)
  for (const [key, value] of Object.entries(extra)) params.set(key, value)
  const text = params.toString()
  return text ? `?${text}` : ''
}

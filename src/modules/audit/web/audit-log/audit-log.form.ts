// SPDX-License-Identifier: AGPL-3.0-or-later
import { queryField, type FieldErrors } from '../../../../platform/http/forms.ts'
import { isUuid } from '../../../../shared/uuid.ts'

export interface AuditLogFilters {
  userId: string
  action: string
  recordType: string
  recordId: string
  from: string
  to: string
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

function parseDate(value: string): Date | undefined {
  if (!ISO_DATE.test(value)) return undefined
  const date = new Date(`${value}T00:00:00Z`)
  return Number.isNaN(date.getTime()) ? undefined : date
}

/** Reads the audit log's filters from the query string; bad values produce messages, never a crash. */
export function parseAuditLogFilters(query: unknown): {
  values: AuditLogFilters
  errors: FieldErrors
  search: { actorUserId?: string; action?: string; recordType?: string; recordId?: string; from?: Date; to?: Date }
} {
  const values: AuditLogFilters = {
    userId: queryField(query, 'userId', 36),
    action: queryField(query, 'action', 60),
    recordType: queryField(query, 'recordType', 60),
    recordId: queryField(query, 'recordId', 100),
    from: queryField(query, 'from', 10),
    to: queryField(query, 'to', 10),
  }
  const errors: FieldErrors = {}
  const from = values.from ? parseDate(values.from) : undefined
  const to = values.to ? parseDate(values.to) : undefined
  if (values.userId && !isUuid(values.userId)) errors['userId'] = 'Select a person from the list'
  if (values.from && !from) errors['from'] = 'Enter the start date as YYYY-MM-DD, for example 2026-11-01'
  if (values.to && !to) errors['to'] = 'Enter the end date as YYYY-MM-DD, for example 2026-11-30'
  if (from && to && from > to) errors['to'] = 'The end date must be the same as or after the start date'
  return {
    values,
    errors,
    search: {
      actorUserId: values.userId && !errors['userId'] ? values.userId : undefined,
      action: values.action || undefined,
      recordType: values.recordType || undefined,
      recordId: values.recordId || undefined,
      from,
      // The end date is inclusive: everything before the next midnight.
      to: to ? new Date(to.getTime() + 86_400_000 - 1) : undefined,
    },
  }
}

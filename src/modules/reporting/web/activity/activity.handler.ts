// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import { readFreshness, type Database } from '../../../../platform/db/database.ts'
import { errorListFor } from '../../../../platform/http/forms.ts'
import { londonToday } from '../../../casework/index.ts'
import { tableCsv } from '../../csv.ts'
import { ReportingError } from '../../reporting.errors.ts'
import { activityReport, reportReaderFor, type ReportReader } from '../../reporting.service.ts'
import type { SuppressionRule } from '../../suppression.ts'
import type { Period } from '../../period.ts'
import { parseReportFilters } from './activity.form.ts'
import { activityPdf } from './activity.pdf.ts'
import { presentActivity, presentFilters } from './activity.presenter.ts'

const TEMPLATE = 'modules/reporting/web/activity/activity.njk'

/**
 * What a report route needs from the app: the database (who may read what is always decided there), the database
 * the counts are read from (a streaming replica when one is configured), and the rule commissioners' figures are
 * shown under.
 */
export interface ReportContext {
  readonly db: Database
  readonly reportDb: Database
  readonly rule: SuppressionRule
}

async function readerOf(request: FastifyRequest, { db, rule }: ReportContext): Promise<ReportReader> {
  return reportReaderFor(db, request.actor!, rule)
}

/** What every report view and download records in the audit log: the filters, never a figure. */
function auditDetails(period: Period, serviceId: string | undefined, reader: ReportReader) {
  return { period: period.key, service: serviceId ?? 'all', suppressed: reader.kind === 'commissioner' }
}

/**
 * A download's report: the reader, the filters from the address (a filter that is not offered is a 404, as for an
 * unknown table), and the figures with how fresh they are.
 */
async function reportForDownload(request: FastifyRequest, context: ReportContext) {
  const reader = await readerOf(request, context)
  const today = londonToday()
  const { values, errors, period, serviceId, costs } = parseReportFilters(request.query, today, reader)
  if (!period || Object.keys(errors).length > 0) throw new ReportingError('REPORTING_UNKNOWN_TABLE')
  const [report, freshness] = await Promise.all([
    activityReport(context.reportDb, reader, period, serviceId, today, costs),
    readFreshness(context.reportDb),
  ])
  return { reader, values, period, serviceId, report, freshness }
}

/** The activity dashboard: headline figures, the monthly chart and every table, for the chosen period. */
export function showActivity(context: ReportContext) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const reader = await readerOf(request, context)
    const today = londonToday()
    const { values, errors, period, serviceId, costs } = parseReportFilters(request.query, today, reader)
    const filters = presentFilters(reader, values, today)
    const base = { pageTitle: 'Referral activity', values, errors, errorList: errorListFor(errors), ...filters }
    if (!period || Object.keys(errors).length > 0) {
      await request.audit({
        action: 'view',
        recordType: 'report',
        recordId: 'activity',
        outcome: 'failure',
        details: { problem: 'filters' },
      })
      return reply.page(TEMPLATE, base, 400)
    }
    const [report, freshness] = await Promise.all([
      activityReport(context.reportDb, reader, period, serviceId, today, costs),
      readFreshness(context.reportDb),
    ])
    await request.audit({
      action: 'view',
      recordType: 'report',
      recordId: 'activity',
      details: auditDetails(period, serviceId, reader),
    })
    return reply.page(TEMPLATE, {
      ...base,
      report: presentActivity(report, reader, period, values, new Date(), freshness),
    })
  }
}

/** One of the activity report's tables as CSV, suppressed exactly as on the page. */
export function downloadActivityTable(context: ReportContext) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const { reader, period, serviceId, report } = await reportForDownload(request, context)
    const tableId =
      typeof (request.query as Record<string, unknown>)['table'] === 'string'
        ? (request.query as Record<string, string>)['table']
        : ''
    const table = report.tables.find((t) => t.id === tableId)
    if (!table) throw new ReportingError('REPORTING_UNKNOWN_TABLE')
    await request.audit({
      action: 'download',
      recordType: 'report',
      recordId: `activity/${table.id}`,
      details: auditDetails(period, serviceId, reader),
    })
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="report-${table.id}-${period.key}.csv"`)
      .header('cache-control', 'no-store')
      .send(tableCsv(table))
  }
}

/** The whole report as a printable, tagged PDF, with the page's filters and costs. */
export function downloadActivityPdf(context: ReportContext) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const { reader, values, period, serviceId, report, freshness } = await reportForDownload(request, context)
    const names = reader.services.filter((s) => !serviceId || s.id === serviceId).map((s) => s.name)
    const scope = `${reader.kind === 'commissioner' && !serviceId ? 'Every social prescribing service in the area' : 'Service'}: ${names.join(', ')}.`
    const pdf = await activityPdf(presentActivity(report, reader, period, values, new Date(), freshness), scope)
    await request.audit({
      action: 'download',
      recordType: 'report',
      recordId: 'activity.pdf',
      details: auditDetails(period, serviceId, reader),
    })
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="referral-activity-${period.key}.pdf"`)
      .header('cache-control', 'no-store')
      .send(pdf)
  }
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import { and, eq, isNull, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { AnyScope, ReportScope, TxScope } from '../../platform/db/org-scope.ts'
import { anyOf, inTenant, inTenants, withTenant } from '../../platform/db/tenant.ts'
import { consentNotRefused, people } from '../people/index.ts'
import type { ServiceUsePair } from './service-use-change.ts'
import type { Period, ServiceUse } from './service-use.ts'
import { serviceUse } from './outcomes.table.ts'

/** The value the insert proposed, in an upsert's update (a fixed column name: never user input). */
const sqlExcluded = (column: string) => sql.raw(`excluded.${column}`)

export type ServiceUseInsert = Omit<typeof serviceUse.$inferInsert, 'organisationId' | 'id'>

export async function listForEpisode(scope: AnyScope, episodeId: string): Promise<ServiceUse[]> {
  const rows = await scope.db
    .select()
    .from(serviceUse)
    .where(inTenant(scope, serviceUse, eq(serviceUse.episodeId, episodeId)))
  return rows.map((r) => ({ ...r, period: r.period as Period, source: r.source as ServiceUse['source'] }))
}

/** Writes each episode's period, replacing what was there (the page shows it first; the import reports it). */
export async function upsertServiceUse(scope: TxScope, rows: readonly ServiceUseInsert[]): Promise<void> {
  if (rows.length === 0) return
  await scope.db
    .insert(serviceUse)
    .values(rows.map((r) => withTenant(scope, r)))
    .onConflictDoUpdate({
      target: [serviceUse.organisationId, serviceUse.episodeId, serviceUse.period],
      set: {
        months: sqlExcluded('months'),
        gpAppointments: sqlExcluded('gp_appointments'),
        aeAttendances: sqlExcluded('ae_attendances'),
        emergencyCalls: sqlExcluded('emergency_calls'),
        admissions: sqlExcluded('admissions'),
        source: sqlExcluded('source'),
        recordedByName: sqlExcluded('recorded_by_name'),
        updatedAt: sqlExcluded('updated_at'),
      },
    })
}

/** The organisation's people (not merged away) with these NHS numbers, in one statement. */
export async function peopleByNhsNumber(
  scope: AnyScope,
  nhsNumbers: readonly string[],
): Promise<{ personId: string; nhsNumber: string }[]> {
  if (nhsNumbers.length === 0) return []
  const rows = await scope.db
    .select({ personId: people.id, nhsNumber: people.nhsNumber })
    .from(people)
    .where(inTenant(scope, people, and(anyOf(people.nhsNumber, nhsNumbers), isNull(people.mergedIntoPersonId))))
  return rows.map((r) => ({ personId: r.personId, nhsNumber: r.nhsNumber! }))
}

/**
 * For reports: each episode's "before" and "after" counts, where the "after" was recorded in the period, leaving out
 * people who said no to their records being used to evaluate the service. Counts and months only: no episode,
 * person or date leaves this function.
 */
export async function listServiceUsePairs(
  scope: ReportScope,
  period: { from: string; to: string },
): Promise<ServiceUsePair[]> {
  const after = alias(serviceUse, 'after_use')
  const rows = await scope.db
    .select({
      beforeMonths: serviceUse.months,
      beforeGp: serviceUse.gpAppointments,
      beforeAe: serviceUse.aeAttendances,
      beforeCalls: serviceUse.emergencyCalls,
      beforeAdmissions: serviceUse.admissions,
      afterMonths: after.months,
      afterGp: after.gpAppointments,
      afterAe: after.aeAttendances,
      afterCalls: after.emergencyCalls,
      afterAdmissions: after.admissions,
    })
    .from(serviceUse)
    .innerJoin(
      after,
      and(
        eq(after.organisationId, serviceUse.organisationId),
        eq(after.episodeId, serviceUse.episodeId),
        eq(after.period, 'after'),
      ),
    )
    .where(
      inTenants(
        scope,
        serviceUse,
        eq(serviceUse.period, 'before'),
        sql`(${after.updatedAt} at time zone 'Europe/London')::date between ${period.from}::date and ${period.to}::date`,
        consentNotRefused('evaluation', serviceUse.organisationId, serviceUse.personId),
      ),
    )
  return rows.map((r) => ({
    before: {
      months: r.beforeMonths,
      gpAppointments: r.beforeGp,
      aeAttendances: r.beforeAe,
      emergencyCalls: r.beforeCalls,
      admissions: r.beforeAdmissions,
    },
    after: {
      months: r.afterMonths,
      gpAppointments: r.afterGp,
      aeAttendances: r.afterAe,
      emergencyCalls: r.afterCalls,
      admissions: r.afterAdmissions,
    },
  }))
}

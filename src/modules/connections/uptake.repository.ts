// SPDX-License-Identifier: AGPL-3.0-or-later
// Uptake for reports (issue #14): connections made in the period, by directory service, counted at each step.
// Counts only; the service's name is the listing's (public directory information).
import { and, count, eq, exists, sql } from 'drizzle-orm'
import type { ReportScope } from '../../platform/db/org-scope.ts'
import { inTenants } from '../../platform/db/tenant.ts'
import { attendances, connections } from './connections.table.ts'

export interface UptakeCount {
  directoryServiceId: string
  serviceName: string
  connected: number
  accepted: number
  started: number
  stillGoing: number
  waitingList: number
  declined: number
}

const LONDON = sql.raw(`'Europe/London'`)

export async function countUptake(scope: ReportScope, period: { from: string; to: string }): Promise<UptakeCount[]> {
  const attended = exists(
    scope.db
      .select({ one: sql`1` })
      .from(attendances)
      .where(
        and(eq(attendances.organisationId, connections.organisationId), eq(attendances.connectionId, connections.id)),
      ),
  )
  const started = sql`(${connections.status} in ('started', 'attended') or ${attended})`
  const countWhere = (condition: ReturnType<typeof sql>) => sql<number>`(count(*) filter (where ${condition}))::int`
  return scope.db
    .select({
      directoryServiceId: connections.directoryServiceId,
      // One listing, one row: a listing renamed between connections keeps one of the names they recorded.
      serviceName: sql<string>`max(${connections.serviceName})`,
      connected: count(),
      accepted: countWhere(sql`${connections.status} = 'accepted' or ${started}`),
      started: countWhere(started),
      stillGoing: countWhere(sql`${connections.status} = 'attended' or ${connections.stillAttending} = 'yes'`),
      waitingList: countWhere(sql`${connections.status} = 'waiting-list'`),
      declined: countWhere(sql`${connections.status} = 'declined'`),
    })
    .from(connections)
    .where(
      inTenants(
        scope,
        connections,
        sql`${connections.createdAt} >= (${period.from}::date)::timestamp at time zone ${LONDON}`,
        sql`${connections.createdAt} < (${period.to}::date + 1)::timestamp at time zone ${LONDON}`,
      ),
    )
    .groupBy(connections.directoryServiceId)
}

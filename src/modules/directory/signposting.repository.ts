// SPDX-License-Identifier: AGPL-3.0-or-later
// Signposting (a service suggested to someone, counted by need) and the public's feedback on a service.
import { desc, eq, sql } from 'drizzle-orm'
import type { Tx } from '../../platform/db/database.ts'
import type { AreaScope } from '../../platform/db/org-scope.ts'
import { directoryFeedback, directorySignpostings } from './directory.table.ts'
import { inTenant, inArea } from '../../platform/db/tenant.ts'

// ---------------------------------------------------------------------------------------------------------
// Signposting and feedback

export async function insertSignposting(
  scope: AreaScope<Tx> & { organisationId: string },
  signposting: {
    userId: string
    personLabel: string | null
    needs: string[]
    serviceIds: string[]
    note: string | null
    emailedAt: Date | null
    idempotencyKey: string
  },
): Promise<{ id: string; created: boolean }> {
  const inserted = await scope.db
    .insert(directorySignpostings)
    .values({ areaId: scope.areaId, organisationId: scope.organisationId, ...signposting })
    .onConflictDoNothing()
    .returning({ id: directorySignpostings.id })
  if (inserted[0]) return { id: inserted[0].id, created: true }
  const [existing] = await scope.db
    .select({ id: directorySignpostings.id })
    .from(directorySignpostings)
    .where(inArea(scope, directorySignpostings, eq(directorySignpostings.idempotencyKey, signposting.idempotencyKey)))
  return { id: existing!.id, created: false }
}

export async function findSignposting(scope: AreaScope & { organisationId: string }, id: string) {
  const [row] = await scope.db
    .select()
    .from(directorySignpostings)
    .where(
      inArea(scope, directorySignpostings, inTenant(scope, directorySignpostings), eq(directorySignpostings.id, id)),
    )
    .limit(1)
  return row ?? null
}

export type SignpostingCount = { need: string; signpostings: number; services: number }

/**
 * How many people were signposted, by need, for one organisation over a period (for reports). One person
 * signposted for two needs counts under both.
 */
export async function countSignpostingsByNeed(
  scope: AreaScope & { organisationId: string },
  period: { from: Date; to: Date },
): Promise<SignpostingCount[]> {
  const result = await scope.db.execute<SignpostingCount>(sql`
    select need, count(*)::int as signpostings, sum(cardinality(service_ids))::int as services
    from directory_signpostings, unnest(needs) as need
    where area_id = ${scope.areaId} and organisation_id = ${scope.organisationId}
      and created_at >= ${period.from.toISOString()}::timestamptz and created_at < ${period.to.toISOString()}::timestamptz
    group by need
    order by signpostings desc, need`)
  return result.rows
}

/** One answer to "how was it?" about a service, from a link worker or the person; the key makes a retry a no-op. */
export interface NewFeedback {
  serviceId: string
  source: 'link-worker' | 'person'
  userId: string | null
  welcoming: boolean | null
  wouldRecommend: boolean | null
  comment: string | null
  idempotencyKey: string
}

export async function insertFeedback(scope: AreaScope<Tx>, feedback: NewFeedback): Promise<boolean> {
  const rows = await scope.db
    .insert(directoryFeedback)
    .values({ areaId: scope.areaId, ...feedback })
    .onConflictDoNothing()
    .returning({ id: directoryFeedback.id })
  return rows.length === 1
}

export type FeedbackSummary = {
  total: number
  welcomingYes: number
  welcomingAnswered: number
  recommendYes: number
  recommendAnswered: number
}

export async function summariseFeedback(scope: AreaScope, serviceId: string): Promise<FeedbackSummary> {
  const result = await scope.db.execute<FeedbackSummary>(sql`
    select count(*)::int as total,
      count(*) filter (where welcoming)::int as "welcomingYes",
      count(welcoming)::int as "welcomingAnswered",
      count(*) filter (where would_recommend)::int as "recommendYes",
      count(would_recommend)::int as "recommendAnswered"
    from directory_feedback where area_id = ${scope.areaId} and service_id = ${serviceId}`)
  return result.rows[0]!
}

export async function listRecentComments(scope: AreaScope, serviceId: string) {
  return scope.db
    .select({
      comment: directoryFeedback.comment,
      source: directoryFeedback.source,
      createdAt: directoryFeedback.createdAt,
    })
    .from(directoryFeedback)
    .where(
      inArea(
        scope,
        directoryFeedback,
        eq(directoryFeedback.serviceId, serviceId),
        sql`${directoryFeedback.comment} is not null`,
      ),
    )
    .orderBy(desc(directoryFeedback.createdAt))
    .limit(5)
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// Counts of referrals for reports. Every function takes a ReportScope (the services a reader may count across)
// and returns grouped counts only: no identifier of a person leaves this file.
import { sql, type SQL } from 'drizzle-orm'
import type { ReportScope } from '../../platform/db/org-scope.ts'
import { inTenants } from '../../platform/db/tenant.ts'
import { activityOutcomeOf, type ActivityPeriod, type ReferralActivity } from './activity.ts'
import { isReferralStatus, OPEN_STATUSES } from './referral-status.ts'
import { isDeclineReason, isNeed, type Intensity, type ReferralSource } from './referral.ts'
import { referrals } from './referrals.table.ts'

const LONDON = sql.raw(`'Europe/London'`)
const OPEN = sql.raw(OPEN_STATUSES.map((s) => `'${s}'`).join(','))

/** Referrals received in the period (UK dates, inclusive), drafts and entries made in error left out. */
function received(scope: ReportScope, period: ActivityPeriod, ...more: SQL[]): SQL {
  return inTenants(
    scope,
    referrals,
    sql`${referrals.receivedAt} >= (${period.from}::date)::timestamp at time zone ${LONDON}`,
    sql`${referrals.receivedAt} < (${period.to}::date + 1)::timestamp at time zone ${LONDON}`,
    sql`${referrals.status} not in ('draft', 'entered-in-error')`,
    ...more,
  )
}

/** Every count the activity report needs, in five grouped queries run side by side. */
export async function countReferralActivity(
  scope: ReportScope,
  period: ActivityPeriod,
  today: string,
): Promise<ReferralActivity> {
  const count = sql<number>`count(*)::int`
  const month = sql<string>`to_char(${referrals.receivedAt} at time zone ${LONDON}, 'YYYY-MM')`
  const need = sql<string>`unnest(${referrals.needs})`
  const selfReferral = sql<boolean>`(${referrals.source} = 'self-referral')`
  const firstContactDay = sql`(${referrals.firstContactAt} at time zone ${LONDON})::date`
  const [byMonth, byReferrer, reasons, needs, intensity, [contact]] = await Promise.all([
    scope.db
      .select({ month, source: referrals.source, count })
      .from(referrals)
      .where(received(scope, period))
      .groupBy(month, referrals.source)
      .orderBy(month),
    scope.db
      .select({
        organisationId: referrals.organisationId,
        referrerOrganisationId: referrals.referrerOrganisationId,
        selfReferral: selfReferral,
        status: referrals.status,
        count,
      })
      .from(referrals)
      .where(received(scope, period))
      .groupBy(referrals.organisationId, referrals.referrerOrganisationId, selfReferral, referrals.status),
    scope.db
      .select({ reason: referrals.declineReason, count })
      .from(referrals)
      .where(received(scope, period, sql`${referrals.status} = 'rejected'`))
      .groupBy(referrals.declineReason),
    scope.db.select({ need, count }).from(referrals).where(received(scope, period)).groupBy(need),
    scope.db
      .select({ intensity: referrals.intensity, count })
      .from(referrals)
      .where(received(scope, period))
      .groupBy(referrals.intensity),
    scope.db
      .select({
        contacted: sql<number>`(count(*) filter (where ${referrals.firstContactAt} is not null))::int`,
        withinTarget: sql<number>`(count(*) filter (where ${firstContactDay} <= ${referrals.contactTargetDate}))::int`,
        overdue: sql<number>`(count(*) filter (where ${referrals.firstContactAt} is null and ${referrals.status} in (${OPEN}) and ${referrals.contactTargetDate} < ${today}::date))::int`,
        medianDays: sql<
          number | null
        >`(percentile_cont(0.5) within group (order by extract(epoch from ${referrals.firstContactAt} - ${referrals.receivedAt}) / 86400))::float8`,
      })
      .from(referrals)
      .where(received(scope, period)),
  ])
  const byReferrerOutcome = new Map<string, ReferralActivity['byReferrer'][number]>()
  for (const row of byReferrer) {
    const outcome = isReferralStatus(row.status) ? activityOutcomeOf(row.status) : null
    if (!outcome) continue
    const key = `${row.organisationId}|${row.referrerOrganisationId}|${row.selfReferral}|${outcome}`
    const before = byReferrerOutcome.get(key)
    byReferrerOutcome.set(key, { ...row, outcome, count: (before?.count ?? 0) + row.count })
  }
  return {
    byMonth: byMonth.map((row) => ({ ...row, source: row.source as ReferralSource })),
    byReferrer: [...byReferrerOutcome.values()].map(
      ({ organisationId, referrerOrganisationId, selfReferral, outcome, count }) => ({
        organisationId,
        referrerOrganisationId,
        selfReferral,
        outcome,
        count,
      }),
    ),
    declineReasons: reasons.map((row) => ({
      reason: row.reason && isDeclineReason(row.reason) ? row.reason : 'not-recorded',
      count: row.count,
    })),
    needs: needs.flatMap((row) => (isNeed(row.need) ? [{ need: row.need, count: row.count }] : [])),
    intensity: intensity.map((row) => ({ intensity: row.intensity as Intensity, count: row.count })),
    firstContact: {
      contacted: contact?.contacted ?? 0,
      withinTarget: contact?.withinTarget ?? 0,
      overdue: contact?.overdue ?? 0,
      medianDays: contact?.medianDays ?? null,
    },
  }
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// Counts of referrals for reports. Every function takes a ReportScope (the services a reader may count across)
// and returns grouped counts only: no identifier of a person leaves this file.
import { and, eq, sql, type SQL } from 'drizzle-orm'
import type { ReportScope } from '../../platform/db/org-scope.ts'
import { inTenants } from '../../platform/db/tenant.ts'
import { postcodes } from '../directory/index.ts'
import { isEthnicCategory, isSex, people } from '../people/index.ts'
import { activityOutcomeOf, AGE_BANDS, type ActivityPeriod, type AgeBand, type ReferralActivity } from './activity.ts'
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
  const age = sql`extract(year from age((${referrals.receivedAt} at time zone ${LONDON})::date, ${people.dateOfBirth}))`
  const ageBand = sql<string>`case when ${age} < 18 then '0-17' when ${age} < 25 then '18-24' when ${age} < 35 then '25-34'
    when ${age} < 45 then '35-44' when ${age} < 55 then '45-54' when ${age} < 65 then '55-64' when ${age} < 75 then '65-74'
    when ${age} < 85 then '75-84' else '85+' end`
  const [byMonth, byReferrer, reasons, needs, intensity, [contact], equity] = await Promise.all([
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
    // People and postcodes are joined read-only (a person's own table and national reference data).
    scope.db
      .select({
        ageBand,
        imdDecile: postcodes.imdDecile,
        sex: people.sex,
        ethnicity: people.ethnicity,
        referred: count,
        // Accepted at any point: a referral withdrawn after it was allocated (it has an owner) still counts, so
        // the accepted column never falls below the contacted one.
        accepted: sql<number>`(count(*) filter (where ${referrals.status} not in ('requested', 'rejected') and (${referrals.status} <> 'cancelled' or ${referrals.ownerUserId} is not null)))::int`,
        contacted: sql<number>`(count(*) filter (where ${referrals.firstContactAt} is not null))::int`,
        // Connected to a community group at any point (the group took them on: the connections module moves the
        // referral to "connected"), whatever happened after.
        connected: sql<number>`(count(*) filter (where ${referrals.connectedAt} is not null))::int`,
      })
      .from(referrals)
      .innerJoin(people, and(eq(people.organisationId, referrals.organisationId), eq(people.id, referrals.personId)))
      .leftJoin(postcodes, eq(postcodes.postcode, people.postcode))
      .where(received(scope, period))
      .groupBy(ageBand, postcodes.imdDecile, people.sex, people.ethnicity),
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
    equity: equity.map((row) => ({
      ...row,
      ageBand: (AGE_BANDS as readonly string[]).includes(row.ageBand) ? (row.ageBand as AgeBand) : '85+',
      sex: isSex(row.sex) ? row.sex : null,
      ethnicity: isEthnicCategory(row.ethnicity) ? row.ethnicity : null,
    })),
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

// SPDX-License-Identifier: AGPL-3.0-or-later
// The referrals module's part in the retention schedule (issue 13): a person with a referral still open, or one
// changed within the retention period, is kept; otherwise what the referrer wrote about them is cleared, while the
// referral's dates, source, reasons coded, status and history stay for the reports.
import { gte, inArray, or, sql } from 'drizzle-orm'
import { anyOf, inTenant, updateTenantRowsWhereIn } from '../../platform/db/tenant.ts'
import type { RetentionPart } from '../../platform/module.ts'
import { OPEN_STATUSES } from './referral-status.ts'
import { referralEvents, referrals } from './referrals.table.ts'

export const referralsRetention: RetentionPart = {
  async stillActive(scope, personIds, since) {
    if (personIds.length === 0) return []
    const rows = await scope.db
      .selectDistinct({ personId: referrals.personId })
      .from(referrals)
      .where(
        inTenant(
          scope,
          referrals,
          anyOf(referrals.personId, personIds),
          or(inArray(referrals.status, [...OPEN_STATUSES]), gte(referrals.updatedAt, since)),
        ),
      )
    return rows.map((row) => row.personId)
  },
  async anonymise(scope, { personIds }) {
    if (personIds.length === 0) return 0
    const ids = (
      await scope.db
        .select({ id: referrals.id })
        .from(referrals)
        .where(inTenant(scope, referrals, anyOf(referrals.personId, personIds)))
    ).map((row) => row.id)
    const changed = await updateTenantRowsWhereIn(scope, referrals, referrals.id, ids, {
      reasonText: '',
      whatMatters: '',
      loneWorkingDetails: '',
      safeguardingDetails: '',
      personUpdates: null,
      // A final status must keep a reason (a check): the words go, the fact that there was one stays.
      statusReason: sql`case when ${referrals.statusReason} is null then null else '[removed]' end`,
    })
    return (
      changed +
      (await updateTenantRowsWhereIn(scope, referralEvents, referralEvents.referralId, ids, {
        reasonText: sql`case when ${referralEvents.reasonText} is null then null else '[removed]' end`,
      }))
    )
  },
}

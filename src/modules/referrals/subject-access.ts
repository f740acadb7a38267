// SPDX-License-Identifier: AGPL-3.0-or-later
// What the referrals module holds about a person, for their subject access export: their referrals and each one's
// history.
import { tenantRowsWhereIn } from '../../platform/db/tenant.ts'
import type { SubjectAccessSource } from '../../platform/module.ts'
import { referralEvents, referrals } from './referrals.table.ts'

export const referralsHeldRecords: SubjectAccessSource = async (scope, { personIds }) => {
  const held = await tenantRowsWhereIn(scope, referrals, referrals.personId, personIds)
  const ids = held.map((r) => String(r['id']))
  return [
    { title: 'Referrals', rows: held },
    { title: 'Referral history', rows: await tenantRowsWhereIn(scope, referralEvents, referralEvents.referralId, ids) },
  ]
}

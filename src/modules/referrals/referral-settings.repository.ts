// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AnyScope } from '../../platform/db/org-scope.ts'
import { isCountry, type ContactTargets } from './contact-target.ts'
import { referralSettings } from './referrals.table.ts'
import { inTenant } from '../../platform/db/tenant.ts'

export interface StoredReferralSettings extends ContactTargets {
  updatedByName: string
  updatedAt: Date
}

/** The service's contact-target settings, or undefined when it has never set them. */
export async function findReferralSettings(scope: AnyScope): Promise<StoredReferralSettings | undefined> {
  const [row] = await scope.db.select().from(referralSettings).where(inTenant(scope, referralSettings)).limit(1)
  if (!row) return undefined
  return {
    country: isCountry(row.country) ? row.country : 'england-and-wales',
    routineTargetWorkingDays: row.routineTargetWorkingDays,
    urgentTargetWorkingDays: row.urgentTargetWorkingDays,
    updatedByName: row.updatedByName,
    updatedAt: row.updatedAt,
  }
}

export async function upsertReferralSettings(
  scope: AnyScope,
  values: ContactTargets & { updatedByName: string; updatedAt: Date },
): Promise<void> {
  await scope.db
    .insert(referralSettings)
    .values({ organisationId: scope.organisationId, ...values })
    .onConflictDoUpdate({ target: referralSettings.organisationId, set: values })
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import { appendAuditEvent, type AuditActor } from '../../platform/audit/audit.service.ts'
import { inTransaction, type AnyScope, type OrgScope } from '../../platform/db/org-scope.ts'
import { DEFAULT_URGENT_TARGET_WORKING_DAYS, type ContactTargets } from './contact-target.ts'
import * as repo from './referral-settings.repository.ts'

// The installation's routine target (WAYMARK_CONTACT_TARGET_WORKING_DAYS), for services that set none.
let installationRoutineTarget = 10

/** Called once when the module registers. */
export function configureContactTargets(routineTargetWorkingDays: number): void {
  installationRoutineTarget = routineTargetWorkingDays
}

export interface ContactTargetSettings extends ContactTargets {
  /** Null until the service saves its own settings (the defaults apply). */
  updatedAt: Date | null
  updatedByName: string | null
}

/** The service's contact targets: its own, or the defaults (the installation's routine target, 2 urgent). */
export async function getContactTargets(scope: AnyScope): Promise<ContactTargetSettings> {
  const stored = await repo.findReferralSettings(scope)
  if (stored) return stored
  return {
    country: 'england-and-wales',
    routineTargetWorkingDays: installationRoutineTarget,
    urgentTargetWorkingDays: Math.min(DEFAULT_URGENT_TARGET_WORKING_DAYS, installationRoutineTarget),
    updatedAt: null,
    updatedByName: null,
  }
}

/** Saves the service's contact targets; they apply to referrals received from now on. Audited. */
export async function saveContactTargets(
  scope: OrgScope,
  targets: ContactTargets,
  actor: { audit: AuditActor; name: string },
  options: { now?: Date } = {},
): Promise<void> {
  const now = options.now ?? new Date()
  await scope.db.transaction(async (tx) => {
    await repo.upsertReferralSettings(inTransaction(scope, tx), {
      ...targets,
      updatedByName: actor.name,
      updatedAt: now,
    })
    await appendAuditEvent(tx, actor.audit, {
      action: 'contact-targets-change',
      recordType: 'organisation',
      recordId: scope.organisationId,
      details: { ...targets },
    })
  })
}

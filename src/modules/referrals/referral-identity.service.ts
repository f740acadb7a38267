// SPDX-License-Identifier: AGPL-3.0-or-later
// "Identity to confirm": a referral whose NHS number and date of birth match a person the service holds under
// another name or address keeps what the referrer typed on a record of its own; a link worker confirms who it
// is. See identity-match.ts in the people module for the rule.
import { appendAuditEvent, recordAuditEvent, type AuditActor } from '../../platform/audit/audit.service.ts'
import type { Database } from '../../platform/db/database.ts'
import { inTransaction, scopeForSystemTask, type OrgScope } from '../../platform/db/org-scope.ts'
import {
  IDENTITY_RESOLUTION_LABELS,
  identityDifferencesFor,
  resolvePersonIdentity,
  type IdentityDifference,
  type IdentityOutcome,
  type IdentityResolution,
  type PersonDetails,
} from '../people/index.ts'
import type { ChangeActor } from './referral.service.ts'
import { ReferralsError } from './referrals.errors.ts'
import * as repo from './referrals.repository.ts'
import * as referenceRepo from './reference.repository.ts'

/**
 * For check your answers, before a referral is sent: would the person match a record of the receiving service
 * by NHS number and date of birth but not by name or address? Only the kind of difference is returned, never
 * what the service holds. Audited on the referrer's chain as `identity-check`.
 */
export async function identityCheckBeforeSending(
  db: Database,
  receivingOrganisationId: string,
  person: PersonDetails,
  origin: AuditActor,
): Promise<IdentityDifference[]> {
  if (!person.nhsNumber) return []
  const service = await referenceRepo.findOrganisation(db, receivingOrganisationId)
  if (!service) return []
  const scope = scopeForSystemTask(db, service, 'a referrer checks the person against the receiving service’s records')
  const differences = await identityDifferencesFor(scope, person)
  await recordAuditEvent(db, origin, {
    action: 'identity-check',
    recordType: 'referral-draft',
    details: { service: service.id, differences: differences.join(',') },
  })
  return differences
}

/**
 * Confirms who a referral is about (see `resolvePersonIdentity` for what each answer does to the records), clears
 * "identity to confirm" and notes it in the referral's history (not shown to the referrer). Refuses a stale
 * version, and a referral that has nothing to confirm. Audited as `referral-identity-resolve`.
 */
export async function resolveReferralIdentity(
  scope: OrgScope,
  change: { referralId: string; expectedVersion: number; resolution: IdentityResolution },
  actor: ChangeActor,
  options: { now?: Date } = {},
): Promise<IdentityOutcome> {
  const now = options.now ?? new Date()
  return scope.db.transaction(async (tx) => {
    const txScope = inTransaction(scope, tx)
    const found = await repo.findReferralRow(txScope, change.referralId)
    if (!found) throw new ReferralsError('REFERRALS_NOT_FOUND')
    const referral = found.referral
    if (!referral.identityToConfirm || !referral.identityMatchPersonId)
      throw new ReferralsError('REFERRALS_IDENTITY_CONFIRMED')
    if (referral.version !== change.expectedVersion) throw new ReferralsError('REFERRALS_CHANGED_BY_SOMEONE_ELSE')
    const outcome = await resolvePersonIdentity(
      txScope,
      {
        referralPersonId: referral.personId,
        heldPersonId: referral.identityMatchPersonId,
        resolution: change.resolution,
      },
      actor,
      { now },
    )
    const updated = await repo.updateReferral(txScope, referral.id, change.expectedVersion, {
      identityToConfirm: false,
      identityResolution: change.resolution,
      identityResolvedAt: now,
      identityResolvedByName: actor.name,
      updatedAt: now,
    })
    if (!updated) throw new ReferralsError('REFERRALS_CHANGED_BY_SOMEONE_ELSE')
    await repo.insertEvent(txScope, {
      referralId: referral.id,
      occurredAt: now,
      actorUserId: actor.userId,
      actorName: actor.name,
      fromStatus: referral.status,
      toStatus: referral.status,
      businessStatus: referral.businessStatus,
      reasonCode: `identity-${change.resolution}`,
      reasonText: `Identity confirmed. ${IDENTITY_RESOLUTION_LABELS[change.resolution]}`,
      visibleToReferrer: false,
    })
    await appendAuditEvent(tx, actor.audit, {
      action: 'referral-identity-resolve',
      recordType: 'referral',
      recordId: referral.id,
      details: { resolution: change.resolution, personId: outcome.personId },
    })
    return outcome
  })
}

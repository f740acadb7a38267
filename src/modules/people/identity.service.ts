// SPDX-License-Identifier: AGPL-3.0-or-later
import { appendAuditEvent } from '../../platform/audit/audit.service.ts'
import type { AnyScope, TxScope } from '../../platform/db/org-scope.ts'
import type { PeopleActor } from './flags.service.ts'
import { identityDifferences, type IdentityDifference, type IdentityResolution } from './identity-match.ts'
import { checkMerge } from './merges.ts'
import * as mergesRepo from './merges.repository.ts'
import { PeopleError } from './people.errors.ts'
import type { PersonDetails } from './person.ts'
import * as repo from './people.repository.ts'

/**
 * Before a referral is sent: would its person match a record the service holds by NHS number and date of
 * birth but differ in name or address? Returns the differences only, never the held details: the referrer
 * is outside the service and learns no more than "check these details".
 */
export async function identityDifferencesFor(scope: AnyScope, details: PersonDetails): Promise<IdentityDifference[]> {
  if (!details.nhsNumber) return []
  const roots = await repo.findExactMatchRoots(scope, details.nhsNumber, details.dateOfBirth)
  const held = roots.length > 0 ? await repo.findPeople(scope, roots) : []
  const differences = held.map((p) => identityDifferences(p, details))
  // The same rule as findOrCreatePersonForReferral: any record that agrees means there is nothing to confirm.
  if (differences.length === 0 || differences.some((d) => d.length === 0)) return []
  return differences[0]!
}

/** What the referral's record became once its identity was confirmed. */
export interface IdentityOutcome {
  resolution: IdentityResolution
  /** The record that now holds the person the referral is about. */
  personId: string
}

/**
 * Resolves a referral whose person matched a held record by identifiers but not by name or address, inside
 * the caller's transaction, audited as `person-identity-resolve`:
 * - `new-details`: the same person with a new name or address. The referral's record is merged into the held
 *   one (reversibly, as any merge) and the held record takes the referral's name and address.
 * - `details-held`: the same person; the held details stand. The referral's record is merged into the held one.
 * - `different-person`: not the same person, so the NHS number on the referral's record is wrong: it is cleared
 *   (to be checked with the person or their GP) and the two records stay apart.
 */
export async function resolvePersonIdentity(
  scope: TxScope,
  match: { referralPersonId: string; heldPersonId: string; resolution: IdentityResolution },
  actor: PeopleActor,
  options: { now?: Date } = {},
): Promise<IdentityOutcome> {
  const now = options.now ?? new Date()
  const referred = await repo.lockPerson(scope, match.referralPersonId)
  const held = await repo.lockPerson(scope, match.heldPersonId)
  if (!referred || !held) throw new PeopleError('PEOPLE_NOT_FOUND')
  let personId = referred.id
  if (match.resolution === 'different-person') {
    await repo.updatePersonDetails(scope, referred.id, { nhsNumber: null }, now)
  } else {
    const problem = checkMerge(held, referred, await mergesRepo.countMergedInto(scope, referred.id))
    if (problem === 'already-merged' && referred.mergedIntoPersonId === held.id) personId = held.id
    else if (problem) throw new PeopleError('PEOPLE_MERGE_ALREADY_MERGED')
    else {
      await mergesRepo.setMergedInto(scope, referred.id, held.id, now)
      await mergesRepo.insertMerge(scope, {
        keptPersonId: held.id,
        mergedPersonId: referred.id,
        reason:
          match.resolution === 'new-details'
            ? 'Identity confirmed: the same person, with a new name or address'
            : 'Identity confirmed: the same person, with the details already held',
        mergedByUserId: actor.userId,
        mergedByName: actor.name,
        mergedAt: now,
      })
      personId = held.id
    }
    if (match.resolution === 'new-details') {
      const patch: Partial<PersonDetails> = { givenName: referred.givenName, familyName: referred.familyName }
      if (referred.postcode) {
        patch.addressLine1 = referred.addressLine1
        patch.addressLine2 = referred.addressLine2
        patch.town = referred.town
        patch.postcode = referred.postcode
      }
      await repo.updatePersonDetails(scope, held.id, patch, now)
    }
  }
  await appendAuditEvent(scope.db, actor.audit, {
    action: 'person-identity-resolve',
    recordType: 'person',
    recordId: personId,
    details: { resolution: match.resolution, referralPersonId: referred.id, heldPersonId: held.id },
  })
  return { resolution: match.resolution, personId }
}

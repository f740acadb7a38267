// SPDX-License-Identifier: AGPL-3.0-or-later
import { appendAuditEvent } from '../../platform/audit/audit.service.ts'
import type { OrgScope } from '../../platform/db/org-scope.ts'
import { AppError } from '../../platform/http/errors.ts'
import { findLeafletProfile, openCase, type ChangeActor } from '../casework/index.ts'
import { readListing } from '../directory/index.ts'
import type { LeafletData, LeafletPlan, ServiceContact } from './leaflet.ts'
import { findLeafletPlan } from './leaflet.repository.ts'
import { PlansError } from './plans.errors.ts'

export type LeafletResult =
  | { kind: 'leaflet'; data: LeafletData }
  | { kind: 'no-plan'; referralId: string; personName: string }

/**
 * Reads everything the leaflet prints, for the link worker the person is allocated to (anyone else gets the
 * casework module's 404). Audits the view or download of the plan, or of the episode when there is no plan.
 */
export async function readLeaflet(
  scope: OrgScope,
  referralId: string,
  actor: ChangeActor,
  purpose: 'view' | 'download',
): Promise<LeafletResult> {
  const { referral, episode } = await openCase(scope, referralId, actor)
  const personName = `${referral.person.givenName} ${referral.person.familyName}`
  const plan = await findLeafletPlan(scope, episode.id)
  if (!plan) {
    await scope.db.transaction(async (tx) => {
      await appendAuditEvent(tx, actor.audit, { action: 'view', recordType: 'episode', recordId: episode.id })
    })
    return { kind: 'no-plan', referralId, personName }
  }
  const linkWorker = await findLeafletProfile(scope, episode.linkWorkerUserId)
  // The allocated link worker is a member of the service (openCase checked the actor is that person).
  if (!linkWorker) throw new PlansError('PLANS_NOT_FOUND')
  const serviceContacts = await readServiceContacts(scope, plan)
  await scope.db.transaction(async (tx) => {
    await appendAuditEvent(tx, actor.audit, {
      action: purpose,
      recordType: 'plan',
      recordId: plan.id,
      details: { version: plan.version, status: plan.status, episodeId: episode.id },
    })
  })
  return {
    kind: 'leaflet',
    data: {
      referralId,
      reference: referral.reference,
      personName,
      plan,
      linkWorker,
      serviceContacts,
      episodeNextReviewOn: episode.nextReviewOn,
    },
  }
}

/**
 * How to reach each directory service the plan links, through the directory's public API. A plan holds a
 * handful of services (six at most), so reading each listing is bounded. A listing that has gone, or is no
 * longer open, prints without contact details: the plan keeps its name and notes.
 */
async function readServiceContacts(scope: OrgScope, plan: LeafletPlan): Promise<Map<string, ServiceContact>> {
  const ids = [...new Set(plan.services.map((s) => s.directoryServiceId).filter((id): id is string => id !== null))]
  const found = await Promise.all(
    ids.map(async (id): Promise<[string, ServiceContact] | null> => {
      try {
        const { snapshot } = await readListing(scope, id)
        if (snapshot.service.status !== 'active') return null
        const location = snapshot.location
        return [
          id,
          {
            phone: snapshot.contact.phone,
            email: snapshot.service.email,
            website: snapshot.service.url,
            address: location
              ? [location.name, location.address1, location.address2, location.city, location.postalCode]
                  .filter(Boolean)
                  .join(', ') || null
              : null,
          },
        ]
      } catch (error) {
        if (error instanceof AppError && error.code === 'DIRECTORY_SERVICE_NOT_FOUND') return null
        throw error
      }
    }),
  )
  return new Map(found.filter((entry): entry is [string, ServiceContact] => entry !== null))
}

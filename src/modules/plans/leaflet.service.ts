// SPDX-License-Identifier: AGPL-3.0-or-later
import { appendAuditEvent } from '../../platform/audit/audit.service.ts'
import type { OrgScope } from '../../platform/db/org-scope.ts'
import { findCurrentConversation, findLeafletProfile, openCase, type ChangeActor } from '../casework/index.ts'
import { buildSheet } from '../directory/index.ts'
import type { LeafletConnection, LeafletData, LeafletPlan, ServiceContact } from './leaflet.ts'
import { findLeafletPlan } from './leaflet.repository.ts'
import { PlansError } from './plans.errors.ts'

/**
 * The groups an episode's person is connected to, for their leaflet: the connections module provides it (it builds
 * on plans, so plans cannot ask it directly). Until it registers, the leaflet shows the plan alone.
 */
type LeafletConnectionsSource = (scope: OrgScope, episodeId: string) => Promise<LeafletConnection[]>
let leafletConnectionsSource: LeafletConnectionsSource = () => Promise.resolve([])

/** Called once by the connections module when it registers. */
export function useLeafletConnectionsSource(source: LeafletConnectionsSource): void {
  leafletConnectionsSource = source
}

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
  const connections = await leafletConnectionsSource(scope, episode.id)
  const serviceContacts = await readServiceContacts(scope, plan, connections)
  const conversation = await findCurrentConversation(scope, episode.id)
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
      whatMatters: conversation?.whatMatters || referral.whatMatters || null,
      connections,
    },
  }
}

/**
 * When and where each directory service the plan links runs, and how to reach it, read from the directory in a
 * fixed number of queries. A listing that has gone, or is no longer open, prints without them: the plan keeps
 * its name and notes.
 */
async function readServiceContacts(
  scope: OrgScope,
  plan: LeafletPlan,
  connections: readonly LeafletConnection[],
): Promise<Map<string, ServiceContact>> {
  const ids = [
    ...new Set([
      ...plan.services.map((s) => s.directoryServiceId).filter((id): id is string => id !== null),
      ...connections.map((c) => c.directoryServiceId),
    ]),
  ]
  if (ids.length === 0) return new Map()
  const items = await buildSheet(scope, ids, null)
  return new Map(
    items
      .filter((item) => item.active)
      .map((item) => [
        item.id,
        {
          when: item.when,
          next: item.next,
          phone: item.phones[0] ?? null,
          email: item.email,
          website: item.url,
          address: item.where,
        },
      ]),
  )
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ServiceContact } from '../referrals/index.ts'
import { appendAuditEvent } from '../../platform/audit/audit.service.ts'
import { inTransaction, type AnyScope, type OrgScope } from '../../platform/db/org-scope.ts'
import { CaseworkError } from './casework.errors.ts'
import type { ChangeActor } from './casework.service.ts'
import {
  photoHrefFor,
  type LeafletProfile,
  type LinkWorkerProfile,
  type Photo,
  type PhotoChange,
  type ProfileDetails,
} from './link-worker-profile.ts'
import * as repo from './link-workers.repository.ts'

/** The leaflet profile of a member of the service (empty fields until they save it). */
export async function getLinkWorkerProfile(scope: AnyScope, userId: string): Promise<LinkWorkerProfile> {
  const row = await repo.findProfile(scope, userId)
  if (!row) throw new CaseworkError('CASEWORK_NOT_FOUND')
  return row
}

/** Saves the link worker's own leaflet details and photo; saving the same thing twice changes nothing else. */
export async function saveLinkWorkerProfile(
  scope: OrgScope,
  details: ProfileDetails,
  photo: PhotoChange,
  actor: ChangeActor,
  options: { now?: Date } = {},
): Promise<void> {
  const now = options.now ?? new Date()
  if (!actor.userId) throw new CaseworkError('CASEWORK_NOT_FOUND')
  const userId = actor.userId
  await scope.db.transaction(async (tx) => {
    await repo.upsertProfile(inTransaction(scope, tx), userId, details, photo, now)
    await appendAuditEvent(tx, actor.audit, {
      action: 'link-worker-profile-change',
      recordType: 'link-worker',
      recordId: userId,
      details: { photo: photo.kind },
    })
  })
}

/**
 * What a plan leaflet prints about a link worker: their leaflet name (or their account name until they set
 * one), work contact details and photo. Undefined for someone who is not a member of the service.
 */
export async function findLeafletProfile(scope: AnyScope, userId: string): Promise<LeafletProfile | undefined> {
  const row = await repo.findProfile(scope, userId)
  if (!row) return undefined
  const photo = row.hasPhoto ? ((await repo.findPhoto(scope, userId)) ?? null) : null
  return {
    userId,
    name: row.leafletName || row.displayName,
    workPhone: row.workPhone,
    workEmail: row.workEmail,
    availability: row.availability,
    photo,
    photoHref: photo ? photoHrefFor(userId, row.updatedAt) : null,
  }
}

/**
 * A link worker's work contact details for a GP or referrer (the message back): their leaflet name and work
 * phone, email and hours. No photo.
 */
export async function findWorkContact(scope: AnyScope, userId: string): Promise<ServiceContact | null> {
  const row = await repo.findProfile(scope, userId)
  if (!row) return null
  return {
    name: row.leafletName || row.displayName,
    phone: row.workPhone,
    email: row.workEmail,
    hours: row.availability,
  }
}

/** A colleague's photo, for pages and leaflets; only within the same service. */
export async function readLinkWorkerPhoto(scope: AnyScope, userId: string): Promise<Photo> {
  const photo = await repo.findPhoto(scope, userId)
  if (!photo) throw new CaseworkError('CASEWORK_NOT_FOUND')
  return photo
}

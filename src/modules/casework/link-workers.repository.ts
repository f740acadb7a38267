// SPDX-License-Identifier: AGPL-3.0-or-later
import { and, eq } from 'drizzle-orm'
import type { AnyScope, TxScope } from '../../platform/db/org-scope.ts'
import { memberships, users } from '../identity/index.ts'
import { isPhotoType, type Photo, type PhotoChange, type ProfileDetails } from './link-worker-profile.ts'
import { linkWorkers } from './casework.table.ts'
import { inTenant } from '../../platform/db/tenant.ts'

export interface ProfileRow extends ProfileDetails {
  userId: string
  displayName: string
  hasPhoto: boolean
  updatedAt: Date | null
}

/**
 * A member of the service with their leaflet profile, if they have saved one. Starts from the membership so
 * someone from another organisation is never found, whether or not a profile row exists.
 */
export async function findProfile(scope: AnyScope, userId: string): Promise<ProfileRow | undefined> {
  const [row] = await scope.db
    .select({
      userId: users.id,
      displayName: users.displayName,
      leafletName: linkWorkers.leafletName,
      workPhone: linkWorkers.workPhone,
      workEmail: linkWorkers.workEmail,
      availability: linkWorkers.availability,
      // Not the photo itself: the page only needs to know there is one.
      hasPhoto: linkWorkers.photoContentType,
      updatedAt: linkWorkers.updatedAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(
      linkWorkers,
      and(eq(linkWorkers.organisationId, memberships.organisationId), eq(linkWorkers.userId, memberships.userId)),
    )
    .where(inTenant(scope, memberships, eq(memberships.userId, userId)))
    .limit(1)
  if (!row) return undefined
  return {
    userId: row.userId,
    displayName: row.displayName,
    leafletName: row.leafletName ?? '',
    workPhone: row.workPhone ?? '',
    workEmail: row.workEmail ?? '',
    availability: row.availability ?? '',
    hasPhoto: row.hasPhoto !== null,
    updatedAt: row.updatedAt,
  }
}

export async function findPhoto(scope: AnyScope, userId: string): Promise<Photo | undefined> {
  const [row] = await scope.db
    .select({ content: linkWorkers.photo, contentType: linkWorkers.photoContentType })
    .from(linkWorkers)
    .where(inTenant(scope, linkWorkers, eq(linkWorkers.userId, userId)))
  if (!row?.content || !isPhotoType(row.contentType)) return undefined
  return { content: row.content, contentType: row.contentType }
}

/**
 * Writes the profile columns only. The same row holds the supervisor's capacity figure (written elsewhere),
 * so an update never touches it and an insert leaves it empty.
 */
export async function upsertProfile(
  scope: TxScope,
  userId: string,
  details: ProfileDetails,
  photo: PhotoChange,
  now: Date,
): Promise<void> {
  const photoColumns =
    photo.kind === 'replace'
      ? { photo: photo.photo.content, photoContentType: photo.photo.contentType }
      : photo.kind === 'remove'
        ? { photo: null, photoContentType: null }
        : {}
  await scope.db
    .insert(linkWorkers)
    .values({ organisationId: scope.organisationId, userId, ...details, ...photoColumns, updatedAt: now })
    .onConflictDoUpdate({
      target: [linkWorkers.organisationId, linkWorkers.userId],
      set: { ...details, ...photoColumns, updatedAt: now },
    })
}

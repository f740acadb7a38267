// SPDX-License-Identifier: AGPL-3.0-or-later
// Changes a group proposes through its provider link, and a directory editor approving or rejecting them.
import { hashSecret, newSecret } from '../../platform/security/secrets.ts'
import { appendAuditEvent, type AuditActor } from '../../platform/audit/audit.service.ts'
import type { Database } from '../../platform/db/database.ts'
import type { OrgScope } from '../../platform/db/org-scope.ts'
import { ukNow } from './schedules.ts'
import { DirectoryError } from './directory.errors.ts'
import {
  decideVersion,
  findLatestApprovedVersion,
  findProviderLinkByTokenHash,
  findVersion,
  insertProviderLink,
  insertVersion,
  listPendingVersions,
  listVersions,
  markProviderLinkUsed,
} from './versions.repository.ts'
import { findService, listContactsForService, markServiceAssured, writeListing } from './directory.repository.ts'
import type { AreaScope } from '../../platform/db/org-scope.ts'
import { diffListings, readListing, type ListingSnapshot } from './listing-snapshot.service.ts'
import { resolveOrganization, toWrite, type Editor } from './directory.service.ts'

// ---------------------------------------------------------------------------------------------------------
// Provider links: signed (random token, hash stored), expiring, sent only to the listing's contact.

export const PROVIDER_LINK_DAYS = 14

export const hashToken = hashSecret

/** Creates a link for a listing's contact; returns the token (for the email) and where it goes. */
export async function createProviderLink(
  scope: AreaScope<Database>,
  serviceId: string,
  reason: 'staff' | 'freshness-job',
  auditActor: AuditActor,
): Promise<{ token: string; sentTo: string; serviceName: string }> {
  const found = await findService(scope, serviceId)
  if (!found) throw new DirectoryError('DIRECTORY_SERVICE_NOT_FOUND')
  const { contacts } = await listContactsForService(scope, serviceId)
  const contact = contacts.find((c) => c.isListingContact && c.email) ?? contacts.find((c) => c.email)
  const sentTo = contact?.email ?? found.service.email
  if (!sentTo) throw new DirectoryError('DIRECTORY_NO_CONTACT_EMAIL')
  const token = newSecret()
  await scope.db.transaction(async (tx) => {
    await insertProviderLink(
      { areaId: scope.areaId, db: tx },
      {
        serviceId,
        tokenHash: hashToken(token),
        sentTo,
        reason,
        expiresAt: new Date(Date.now() + PROVIDER_LINK_DAYS * 86_400_000),
      },
    )
    await appendAuditEvent(tx, auditActor, {
      action: 'directory.provider-link.create',
      recordType: 'directory-service',
      recordId: serviceId,
      details: { reason },
    })
  })
  return { token, sentTo, serviceName: found.service.name }
}

export function providerLinkEmail(
  publicUrl: string,
  token: string,
  serviceName: string,
): { subject: string; text: string } {
  return {
    subject: `Please check your listing: ${serviceName}`,
    text:
      `Link workers use our directory to suggest ${serviceName} to people who might benefit.\n\n` +
      `Please check the listing is still right, and update it if anything has changed (times, place, cost, contact):\n` +
      `${publicUrl}/directory/update/${token}\n\n` +
      `The link works for ${PROVIDER_LINK_DAYS} days. You do not need an account. Changes are checked by the directory team before they appear.\n`,
  }
}

/**
 * Opens a provider link. The token is the credential: it names the area and the listing, so the scope is
 * built from it (this is the written exception to "scopes come from a signed-in request").
 */
export async function openProviderLink(db: Database, token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new DirectoryError('DIRECTORY_LINK_INVALID')
  const link = await findProviderLinkByTokenHash(db, hashToken(token))
  if (!link || link.expiresAt.getTime() < Date.now()) throw new DirectoryError('DIRECTORY_LINK_INVALID')
  const scope: AreaScope<Database> = { areaId: link.areaId, db }
  const listing = await readListing(scope, link.serviceId)
  return { link, scope, ...listing }
}

/** The provider sends changes: they wait for an editor as a pending version. */
export async function submitProviderChanges(
  db: Database,
  token: string,
  snapshot: ListingSnapshot,
  auditActor: AuditActor,
): Promise<void> {
  const opened = await openProviderLink(db, token)
  await db.transaction(async (tx) => {
    const txScope = { areaId: opened.link.areaId, db: tx }
    await insertVersion(txScope, {
      serviceId: opened.link.serviceId,
      state: 'pending',
      baseVersion: opened.version,
      // The provider cannot move the listing to another organisation or publish what staff hid.
      snapshot: {
        ...snapshot,
        organizationId: opened.snapshot.organizationId,
        organizationName: opened.snapshot.organizationName,
        service: { ...snapshot.service, public: opened.snapshot.service.public },
      },
      source: 'provider',
      submittedByEmail: opened.link.sentTo,
    })
    await markProviderLinkUsed(txScope, opened.link.id)
    await appendAuditEvent(tx, auditActor, {
      action: 'directory.provider.submit',
      recordType: 'directory-service',
      recordId: opened.link.serviceId,
    })
  })
}

/** The provider says nothing has changed: that verifies the listing today, no approval needed. */
export async function confirmByProvider(db: Database, token: string, auditActor: AuditActor): Promise<void> {
  const opened = await openProviderLink(db, token)
  await db.transaction(async (tx) => {
    const txScope = { areaId: opened.link.areaId, db: tx }
    await markServiceAssured(txScope, opened.link.serviceId, {
      date: ukNow().today,
      name: `${opened.snapshot.organizationName} (provider)`,
      email: opened.link.sentTo,
    })
    await markProviderLinkUsed(txScope, opened.link.id)
    await appendAuditEvent(tx, auditActor, {
      action: 'directory.provider.confirm',
      recordType: 'directory-service',
      recordId: opened.link.serviceId,
    })
  })
}

export async function getPendingChange(scope: OrgScope, versionId: string) {
  const version = await findVersion(scope, versionId)
  if (!version) throw new DirectoryError('DIRECTORY_VERSION_NOT_FOUND')
  const current = await readListing(scope, version.serviceId)
  const approved = await findLatestApprovedVersion(scope, version.serviceId)
  const base = (approved?.snapshot as ListingSnapshot | undefined) ?? current.snapshot
  return {
    version,
    current,
    diff: diffListings(base, version.snapshot as ListingSnapshot),
    // The listing changed after the provider opened their link: the editor should know.
    outdated: version.baseVersion !== current.version,
  }
}

export async function approveChange(
  scope: OrgScope,
  editor: Editor,
  versionId: string,
  auditActor: AuditActor,
): Promise<string> {
  const version = await findVersion(scope, versionId)
  if (!version) throw new DirectoryError('DIRECTORY_VERSION_NOT_FOUND')
  if (version.state !== 'pending') throw new DirectoryError('DIRECTORY_VERSION_DECIDED')
  const snapshot = version.snapshot as ListingSnapshot
  await scope.db.transaction(async (tx) => {
    const txScope = { areaId: scope.areaId, db: tx }
    if (!(await decideVersion(txScope, versionId, { state: 'approved', userId: editor.userId, note: null })))
      throw new DirectoryError('DIRECTORY_VERSION_DECIDED')
    const organizationId = await resolveOrganization(txScope, snapshot)
    const { version: newVersion } = await writeListing(txScope, version.serviceId, toWrite(snapshot, organizationId), {
      date: ukNow().today,
      name: `${snapshot.organizationName} (provider), approved by ${editor.displayName}`,
      email: version.submittedByEmail,
    })
    await insertVersion(txScope, {
      serviceId: version.serviceId,
      state: 'approved',
      baseVersion: newVersion,
      snapshot: { ...snapshot, organizationId },
      source: 'provider',
      submittedByEmail: version.submittedByEmail,
      decidedByUserId: editor.userId,
      decidedAt: new Date(),
    })
    await appendAuditEvent(tx, auditActor, {
      action: 'directory.change.approve',
      recordType: 'directory-service',
      recordId: version.serviceId,
      details: { versionId },
    })
  })
  return version.serviceId
}

export async function rejectChange(
  scope: OrgScope,
  editor: Editor,
  versionId: string,
  note: string | null,
  auditActor: AuditActor,
): Promise<string> {
  const version = await findVersion(scope, versionId)
  if (!version) throw new DirectoryError('DIRECTORY_VERSION_NOT_FOUND')
  await scope.db.transaction(async (tx) => {
    const txScope = { areaId: scope.areaId, db: tx }
    if (!(await decideVersion(txScope, versionId, { state: 'rejected', userId: editor.userId, note })))
      throw new DirectoryError('DIRECTORY_VERSION_DECIDED')
    await appendAuditEvent(tx, auditActor, {
      action: 'directory.change.reject',
      recordType: 'directory-service',
      recordId: version.serviceId,
      details: { versionId },
    })
  })
  return version.serviceId
}

/** A listing's versions, newest first, for its history page. */
export async function listListingVersions(scope: AreaScope, serviceId: string) {
  return listVersions(scope, serviceId)
}

/** Changes groups have proposed that wait for an editor's review, for the dashboard. */
export async function listChangesWaiting(scope: AreaScope) {
  return listPendingVersions(scope)
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// A listing: as people edit it, as versions store it and diffs compare it, and staff editing it.
import { appendAuditEvent, type AuditActor } from '../../platform/audit/audit.service.ts'
import type { Tx } from '../../platform/db/database.ts'
import type { OrgScope } from '../../platform/db/org-scope.ts'
import { type OrganizationDetails } from './directory.ts'
import { ukNow } from './schedules.ts'
import { listCommunityProviders } from '../identity/index.ts'
import { DirectoryError } from './directory.errors.ts'
import { insertVersion } from './versions.repository.ts'
import {
  findOrganization,
  findOrganizationByName,
  insertOrganization,
  updateOrganization,
  listServicesRunBy,
  setProviderOfServiceOrganization,
} from './organizations.repository.ts'
import {
  findService,
  markServiceAssured,
  setServiceStatus,
  writeListing,
  type ListingWrite,
} from './directory.repository.ts'
import { readListing, type ListingSnapshot } from './listing-snapshot.service.ts'
import type { AreaScope } from '../../platform/db/org-scope.ts'

export async function resolveOrganization(scope: AreaScope<Tx>, snapshot: ListingSnapshot): Promise<string> {
  if (snapshot.organizationId) {
    const existing = await findOrganization(scope, snapshot.organizationId)
    if (existing) return existing.id
  }
  const byName = await findOrganizationByName(scope, snapshot.organizationName)
  if (byName) return byName.id
  return insertOrganization(scope, { name: snapshot.organizationName })
}

export function toWrite(snapshot: ListingSnapshot, organizationId: string): ListingWrite {
  return {
    organizationId,
    service: snapshot.service,
    needs: snapshot.needs,
    ways: snapshot.ways,
    location: snapshot.location,
    schedules: snapshot.schedules,
    costs: snapshot.costs,
    contact: snapshot.contact,
  }
}

export interface Editor {
  userId: string
  displayName: string
  email: string
}

/** An editor creates a listing: it is live at once, verified today by them, and version 1 is recorded. */
export async function createListing(
  scope: OrgScope,
  editor: Editor,
  snapshot: ListingSnapshot,
  auditActor: AuditActor,
): Promise<string> {
  return scope.db.transaction(async (tx) => {
    const txScope = { areaId: scope.areaId, db: tx }
    const organizationId = await resolveOrganization(txScope, snapshot)
    const saved = { ...snapshot, organizationId }
    const { serviceId, version } = await writeListing(txScope, null, toWrite(saved, organizationId), {
      date: ukNow().today,
      name: editor.displayName,
      email: editor.email,
    })
    await insertVersion(txScope, {
      serviceId,
      state: 'approved',
      baseVersion: version,
      snapshot: saved,
      source: 'staff',
      submittedByUserId: editor.userId,
      decidedByUserId: editor.userId,
      decidedAt: new Date(),
    })
    await appendAuditEvent(tx, auditActor, {
      action: 'directory.listing.create',
      recordType: 'directory-service',
      recordId: serviceId,
    })
    return serviceId
  })
}

/** An editor changes a listing; the change is approved by making it, and it counts as a verification. */
export async function updateListing(
  scope: OrgScope,
  editor: Editor,
  serviceId: string,
  snapshot: ListingSnapshot,
  auditActor: AuditActor,
): Promise<void> {
  await scope.db.transaction(async (tx) => {
    const txScope = { areaId: scope.areaId, db: tx }
    const organizationId = await resolveOrganization(txScope, snapshot)
    const saved = { ...snapshot, organizationId }
    const { version } = await writeListing(txScope, serviceId, toWrite(saved, organizationId), {
      date: ukNow().today,
      name: editor.displayName,
      email: editor.email,
    })
    await insertVersion(txScope, {
      serviceId,
      state: 'approved',
      baseVersion: version,
      snapshot: saved,
      source: 'staff',
      submittedByUserId: editor.userId,
      decidedByUserId: editor.userId,
      decidedAt: new Date(),
    })
    await appendAuditEvent(tx, auditActor, {
      action: 'directory.listing.update',
      recordType: 'directory-service',
      recordId: serviceId,
    })
  })
}

export async function updateOrganizationDetails(
  scope: OrgScope,
  organizationId: string,
  values: OrganizationDetails,
  auditActor: AuditActor,
): Promise<void> {
  await scope.db.transaction(async (tx) => {
    const txScope = { areaId: scope.areaId, db: tx }
    if (!(await findOrganization(txScope, organizationId))) throw new DirectoryError('DIRECTORY_SERVICE_NOT_FOUND')
    if (
      values.providerOrganisationId &&
      !(await listCommunityProviders(tx, scope.areaId)).some((p) => p.id === values.providerOrganisationId)
    )
      throw new DirectoryError('DIRECTORY_PROVIDER_NOT_FOUND')
    await updateOrganization(txScope, organizationId, values)
    await appendAuditEvent(tx, auditActor, {
      action: 'directory.organization.update',
      recordType: 'directory-organization',
      recordId: organizationId,
      details: { providerOrganisationId: values.providerOrganisationId },
    })
  })
}

/** "Temporarily closed", "closed for good" or "running again", in one step. */
export async function changeServiceStatus(
  scope: OrgScope,
  editor: Editor,
  serviceId: string,
  status: 'active' | 'temporarily closed' | 'defunct',
  auditActor: AuditActor,
): Promise<void> {
  const { snapshot } = await readListing(scope, serviceId)
  await scope.db.transaction(async (tx) => {
    const txScope = { areaId: scope.areaId, db: tx }
    const version = await setServiceStatus(txScope, serviceId, status)
    if (version === null) throw new DirectoryError('DIRECTORY_SERVICE_NOT_FOUND')
    await insertVersion(txScope, {
      serviceId,
      state: 'approved',
      baseVersion: version,
      snapshot: { ...snapshot, service: { ...snapshot.service, status } },
      source: 'staff',
      submittedByUserId: editor.userId,
      decidedByUserId: editor.userId,
      decidedAt: new Date(),
    })
    await appendAuditEvent(tx, auditActor, {
      action: 'directory.listing.status',
      recordType: 'directory-service',
      recordId: serviceId,
      details: { status },
    })
  })
}

/** An editor confirms a listing is still right (after a phone call, say): it is verified today. */
export async function confirmListing(
  scope: OrgScope,
  editor: Editor,
  serviceId: string,
  auditActor: AuditActor,
): Promise<void> {
  await scope.db.transaction(async (tx) => {
    const txScope = { areaId: scope.areaId, db: tx }
    if (!(await findService(txScope, serviceId))) throw new DirectoryError('DIRECTORY_SERVICE_NOT_FOUND')
    await markServiceAssured(txScope, serviceId, { date: ukNow().today, name: editor.displayName, email: editor.email })
    await appendAuditEvent(tx, auditActor, {
      action: 'directory.listing.verify',
      recordType: 'directory-service',
      recordId: serviceId,
    })
  })
}

/** A listing with its organisation, for pages about one service (feedback); undefined when the area has none. */
export async function findListing(scope: AreaScope, serviceId: string) {
  return findService(scope, serviceId)
}

/** An organisation of the area, for its edit page; null when the area has none. */
/** The services a Waymark community provider runs, as directory editors linked them (for its list of connections). */
export async function listServicesRunByProvider(
  scope: AreaScope,
  providerOrganisationId: string,
): Promise<{ id: string; name: string }[]> {
  return listServicesRunBy(scope, providerOrganisationId)
}

/** Links the organisation running a service to a community provider with accounts (for the demo and tests). */
export async function linkServiceToProvider(
  scope: AreaScope,
  serviceId: string,
  providerOrganisationId: string,
): Promise<void> {
  await setProviderOfServiceOrganization(scope, serviceId, providerOrganisationId)
}

/** Whether a Waymark community provider runs this service (one row, for checking one connection). */
export async function isServiceRunByProvider(
  scope: AreaScope,
  serviceId: string,
  providerOrganisationId: string,
): Promise<boolean> {
  return (await listServicesRunBy(scope, providerOrganisationId, serviceId)).length > 0
}

export async function findOrganizationToEdit(scope: AreaScope, organizationId: string) {
  return findOrganization(scope, organizationId)
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// A listing: as people edit it, as versions store it and diffs compare it, and staff editing it.
import { queriesTogether } from '../../platform/db/queries-together.ts'
import { appendAuditEvent, type AuditActor } from '../../platform/audit/audit.service.ts'
import type { Tx } from '../../platform/db/database.ts'
import type { OrgScope } from '../../platform/db/org-scope.ts'
import { ACCESSIBILITY_TAXONOMY, labelFor, FIVE_WAYS_TAXONOMY, NEEDS_TAXONOMY, taxonomyIdFor } from './taxonomies.ts'
import {
  CAPACITY_CODES,
  CAPACITY_LABELS,
  HOW_TO_JOIN_LABELS,
  HOW_TO_JOIN_VALUES,
  SERVICE_STATUSES,
  STATUS_LABELS,
  WELCOME_LABELS,
  WELCOME_VALUES,
  isOneOf,
  type OrganizationDetails,
} from './directory.ts'
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
  listAccessibilityNotes,
  listAttributeCodes,
  listContactsForService,
  markServiceAssured,
  setServiceStatus,
  writeListing,
  type ListingWrite,
} from './directory.repository.ts'
import { listCostsForServices, listLocationsForServices, listSchedulesForServices } from './search.repository.ts'
import type { AreaScope } from '../../platform/db/org-scope.ts'

// ---------------------------------------------------------------------------------------------------------
// The listing as people edit it, as versions store it, and as diffs compare it.

export interface ListingSnapshot {
  organizationId: string | null
  organizationName: string
  service: ListingWrite['service']
  needs: string[]
  ways: string[]
  location: ListingWrite['location']
  schedules: ListingWrite['schedules'][number][]
  costs: ListingWrite['costs'][number][]
  contact: ListingWrite['contact']
}

/** Reads a listing into the shape editors and providers edit. */
export async function readListing(
  scope: AreaScope,
  serviceId: string,
): Promise<{ snapshot: ListingSnapshot; version: number }> {
  const found = await findService(scope, serviceId)
  if (!found) throw new DirectoryError('DIRECTORY_SERVICE_NOT_FOUND')
  const { service, organization } = found
  const [locations, schedules, costs, { contacts, phones }] = await queriesTogether(scope.db, [
    () => listLocationsForServices(scope, [serviceId], null),
    () => listSchedulesForServices(scope, [serviceId]),
    () => listCostsForServices(scope, [serviceId]),
    () => listContactsForService(scope, serviceId),
  ])
  const location = locations[0]
  const linkIds = location ? [serviceId, location.locationId] : [serviceId]
  const [attributes, notes] = await queriesTogether(scope.db, [
    () => listAttributeCodes(scope, linkIds),
    () => (location ? listAccessibilityNotes(scope, [location.locationId]) : Promise.resolve([])),
  ])
  const codesOf = (taxonomyUri: string, linkId: string | undefined): string[] => {
    const taxonomyId = taxonomyIdByUri.get(taxonomyUri)
    return attributes
      .filter((a) => a.linkId === linkId && a.taxonomyId === taxonomyId)
      .map((a) => a.code)
      .sort()
  }
  const accessibility = location ? codesOf(ACCESSIBILITY_TAXONOMY.uri, location.locationId) : []
  const standardNotes = new Set(ACCESSIBILITY_TAXONOMY.terms.map((t) => t.name))
  const contact = contacts.find((c) => c.isListingContact) ?? contacts[0]
  const phone = phones.find((p) => p.contactId === contact?.id) ?? phones[0]
  return {
    version: service.version,
    snapshot: {
      organizationId: organization.id,
      organizationName: organization.name,
      service: {
        name: service.name,
        description: service.description,
        url: service.url,
        email: service.email,
        status: service.status,
        minimumAge: service.minimumAge,
        maximumAge: service.maximumAge,
        eligibilityDescription: service.eligibilityDescription,
        feesDescription: service.feesDescription,
        welcome: service.welcome,
        suitableForComplexNeeds: service.suitableForComplexNeeds,
        capacity: service.capacity,
        monthlyPlaces: service.monthlyPlaces,
        howToJoin: service.howToJoin,
        public: service.public,
      },
      needs: codesOf(NEEDS_TAXONOMY.uri, serviceId),
      ways: codesOf(FIVE_WAYS_TAXONOMY.uri, serviceId),
      location: location
        ? {
            name: location.name ?? '',
            address1: location.address1 ?? '',
            address2: location.address2,
            city: location.city ?? '',
            postalCode: location.postalCode ?? '',
            latitude: location.latitude,
            longitude: location.longitude,
            accessibility,
            accessibilityNote:
              notes.find((n) => n.description && !standardNotes.has(n.description))?.description ?? null,
          }
        : null,
      schedules: schedules.map((s) => ({
        freq: s.freq === 'MONTHLY' ? 'MONTHLY' : 'WEEKLY',
        interval: s.interval ?? 1,
        byday: s.byday ?? '',
        opensAt: s.opensAt?.slice(0, 5) ?? '',
        closesAt: s.closesAt?.slice(0, 5) ?? null,
        description: s.description,
      })),
      costs: costs.map((c) => ({ option: c.option, amount: c.amount ?? 0, amountDescription: c.amountDescription })),
      contact: { name: contact?.name ?? null, email: contact?.email ?? null, phone: phone?.number ?? null },
    },
  }
}

const taxonomyIdByUri = new Map(
  [NEEDS_TAXONOMY, FIVE_WAYS_TAXONOMY, ACCESSIBILITY_TAXONOMY].map((t) => [t.uri, taxonomyIdFor(t.uri)]),
)

export interface DiffRow {
  field: string
  before: string
  after: string
}

const YES_NO = (value: boolean): string => (value ? 'Yes' : 'No')

/** Flattens a listing into labelled lines, so a diff reads like the service page. */
export function describeListing(snapshot: ListingSnapshot): Record<string, string> {
  const s = snapshot.service
  const lines: Record<string, string> = {
    Organisation: snapshot.organizationName,
    Name: s.name,
    Description: s.description,
    Status: isOneOf(SERVICE_STATUSES, s.status) ? STATUS_LABELS[s.status] : s.status,
    Website: s.url ?? '',
    Email: s.email ?? '',
    Ages: `${s.minimumAge ?? 'any'} to ${s.maximumAge ?? 'any'}`,
    'Who it is for': s.eligibilityDescription ?? '',
    'Cost details': s.feesDescription ?? '',
    Welcome: isOneOf(WELCOME_VALUES, s.welcome) ? WELCOME_LABELS[s.welcome] : s.welcome,
    'Suitable for complex needs': YES_NO(s.suitableForComplexNeeds),
    Capacity: isOneOf(CAPACITY_CODES, s.capacity) ? CAPACITY_LABELS[s.capacity] : s.capacity,
    'New people a month': s.monthlyPlaces ? String(s.monthlyPlaces) : 'No limit given',
    'How to join': isOneOf(HOW_TO_JOIN_VALUES, s.howToJoin) ? HOW_TO_JOIN_LABELS[s.howToJoin] : s.howToJoin,
    'In the open data feed': YES_NO(s.public),
    Needs: snapshot.needs.map((code) => labelFor(NEEDS_TAXONOMY, code)).join(', '),
    'Ways to wellbeing': snapshot.ways.map((code) => labelFor(FIVE_WAYS_TAXONOMY, code)).join(', '),
    Venue: snapshot.location
      ? [
          snapshot.location.name,
          snapshot.location.address1,
          snapshot.location.address2,
          snapshot.location.city,
          snapshot.location.postalCode,
        ]
          .filter(Boolean)
          .join(', ')
      : '',
    Accessibility: snapshot.location
      ? [...snapshot.location.accessibility, snapshot.location.accessibilityNote].filter(Boolean).join(', ')
      : '',
    Times: snapshot.schedules
      .map(
        (t) =>
          `${t.freq === 'MONTHLY' ? 'monthly' : t.interval === 2 ? 'fortnightly' : 'weekly'} ${t.byday} ${t.opensAt}${t.closesAt ? `-${t.closesAt}` : ''}`,
      )
      .join('; '),
    Costs:
      snapshot.costs.length === 0
        ? 'Free'
        : snapshot.costs.map((c) => `£${c.amount.toFixed(2)} ${c.option ?? ''}`.trim()).join('; '),
    'Contact name': snapshot.contact.name ?? '',
    'Contact email': snapshot.contact.email ?? '',
    'Contact phone': snapshot.contact.phone ?? '',
  }
  return lines
}

export function diffListings(before: ListingSnapshot | null, after: ListingSnapshot): DiffRow[] {
  const a = before ? describeListing(before) : {}
  const b = describeListing(after)
  return Object.keys(b)
    .filter((field) => (a[field] ?? '') !== b[field])
    .map((field) => ({ field, before: a[field] ?? '', after: b[field] ?? '' }))
}

// ---------------------------------------------------------------------------------------------------------
// Staff editing

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

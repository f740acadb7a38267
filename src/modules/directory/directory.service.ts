// SPDX-License-Identifier: AGPL-3.0-or-later
import { queriesTogether } from '../../platform/db/queries-together.ts'
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { appendAuditEvent, type AuditActor } from '../../platform/audit/audit.service.ts'
import type { Database, Tx } from '../../platform/db/database.ts'
import type { OrgScope } from '../../platform/db/org-scope.ts'
import {
  ACCESSIBILITY_TAXONOMY,
  CAPACITY_CODES,
  CAPACITY_LABELS,
  HOW_TO_JOIN_LABELS,
  HOW_TO_JOIN_VALUES,
  SERVICE_STATUSES,
  STATUS_LABELS,
  WELCOME_LABELS,
  WELCOME_VALUES,
  isOneOf,
  labelFor,
  FIVE_WAYS_TAXONOMY,
  NEEDS_TAXONOMY,
  describeCost,
  freshnessOf,
  nextSession,
  taxonomyIdFor,
  ukNow,
  type Freshness,
  type ScheduleRule,
  type Session,
} from './directory.ts'
import { DirectoryError } from './directory.errors.ts'
import {
  decideVersion,
  findLatestApprovedVersion,
  findOrganization,
  findOrganizationByName,
  findProviderLinkByTokenHash,
  findService,
  findVersion,
  insertFeedback,
  insertOrganization,
  insertProviderLink,
  insertSignposting,
  insertVersion,
  listAccessibilityNotes,
  listAttributeCodes,
  listContactsForService,
  listCostsForServices,
  listLocationsForServices,
  listRecentComments,
  listSchedulesForServices,
  listVersions,
  markProviderLinkUsed,
  markServiceAssured,
  searchServices,
  setServiceStatus,
  summariseFeedback,
  updateOrganization,
  writeListing,
  type AreaScope,
  type ListingWrite,
  type LocationRow,
  type SearchCriteria,
  type SearchHit,
  suggestSpellings,
} from './directory.repository.ts'

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
// Search

export interface SearchResultItem extends SearchHit {
  nearest: LocationRow | null
  next: Session | null
  cost: string
  freshness: Freshness
}

export async function searchDirectory(
  scope: AreaScope,
  criteria: SearchCriteria,
  freshnessDays: number,
): Promise<{
  items: SearchResultItem[]
  total: number
  broadened: boolean
  textMode: 'all' | 'any' | 'fuzzy'
  /** When nothing was found: the typed words with misspellings replaced by words the listings use. */
  didYouMean: string | null
}> {
  let hits = await searchServices(scope, criteria)
  let broadened = false
  let textMode = criteria.textMode ?? 'all'
  // Nothing matched every word: try any word, then near spellings of the name, and say so.
  if (hits.length === 0 && textMode === 'all' && criteria.offset === 0 && criteria.text?.trim()) {
    if (/\s/.test(criteria.text.trim())) {
      textMode = 'any'
      hits = await searchServices(scope, { ...criteria, textMode })
    }
    if (hits.length === 0) {
      textMode = 'fuzzy'
      hits = await searchServices(scope, { ...criteria, textMode })
    }
    broadened = hits.length > 0
  }
  let didYouMean: string | null = null
  if (hits.length === 0 && criteria.offset === 0 && criteria.text?.trim()) {
    const typed = criteria.text.trim().split(/\s+/)
    const words = typed.map((w) => w.toLowerCase()).filter((w) => /^[a-z]{3,40}$/.test(w))
    const suggestions = await suggestSpellings(scope, [...new Set(words)].slice(0, 8))
    if (suggestions.size > 0) didYouMean = typed.map((w) => suggestions.get(w.toLowerCase()) ?? w).join(' ')
  }
  const ids = hits.map((h) => h.id)
  const [locations, schedules, costs] = await queriesTogether(scope.db, [
    () => listLocationsForServices(scope, ids, criteria.centre),
    () => listSchedulesForServices(scope, ids),
    () => listCostsForServices(scope, ids),
  ])
  const { today, time } = ukNow()
  const items = hits.map((hit) => ({
    ...hit,
    nearest: locations.find((l) => l.serviceId === hit.id) ?? null,
    next: nextSession(schedules.filter((s) => s.serviceId === hit.id) as ScheduleRule[], today, time),
    cost: describeCost(costs.filter((c) => c.serviceId === hit.id)),
    freshness: freshnessOf(hit.assuredDate, today, freshnessDays),
  }))
  return { items, total: hits[0]?.total ?? 0, broadened: broadened || textMode !== 'all', textMode, didYouMean }
}

export async function getServiceDetail(scope: AreaScope, serviceId: string, centre: SearchCriteria['centre']) {
  const found = await findService(scope, serviceId)
  if (!found) throw new DirectoryError('DIRECTORY_SERVICE_NOT_FOUND')
  const [locations, schedules, costs, contacts, feedback, comments, versions] = await queriesTogether(scope.db, [
    () => listLocationsForServices(scope, [serviceId], centre),
    () => listSchedulesForServices(scope, [serviceId]),
    () => listCostsForServices(scope, [serviceId]),
    () => listContactsForService(scope, serviceId),
    () => summariseFeedback(scope, serviceId),
    () => listRecentComments(scope, serviceId),
    () => listVersions(scope, serviceId),
  ])
  const locationIds = locations.map((l) => l.locationId)
  const [attributes, accessibility] = await queriesTogether(scope.db, [
    () => listAttributeCodes(scope, [serviceId, ...locationIds]),
    () => listAccessibilityNotes(scope, locationIds),
  ])
  const { today, time } = ukNow()
  return {
    ...found,
    locations,
    schedules,
    costs,
    contacts,
    feedback,
    comments,
    versions,
    attributes,
    accessibility,
    next: nextSession(schedules, today, time),
    today,
  }
}

// ---------------------------------------------------------------------------------------------------------
// Staff editing

async function resolveOrganization(scope: AreaScope<Tx>, snapshot: ListingSnapshot): Promise<string> {
  if (snapshot.organizationId) {
    const existing = await findOrganization(scope, snapshot.organizationId)
    if (existing) return existing.id
  }
  const byName = await findOrganizationByName(scope, snapshot.organizationName)
  if (byName) return byName.id
  return insertOrganization(scope, { name: snapshot.organizationName })
}

function toWrite(snapshot: ListingSnapshot, organizationId: string): ListingWrite {
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
  values: {
    name: string
    description: string
    website: string | null
    email: string | null
    accreditedProvider: boolean
  },
  auditActor: AuditActor,
): Promise<void> {
  await scope.db.transaction(async (tx) => {
    const txScope = { areaId: scope.areaId, db: tx }
    if (!(await findOrganization(txScope, organizationId))) throw new DirectoryError('DIRECTORY_SERVICE_NOT_FOUND')
    await updateOrganization(txScope, organizationId, values)
    await appendAuditEvent(tx, auditActor, {
      action: 'directory.organization.update',
      recordType: 'directory-organization',
      recordId: organizationId,
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

// ---------------------------------------------------------------------------------------------------------
// Provider links: signed (random token, hash stored), expiring, sent only to the listing's contact.

export const PROVIDER_LINK_DAYS = 14

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

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
  const token = randomBytes(32).toString('base64url')
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

// ---------------------------------------------------------------------------------------------------------
// Signposting and feedback

export async function recordSignposting(
  scope: OrgScope,
  userId: string,
  signposting: {
    personLabel: string | null
    needs: string[]
    serviceIds: string[]
    note: string | null
    emailed: boolean
    idempotencyKey: string
  },
  auditActor: AuditActor,
): Promise<{ id: string; created: boolean }> {
  return scope.db.transaction(async (tx) => {
    const txScope = { areaId: scope.areaId, organisationId: scope.organisationId, db: tx }
    const result = await insertSignposting(txScope, {
      userId,
      personLabel: signposting.personLabel,
      needs: signposting.needs,
      serviceIds: signposting.serviceIds,
      note: signposting.note,
      emailedAt: signposting.emailed ? new Date() : null,
      idempotencyKey: signposting.idempotencyKey,
    })
    if (result.created)
      await appendAuditEvent(tx, auditActor, {
        action: 'directory.signposting.record',
        recordType: 'directory-signposting',
        recordId: result.id,
        details: {
          services: signposting.serviceIds.length,
          needs: signposting.needs.join(','),
          emailed: signposting.emailed,
        },
      })
    return result
  })
}

export async function recordFeedback(
  scope: AreaScope<Database>,
  feedback: {
    serviceId: string
    source: 'link-worker' | 'person'
    userId: string | null
    welcoming: boolean | null
    wouldRecommend: boolean | null
    comment: string | null
    idempotencyKey: string
  },
  auditActor: AuditActor,
): Promise<void> {
  if (!(await findService(scope, feedback.serviceId))) throw new DirectoryError('DIRECTORY_SERVICE_NOT_FOUND')
  await scope.db.transaction(async (tx) => {
    const created = await insertFeedback({ areaId: scope.areaId, db: tx }, feedback)
    if (created)
      await appendAuditEvent(tx, auditActor, {
        action: 'directory.feedback.record',
        recordType: 'directory-service',
        recordId: feedback.serviceId,
        details: { source: feedback.source },
      })
  })
}

/** Signs "area.service" so a public feedback link cannot be pointed at another listing. */
export function feedbackSignature(secret: string, areaId: string, serviceId: string): string {
  return createHmac('sha256', secret)
    .update(`directory-feedback:${areaId}:${serviceId}`)
    .digest('base64url')
    .slice(0, 32)
}

export function verifyFeedbackSignature(secret: string, areaId: string, serviceId: string, signature: string): boolean {
  const expected = Buffer.from(feedbackSignature(secret, areaId, serviceId))
  const given = Buffer.from(signature)
  return expected.length === given.length && timingSafeEqual(expected, given)
}

export { describeCost }

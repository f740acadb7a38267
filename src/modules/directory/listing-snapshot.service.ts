// SPDX-License-Identifier: AGPL-3.0-or-later
// The listing as people edit it, as versions store it, and as diffs compare it (a snapshot of one service with
// its organisation, places, times, costs and categories).
import { queriesTogether } from '../../platform/db/queries-together.ts'
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
} from './directory.ts'
import { DirectoryError } from './directory.errors.ts'
import {
  findService,
  listAccessibilityNotes,
  listAttributeCodes,
  listContactsForService,
  type ListingWrite,
} from './directory.repository.ts'
import {
  listCostsForServices,
  listLocationsForServices,
  listSchedulesForServices,
} from './search-details.repository.ts'
import type { AreaScope } from '../../platform/db/org-scope.ts'

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

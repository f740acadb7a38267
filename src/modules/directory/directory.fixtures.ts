// SPDX-License-Identifier: AGPL-3.0-or-later
// Listings for tests and the benchmark: a valid snapshot with sensible defaults.
import type { ListingSnapshot } from './listing-snapshot.service.ts'

export function listingSnapshot(overrides: Partial<ListingSnapshot> & { name?: string } = {}): ListingSnapshot {
  const { name, ...rest } = overrides
  return {
    organizationId: null,
    organizationName: 'Granite Walkers',
    service: {
      name: name ?? 'Duthie Park evening walk',
      description: 'A friendly, gentle walk around the park for all abilities, with a cup of tea after.',
      url: null,
      email: null,
      status: 'active',
      minimumAge: 18,
      maximumAge: null,
      eligibilityDescription: null,
      feesDescription: null,
      welcome: 'open',
      suitableForComplexNeeds: false,
      capacity: 'capacity',
      howToJoin: 'signpost',
      public: true,
      ...rest.service,
    },
    needs: ['loneliness', 'physical-inactivity'],
    ways: ['be-active', 'connect'],
    location: {
      name: 'Duthie Park gates',
      address1: 'Polmuir Road',
      address2: null,
      city: 'Aberdeen',
      postalCode: 'AB11 7TH',
      latitude: 57.1318,
      longitude: -2.0966,
      accessibility: ['step-free'],
      accessibilityNote: null,
    },
    schedules: [{ freq: 'WEEKLY', interval: 1, byday: 'TU', opensAt: '18:00', closesAt: '19:00', description: null }],
    costs: [],
    contact: { name: 'Moira Grant', email: 'walks@granitewalkers.example', phone: '01224 000000' },
    ...rest,
  }
}

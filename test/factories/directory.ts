// SPDX-License-Identifier: AGPL-3.0-or-later
// A directory listing in an organisation's area, made through the directory's own service (as an editor would),
// for tests of what links to the directory: plans, the leaflet, connections.
import { createListing, type ListingSnapshot } from '../../src/modules/directory/index.ts'
import { listingSnapshot as directoryFixture } from '../../src/modules/directory/directory.fixtures.ts'
import type { TestContext, TestOrganisation } from '../helpers/test-app.ts'
import { actorOf, scopeOf } from './casework.ts'

/** The directory's test listing, as a ukulele group at a community hub that meets on Thursday afternoons. */
export function listingSnapshot(name: string, overrides: Partial<ListingSnapshot['service']> = {}): ListingSnapshot {
  const base = directoryFixture()
  return {
    ...base,
    organizationName: 'Northfield Community Hub',
    service: {
      ...base.service,
      name,
      description: 'A friendly ukulele group for beginners.',
      url: 'https://strum.example',
      email: 'hello@strum.example',
      minimumAge: null,
      ...overrides,
    },
    needs: ['loneliness'],
    ways: ['connect'],
    location: {
      address2: null,
      accessibilityNote: null,
      name: 'Northfield Community Hub',
      address1: '1 High Street',
      city: 'Granite City',
      postalCode: 'AB16 5AA',
      latitude: null,
      longitude: null,
      accessibility: [],
    },
    schedules: [{ freq: 'WEEKLY', interval: 1, byday: 'TH', opensAt: '14:00', closesAt: '15:30', description: null }],
    contact: { name: 'Moira Grant', email: 'moira@strum.example', phone: '01632 960 555' },
  }
}

/** Lists a service in the organisation's area as its directory editor `editorKey`; returns the service's id. */
export async function testListing(
  context: TestContext,
  org: TestOrganisation,
  editorKey: string,
  snapshot: ListingSnapshot,
): Promise<string> {
  const editor = org.users[editorKey]!
  return createListing(
    scopeOf(context, org),
    { userId: editor.id, displayName: editor.displayName, email: editor.email },
    snapshot,
    actorOf(org, editorKey).audit,
  )
}

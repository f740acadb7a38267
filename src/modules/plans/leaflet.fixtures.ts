// SPDX-License-Identifier: AGPL-3.0-or-later
// A realistic leaflet for the presenter and PDF tests.
import type { LeafletData } from './leaflet.ts'

export function exampleLeafletData(overrides: Partial<LeafletData> = {}): LeafletData {
  return {
    referralId: '00000000-0000-4000-8000-000000000001',
    reference: 'WM-TEST01',
    personName: 'Margaret Thomson',
    plan: {
      id: 'plan-1',
      version: 2,
      status: 'agreed',
      agreedOn: '2026-11-10',
      reviewOn: '2026-12-15',
      nextSteps: 'Megan will phone on Tuesday to see how the first session went.',
      goals: [
        {
          goalKey: 'g1',
          inTheirWords: 'Play the ukulele with other people again',
          fiveWays: ['connect', 'keep-learning'],
        },
        { goalKey: 'g2', inTheirWords: 'Take the bus into town on my own', fiveWays: ['be-active', 'unknown-way'] },
      ],
      actions: [
        { goalKey: 'g1', what: 'Phone the Strum Along group.', who: 'Megan', byWhen: '2026-11-20', done: false },
        { goalKey: 'g2', what: 'Ride the number 19 together', who: 'Megan and Margaret', byWhen: null, done: true },
        { goalKey: null, what: 'Apply for a bus pass', who: 'Margaret', byWhen: '2026-12-01', done: false },
        { goalKey: 'gone', what: 'Ask the GP about the knee', who: 'Margaret', byWhen: null, done: false },
      ],
      services: [
        { goalKey: 'g1', directoryServiceId: 's1', name: 'Strum Along ukulele group', details: 'Thursdays 2pm' },
        { goalKey: null, directoryServiceId: 's-closed', name: 'Lunch club', details: '' },
        { goalKey: null, directoryServiceId: null, name: 'Age Well befriending', details: 'A weekly visit' },
      ],
    },
    linkWorker: {
      userId: 'u1',
      name: 'Megan Reid',
      workPhone: '07700 900 318',
      workEmail: 'megan.reid@example.org',
      availability: 'Tuesday to Thursday, 9am to 5pm',
      photo: null,
      photoHref: null,
    },
    serviceContacts: new Map([
      [
        's1',
        {
          when: ['Every Thursday, 2pm to 3:30pm'],
          next: 'Thursday 3 December 2026 at 2pm',
          phone: '01632 960 555',
          email: 'hello@strum.example',
          website: null,
          address: 'Northfield Hub, AB1 2CD',
        },
      ],
    ]),
    episodeNextReviewOn: '2026-12-31',
    whatMatters: 'Getting out of the flat and making music with people again.',
    ...overrides,
  }
}

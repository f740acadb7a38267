// SPDX-License-Identifier: AGPL-3.0-or-later
// A connection record as the module's reads return it, for unit tests of presenters and rules (no database).
import type { Connection } from '../../src/modules/connections/connection.ts'

/** A connection sent to a ukulele group on 2 November 2026, waiting for its answer. */
export function connectionRecord(overrides: Partial<Connection> = {}): Connection {
  return {
    id: 'con-1',
    episodeId: 'ep-1',
    referralId: 'ref-1',
    personId: 'per-1',
    directoryServiceId: 'svc-1',
    serviceName: 'Strum Along ukulele group',
    goalKey: null,
    goalText: 'Get out of the house on Thursdays',
    sharing: 'contact',
    accompaniedBy: 'link-worker',
    firstSessionNote: 'Meet at the door at 1.50pm',
    status: 'sent',
    statusReason: null,
    statusNote: '',
    statusChangedAt: new Date('2026-11-03T10:00:00Z'),
    shared: {},
    providerEmail: 'hello@strum.example',
    responseExpiresAt: null,
    respondedAt: null,
    nudgedAt: null,
    checkInCode: null,
    stillAttending: null,
    createdByName: 'Sam Okafor',
    createdAt: new Date('2026-11-02T10:00:00Z'),
    rowVersion: 1,
    ...overrides,
  }
}

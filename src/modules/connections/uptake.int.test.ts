// SPDX-License-Identifier: AGPL-3.0-or-later
// Uptake counts on the real database: each step counted once per connection, attendance counting as started,
// connections outside the period or the report's services left out.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { describe, it } from 'node:test'
import { testService } from '../../../test/factories/casework.ts'
import { useTestContext } from '../../../test/helpers/test-app.ts'
import { createReportScope } from '../../platform/db/org-scope.ts'
import { attendances, connections } from './connections.table.ts'
import { countUptake } from './uptake.service.ts'

const context = useTestContext()

describe('connections: uptake for reports', () => {
  it('counts connected, accepted, started, still going, waiting and declined per service', async () => {
    const org = await testService(context)
    const other = await testService(context)
    // One listing per name: rows are counted by the listing, whatever name a connection recorded.
    const listings = new Map([
      ['Walking group', randomUUID()],
      ['Men’s shed', randomUUID()],
    ])
    const row = (organisationId: string, serviceName: string, status: string, createdAt: string, extra = {}) => ({
      organisationId,
      id: randomUUID(),
      episodeId: randomUUID(),
      referralId: randomUUID(),
      personId: randomUUID(),
      directoryServiceId: listings.get(serviceName)!,
      serviceName,
      sharing: 'contact',
      accompaniedBy: 'nobody',
      status,
      statusChangedAt: new Date(createdAt),
      submissionKey: randomUUID(),
      createdByName: 'Test',
      createdAt: new Date(createdAt),
      ...extra,
    })
    const id = org.organisation.id
    const stoppedAfterGoing = row(id, 'Walking group', 'stopped', '2026-05-01T10:00:00Z', { stillAttending: 'no' })
    await context.db.insert(connections).values([
      row(id, 'Walking group', 'sent', '2026-04-02T10:00:00Z'),
      row(id, 'Walking group', 'accepted', '2026-04-03T10:00:00Z'),
      row(id, 'Walking group', 'started', '2026-04-04T10:00:00Z'),
      row(id, 'Walking group', 'attended', '2026-04-05T10:00:00Z'),
      stoppedAfterGoing,
      row(id, 'Walking group', 'waiting-list', '2026-05-02T10:00:00Z'),
      row(id, 'Men’s shed', 'declined', '2026-06-30T22:30:00Z'), // 23:30 on 30 June, UK time: in
      row(id, 'Men’s shed', 'attended', '2026-06-30T23:30:00Z'), // 00:30 on 1 July: out
      row(other.organisation.id, 'Walking group', 'attended', '2026-05-01T10:00:00Z'),
    ])
    await context.db.insert(attendances).values({
      organisationId: id,
      connectionId: stoppedAfterGoing.id,
      attendedOn: '2026-05-08',
      recordedThrough: 'register',
      recordedByName: 'Group',
      recordedAt: new Date('2026-05-08T12:00:00Z'),
    })

    const counts = await countUptake(createReportScope(context.db, [id]), { from: '2026-04-01', to: '2026-06-30' })
    const byName = new Map(counts.map((c) => [c.serviceName, c]))
    assert.deepEqual(byName.get('Walking group'), {
      directoryServiceId: listings.get('Walking group'),
      serviceName: 'Walking group',
      connected: 6,
      accepted: 4, // accepted, started, attended, and the one who went and stopped
      started: 3,
      stillGoing: 1,
      waitingList: 1,
      declined: 0,
    })
    assert.deepEqual(byName.get('Men’s shed'), {
      directoryServiceId: listings.get('Men’s shed'),
      serviceName: 'Men’s shed',
      connected: 1,
      accepted: 0,
      started: 0,
      stillGoing: 0,
      waitingList: 0,
      declined: 1,
    })
    assert.equal(counts.length, 2)
  })
})

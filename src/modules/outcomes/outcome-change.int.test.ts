// SPDX-License-Identifier: AGPL-3.0-or-later
// Pairing scores for reports on the real database: each episode's first baseline with its latest follow-up in
// the period; an episode with only one side, a follow-up outside the period, or another service is not counted.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { describe, it } from 'node:test'
import { actorOf, allocatedReferral, scopeOf, testService } from '../../../test/factories/casework.ts'
import { useTestContext, type TestOrganisation } from '../../../test/helpers/test-app.ts'
import { createReportScope } from '../../platform/db/org-scope.ts'
import { openCase } from '../casework/index.ts'
import type { Timepoint } from './outcome.ts'
import { summariseOutcomeChange } from './outcome-change.service.ts'
import { storeMeasure } from './outcomes.service.ts'

const context = useTestContext()
const PERIOD = { from: '2026-04-01', to: '2026-06-30' }

/** UCLA-3 answers adding up to `total` (3 to 9). */
function ucla(total: number): Record<string, number> {
  const first = Math.min(3, total - 2)
  const second = Math.min(3, total - first - 1)
  return { companionship: first, leftOut: second, isolated: total - first - second }
}

async function episodeWith(org: TestOrganisation, scores: [Timepoint, string, number][]): Promise<void> {
  const referralId = await allocatedReferral(context, org)
  const worker = actorOf(org, 'worker')
  const { episode } = await openCase(scopeOf(context, org), referralId, worker, {
    now: new Date('2026-03-01T12:00:00Z'),
  })
  const target = { episodeId: episode.id, referralId, personId: episode.personId }
  for (const [timepoint, completedOn, total] of scores) {
    const result = await storeMeasure(
      scopeOf(context, org),
      target,
      { instrumentKey: 'ucla3', timepoint, completedOn, answers: ucla(total), submissionKey: randomUUID() },
      { ...worker, collectedBy: 'link-worker' },
      new Date(`${completedOn}T12:00:00Z`),
    )
    assert.equal(result.ok, true)
  }
}

describe('outcomes: paired change for reports', () => {
  it('pairs the first baseline with the latest follow-up in the period, and nothing else', async () => {
    const service = await testService(context)
    const other = await testService(context)
    await episodeWith(service, [
      ['baseline', '2026-03-10', 9],
      ['follow-up', '2026-05-01', 7],
      ['close', '2026-06-20', 6], // the latest in the period: change −3
    ])
    await episodeWith(service, [
      ['baseline', '2026-04-02', 8],
      ['follow-up', '2026-06-01', 8], // change 0
    ])
    await episodeWith(service, [['baseline', '2026-04-05', 9]]) // no follow-up
    await episodeWith(service, [['follow-up', '2026-05-05', 4]]) // no baseline
    await episodeWith(service, [
      ['baseline', '2026-04-05', 9],
      ['follow-up', '2026-07-01', 5], // after the period
    ])
    await episodeWith(other, [
      ['baseline', '2026-04-05', 9],
      ['follow-up', '2026-05-01', 3],
    ])

    const [summary, ...rest] = await summariseOutcomeChange(
      createReportScope(context.db, [service.organisation.id]),
      PERIOD,
    )
    assert.equal(rest.length, 0)
    // Changes −3 and 0: mean −1.5; sd √((1.5² + 1.5²) / 1) = 2.1213; t(0.975, 1) = 12.706; half-width
    // 12.706 × 2.1213 / √2 = 19.059. One improved by 2 points or more.
    assert.equal(summary!.n, 2)
    assert.equal(summary!.meanBaseline, 8.5)
    assert.equal(summary!.meanFollowUp, 7)
    assert.equal(summary!.meanChange, -1.5)
    assert.ok(Math.abs(summary!.interval![0] - -20.559) < 0.001, String(summary!.interval))
    assert.ok(Math.abs(summary!.interval![1] - 17.559) < 0.001)
    assert.equal(summary!.improved, 1)

    const both = await summariseOutcomeChange(
      createReportScope(context.db, [service.organisation.id, other.organisation.id]),
      PERIOD,
    )
    assert.equal(both[0]!.n, 3)
  })
})

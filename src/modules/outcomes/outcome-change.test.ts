// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { summariseScoreChange, tCritical, type ScorePair } from './outcome-change.ts'

const ucla = (from: number, to: number): ScorePair => ({
  instrumentKey: 'ucla3',
  instrumentVersion: 1,
  baseline: { total: from },
  followUp: { total: to },
})

describe('change in scores across a service', () => {
  it('gives n, means, the mean change with its 95% confidence interval, and meaningful improvements', () => {
    // UCLA-3 (lower is better; 2 points is meaningful). Changes: −3, −2, −1, 0, −4 → mean −2; deviations 1, 0, 1,
    // 2, 2 → sum of squares 10, variance 10/4 = 2.5, sd 1.5811; t(0.975, 4) = 2.776; half-width
    // 2.776 × 1.5811 / √5 = 1.9630. Improved by 2 or more: −3, −2, −4 → 3.
    const [summary, ...others] = summariseScoreChange([ucla(9, 6), ucla(8, 6), ucla(7, 6), ucla(5, 5), ucla(9, 5)])
    assert.equal(others.length, 0)
    assert.equal(summary!.instrumentName, 'UCLA three-item loneliness scale')
    assert.equal(summary!.n, 5)
    assert.equal(summary!.meanBaseline, 7.6)
    assert.equal(summary!.meanFollowUp, 5.6)
    assert.equal(summary!.meanChange, -2)
    assert.ok(Math.abs(summary!.interval![0] - -3.963) < 0.001)
    assert.ok(Math.abs(summary!.interval![1] - -0.037) < 0.001)
    assert.equal(summary!.improved, 3)
    assert.equal(summary!.higherIsBetter, false)
  })

  it('leaves out a score either side did not give, and has no interval for one person', () => {
    const [summary] = summariseScoreChange([ucla(9, 6), { ...ucla(8, 6), followUp: { total: null } }])
    assert.equal(summary!.n, 1)
    assert.equal(summary!.interval, null)
    assert.deepEqual(summariseScoreChange([{ ...ucla(9, 6), instrumentKey: 'retired-instrument' }]), [])
  })

  it('reads t from the table and interpolates beyond 30 degrees of freedom', () => {
    assert.equal(tCritical(1), 12.706)
    assert.equal(tCritical(30), 2.042)
    assert.equal(tCritical(40), 2.021)
    assert.ok(Math.abs(tCritical(50) - 2.0105) < 1e-9)
    assert.ok(tCritical(10_000) > 1.96 && tCritical(10_000) < 1.961)
  })
})

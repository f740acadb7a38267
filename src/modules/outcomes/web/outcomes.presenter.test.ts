// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { CURRENT_INSTRUMENTS } from '../catalogue.ts'
import type { Measure } from '../outcome.ts'
import { dueText, presentOutcomes } from './outcomes.presenter.ts'

function measure(
  instrumentKey: string,
  timepoint: Measure['timepoint'],
  completedOn: string,
  scores: Measure['scores'],
): Measure {
  return {
    id: `${instrumentKey}-${completedOn}`,
    episodeId: 'e',
    personId: 'p',
    instrumentKey,
    instrumentVersion: 1,
    timepoint,
    completedOn,
    collectedBy: 'link-worker',
    answers: { any: 1 },
    scores,
    texts: {},
    recordedByName: 'Sam',
    createdAt: new Date(`${completedOn}T10:00:00Z`),
  }
}

describe('the outcomes presenter', () => {
  it('shows each measured instrument in catalogue order, scores with their bands and the change', () => {
    const presented = presentOutcomes(CURRENT_INSTRUMENTS, [
      measure('ucla3', 'baseline', '2027-03-01', { total: 8 }),
      measure('djg6', 'baseline', '2027-03-01', { total: 5, emotional: 2, social: 3 }),
      measure('djg6', 'follow-up', '2027-05-24', { total: 1, emotional: null, social: 1 }),
    ])
    assert.deepEqual(
      presented.map((i) => i.key),
      ['ucla3', 'djg6'],
    )
    const djg = presented[1]
    assert.deepEqual(
      djg!.scores.map((s) => [s.key, s.rows.map((r) => `${r.when}: ${r.value} ${r.band}`), s.change?.text ?? null]),
      [
        [
          'total',
          ['Baseline (at the start), 1 Mar 2027: 5 Severely lonely', 'Follow-up, 24 May 2027: 1 Not lonely'],
          'Meaningful improvement',
        ],
        // No rule for a subscale, and no score where one of its items was missing: that point is left out.
        ['emotional', ['Baseline (at the start), 1 Mar 2027: 2 '], null],
        ['social', ['Baseline (at the start), 1 Mar 2027: 3 ', 'Follow-up, 24 May 2027: 1 '], null],
      ],
    )
    assert.equal(
      djg!.scores[0]!.summary,
      'Loneliness score (0 to 6, lower is better): 5 on 1 Mar 2027, 1 on 24 May 2027: meaningful improvement.',
    )
    assert.match(djg!.scores[0]!.chartSvg, /^<svg role="img"/)
    assert.equal(presented[0]!.scores[0]!.change, null)
  })
  it("draws only each instrument's headline score for the episode and person pages: its first score with a value", () => {
    const presented = presentOutcomes(
      CURRENT_INSTRUMENTS,
      [
        measure('djg6', 'baseline', '2027-03-01', { total: 5, emotional: 2, social: 3 }),
        measure('ons4', 'baseline', '2027-03-01', { satisfaction: null, worthwhile: 4, happiness: 5, anxiety: 6 }),
      ],
      { headlineOnly: true },
    )
    assert.deepEqual(
      presented.map((i) => [i.key, i.scores.map((s) => s.key)]),
      [
        ['ons4', ['worthwhile']],
        ['djg6', ['total']],
      ],
    )
  })
  it('lists a form that gave no score, and says what is due', () => {
    const [ucla] = presentOutcomes(CURRENT_INSTRUMENTS, [measure('ucla3', 'close', '2027-06-01', { total: null })])
    assert.deepEqual(ucla!.scores, [])
    assert.deepEqual(ucla!.unscored, ['At the end of support, 1 Jun 2027'])
    assert.equal(
      dueText({ timepoint: 'baseline', dueOn: '2027-03-01', overdue: false }, 12),
      'Baseline questionnaires due',
    )
    assert.equal(
      dueText({ timepoint: 'follow-up', dueOn: '2027-03-01', overdue: true }, 8),
      '8-week follow-up questionnaires overdue (due 1 Mar 2027)',
    )
  })
})

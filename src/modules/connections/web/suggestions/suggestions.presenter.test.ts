// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { presentSuggestions } from './suggestions.presenter.ts'

describe('suggestions presenter', () => {
  it('writes each suggestion as a sentence of reasons and one of concerns, with links to read and to connect', () => {
    const { cards, basedOn } = presentSuggestions(
      'ref-1',
      [
        {
          id: 'svc-1',
          name: 'Strum Along',
          score: 7,
          reasons: ['free', '0.8 miles from home'],
          concerns: ['waiting list'],
        },
      ],
      { needs: ['loneliness'], interests: ['ukulele'], barriers: ['transport', 'unknown'], age: 71 },
      true,
    )
    assert.deepEqual(cards, [
      {
        name: 'Strum Along',
        serviceHref: '/directory/services/svc-1',
        connectHref: '/caseload/ref-1/connections/new?service=svc-1',
        unmetHref: '/caseload/ref-1/connections/unmet-need?service=svc-1',
        reasons: 'Free, 0.8 miles from home',
        concerns: 'Waiting list',
      },
    ])
    assert.deepEqual(basedOn, [
      'their interests and goals: ukulele',
      'what gets in the way: getting there',
      'their age (71)',
      'distance from their home postcode',
    ])
  })

  it('says when distance could not be used', () => {
    const { basedOn } = presentSuggestions('r', [], { needs: [], interests: [], barriers: [], age: null }, false)
    assert.deepEqual(basedOn, ['no distance: their postcode is not known'])
  })
})

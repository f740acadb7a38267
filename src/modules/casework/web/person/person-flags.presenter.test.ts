// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { PersonFlag } from '../../../people/index.ts'
import { presentPersonFlags } from './person-flags.presenter.ts'

function flag(kind: PersonFlag['kind'], raisedAt: string, details = ''): PersonFlag {
  return {
    id: `${kind}-${raisedAt}`,
    personId: 'p1',
    kind,
    details,
    sourceKey: null,
    raisedByName: 'Sam Worker',
    raisedAt: new Date(raisedAt),
    endedAt: null,
    endedByName: null,
    endedReason: null,
  }
}

describe("the person's flags on the episode page", () => {
  it('lists the most serious first, labelled and tagged as the person record shows them', () => {
    const model = presentPersonFlags('p1', [
      flag('other-risk', '2026-03-01T09:00:00Z', 'Dog at the address'),
      flag('safeguarding', '2026-02-01T09:00:00Z', 'Raised by the GP'),
    ])
    assert.equal(model.personHref, '/people/p1')
    assert.deepEqual(
      model.flags.map((f) => [f.kind, f.kindLabel, f.details]),
      [
        ['safeguarding', 'Safeguarding', 'Raised by the GP'],
        ['other-risk', 'Other risk', 'Dog at the address'],
      ],
    )
    assert.ok(model.flags.every((f) => f.tagClass.startsWith('nhsuk-tag')))
    assert.deepEqual([...model.kinds].sort(), ['other-risk', 'safeguarding'])
  })

  it('shows nothing for a person without flags', () => {
    const model = presentPersonFlags('p2', [])
    assert.deepEqual(model.flags, [])
  })
})

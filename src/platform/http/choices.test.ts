// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { choicesFrom, dateParts, selectItemsFrom, yesNo } from './choices.ts'

const LEVELS = { 1: 'Level 1', 2: 'Level 2', 3: 'Level 3' }
const WAYS = { connect: 'Connect', learn: 'Keep learning', notice: 'Take notice' }

describe('form choices', () => {
  it('keeps one chosen radio checked, numeric keys included', () => {
    assert.deepEqual(
      choicesFrom(LEVELS, '2').map((c) => [c.value, c.checked]),
      [
        ['1', false],
        ['2', true],
        ['3', false],
      ],
    )
  })

  it('keeps several checkboxes checked, in the order asked for', () => {
    const items = choicesFrom(WAYS, ['notice', 'connect'], ['notice', 'learn', 'connect'])
    assert.deepEqual(
      items.map((c) => `${c.value}:${c.checked}`),
      ['notice:true', 'learn:false', 'connect:true'],
    )
    assert.equal(items[1]!.text, 'Keep learning')
  })

  it('puts a prompt first in a select and selects what was chosen', () => {
    const items = selectItemsFrom([{ value: 'a', text: 'A' }], 'a', 'Choose one')
    assert.deepEqual(items, [
      { value: '', text: 'Choose one' },
      { value: 'a', text: 'A', selected: true },
    ])
    assert.deepEqual(
      yesNo('no').map((c) => c.checked),
      [false, true],
    )
  })

  it('splits a date into the boxes people typed, without leading zeros', () => {
    assert.deepEqual(dateParts('2026-03-05'), { day: '5', month: '3', year: '2026' })
    assert.deepEqual(dateParts(null), { day: '', month: '', year: '' })
  })
})

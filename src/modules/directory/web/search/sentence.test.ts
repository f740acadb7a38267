// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { readSearchQuery } from './search.form.ts'
import { readSentence } from './sentence.ts'

const typed = (q: string, more: Record<string, string> = {}) => readSearchQuery({ q, ...more })

describe('reading a sentence as filters', () => {
  it('takes cost, day, time of day and postcode out of the words', () => {
    const read = readSentence(typed('free walking group Tuesday evening near AB10 1AA'))
    assert.deepEqual(
      { q: read?.q, cost: read?.cost, day: read?.day, when: read?.when, postcode: read?.postcode },
      { q: 'walking group', cost: 'free', day: ['TU'], when: 'evening', postcode: 'AB10 1AA' },
    )
  })

  it('reads postcodes without a space, plurals and the weekend', () => {
    const read = readSentence(typed('cheap yoga on saturdays mornings ab101aa'))
    assert.equal(read?.q, 'yoga')
    assert.equal(read?.cost, 'low')
    assert.deepEqual(read?.day, ['weekend'])
    assert.equal(read?.when, 'morning')
    assert.equal(read?.postcode, 'AB10 1AA')
  })

  it('leaves plain words alone, so the search is not redirected again', () => {
    assert.equal(readSentence(typed('walking group')), null)
    assert.equal(readSentence(typed('debt advice')), null)
    // Freedom is not free; a filter already chosen is not overridden by a word.
    assert.equal(readSentence(typed('freedom choir')), null)
    assert.equal(readSentence(typed('free lunch', { cost: 'low' })), null)
  })
})

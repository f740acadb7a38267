// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { checkMerge, mergeFormProblems } from './merges.ts'

const record = (id: string, mergedIntoPersonId: string | null = null) => ({ id, mergedIntoPersonId })

describe('the merge rule', () => {
  it('allows two separate records, and refuses self-merges, merged records and chains', () => {
    assert.equal(checkMerge(record('a'), record('b'), 0), null)
    assert.equal(checkMerge(record('a'), record('a'), 0), 'same-record')
    assert.equal(checkMerge(record('a', 'c'), record('b'), 0), 'already-merged', 'into a merged record')
    assert.equal(checkMerge(record('a'), record('b', 'c'), 0), 'already-merged', 'a record already merged away')
    assert.equal(checkMerge(record('a'), record('b'), 1), 'chain', 'others were merged into the one merged away')
  })

  it('needs one of the two records kept and a reason', () => {
    assert.deepEqual(mergeFormProblems('a', 'Same person', ['a', 'b']), {})
    assert.deepEqual(mergeFormProblems('c', '', ['a', 'b']), {
      keep: 'Select which record to keep',
      reason: 'Enter why these records are the same person',
    })
    assert.match(mergeFormProblems('a', 'x'.repeat(501), ['a', 'b'])['reason']!, /500 characters/)
  })
})

// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { errorListFor, listField, paginationFor, pagingFrom, textField } from './forms.ts'

describe('form helpers', () => {
  it('trims text and strips control characters but keeps newlines', () => {
    assert.equal(textField({ name: '  Ann\u0000 Smith\u0007 ' }, 'name'), 'Ann Smith')
    assert.equal(textField({ notes: 'line one\nline two' }, 'notes'), 'line one\nline two')
    assert.equal(textField({}, 'missing'), '')
    assert.equal(textField({ name: ['first', 'second'] }, 'name'), 'first')
  })

  it('keeps one character past the limit so the form can say the text is too long', () => {
    assert.equal(textField({ name: 'x'.repeat(50) }, 'name', 10).length, 11)
  })

  it('reads checkboxes as a list', () => {
    assert.deepEqual(listField({ roles: 'referrer' }, 'roles'), ['referrer'])
    assert.deepEqual(listField({ roles: ['referrer', 'supervisor'] }, 'roles'), ['referrer', 'supervisor'])
    assert.deepEqual(listField({}, 'roles'), [])
  })

  it('links each error in the summary to its field', () => {
    assert.deepEqual(errorListFor({ email: 'Enter your email address' }), [
      { text: 'Enter your email address', href: '#email' },
    ])
    assert.deepEqual(errorListFor({ roles: 'Select a role' }, { roles: 'roles-1' }), [
      { text: 'Select a role', href: '#roles-1' },
    ])
  })

  it('pages safely whatever the query says', () => {
    assert.deepEqual(pagingFrom({ page: '3' }, 20), { page: 3, pageSize: 20, offset: 40 })
    assert.equal(pagingFrom({ page: '-1' }).page, 1)
    assert.equal(pagingFrom({ page: 'drop table' }).page, 1)
    assert.equal(pagingFrom({ page: '99999999' }).page, 1)
  })

  it('builds pagination that keeps filters, with ellipses for long runs', () => {
    const pagination = paginationFor(
      '/audit',
      { action: 'view', empty: '' },
      { page: 5, pageSize: 10, offset: 40 },
      200,
    )
    assert.ok(pagination)
    assert.equal(pagination.previous?.href, '/audit?action=view&page=4')
    assert.equal(pagination.next?.href, '/audit?action=view&page=6')
    const numbers = pagination.items.map((item) => ('number' in item ? item.number : '…'))
    assert.deepEqual(numbers, [1, '…', 4, 5, 6, '…', 20])
    assert.equal(paginationFor('/x', {}, { page: 1, pageSize: 10, offset: 0 }, 10), undefined)
  })
})

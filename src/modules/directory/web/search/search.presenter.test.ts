// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { CAPACITY_LABELS, HOW_TO_JOIN_LABELS, WELCOME_LABELS } from '../../directory.ts'
import { NEEDS_TAXONOMY } from '../../taxonomies.ts'
import type { SearchResultItem } from '../../search.service.ts'
import type { SearchQuery } from './search.form.ts'
import { activeFilters, filterOptions, pagerFor, presentResult } from './search.presenter.ts'

const NONE: SearchQuery = {
  q: '',
  need: '',
  way: '',
  postcode: '',
  distance: '',
  day: [],
  when: '',
  age: '',
  cost: '',
  access: [],
  newcomers: '',
  capacity: '',
  match: '',
}

const ITEM: SearchResultItem = {
  id: 's1',
  name: 'Evening walk',
  description: 'A gentle walk round the park. '.repeat(10),
  status: 'active',
  welcome: 'open',
  capacity: 'waitlist',
  howToJoin: 'signpost',
  assuredDate: null,
  assurerName: null,
  minimumAge: null,
  maximumAge: null,
  organizationName: 'Friends of the Park',
  distanceMetres: 1234,
  rank: 1,
  total: 1,
  nearest: null,
  next: { date: '2026-03-12', opensAt: '18:00:00', closesAt: null },
  cost: 'Free',
  freshness: 'never',
}

const query = (href: string) => new URL(href, 'http://x').searchParams

describe('the directory search page', () => {
  it('has no pager for one page, and a windowed pager with gaps for many', () => {
    assert.equal(pagerFor(NONE, 1, 20, 20), undefined)
    const pager = pagerFor({ ...NONE, q: 'walk' }, 5, 20, 200)!
    assert.equal(query(pager.previous!.href).get('page'), '4')
    assert.equal(query(pager.next!.href).get('page'), '6')
    assert.equal(query(pager.next!.href).get('q'), 'walk', 'paging keeps the search')
    const shape = pager.items.map((i) => ('ellipsis' in i ? '…' : String(i.number)))
    assert.deepEqual(shape, ['1', '…', '4', '5', '6', '…', '10'])
    assert.equal(pagerFor(NONE, 10, 20, 200)!.next, undefined)
  })

  it('lists each filter in force with a link that removes only that filter', () => {
    const need = NEEDS_TAXONOMY.terms[0]!
    const values = {
      ...NONE,
      need: need.code,
      postcode: 'LS1 1AA',
      distance: '5',
      day: ['MO', 'weekend'],
      cost: 'free',
    }
    const filters = activeFilters(values)
    assert.deepEqual(
      filters.map((f) => f.text),
      [need.name, 'Within 5 km of LS1 1AA', 'Monday', 'Weekend', 'Free'],
    )
    const monday = query(filters[2]!.removeHref)
    assert.deepEqual(monday.getAll('day'), ['weekend'])
    assert.equal(monday.get('postcode'), 'LS1 1AA')
    assert.equal(query(filters[1]!.removeHref).get('postcode'), null)
    assert.deepEqual(activeFilters(NONE), [])
  })

  it('keeps what was chosen selected in the filter form', () => {
    const options = filterOptions({ ...NONE, when: 'evening', cost: 'low' })
    assert.equal(options.whenItems.find((i) => i.checked)!.value, 'evening')
    assert.equal(options.costItems.find((i) => i.checked)!.value, 'low')
    assert.equal(options.distanceItems.find((i) => i.selected)!.value, 'any')
  })

  it('shows a result with its tags, distance, next session and a shortened description', () => {
    const result = presentResult(ITEM, 365)
    assert.equal(result.href, '/directory/services/s1')
    assert.deepEqual(result.tags, [
      { text: WELCOME_LABELS.open, classes: 'nhsuk-tag--green' },
      { text: CAPACITY_LABELS.waitlist, classes: 'nhsuk-tag--yellow' },
      { text: 'Never checked', classes: 'nhsuk-tag--orange' },
    ])
    assert.equal(presentResult({ ...ITEM, freshness: 'due' }, 365).tags.at(-1)!.text, 'Not checked for over 365 days')
    assert.equal(result.distance, '1.2 km')
    assert.equal(result.place, 'No venue (phone or online)')
    assert.match(result.next, /6pm|18:00/)
    assert.ok(result.summary.length <= 218 && result.summary.endsWith('…'))
    assert.equal(result.checked, 'Never checked')
    assert.equal(result.howToJoin, HOW_TO_JOIN_LABELS.signpost)
  })
})

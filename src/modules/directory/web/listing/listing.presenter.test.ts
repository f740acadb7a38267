// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { NEEDS_TAXONOMY } from '../../taxonomies.ts'
import { emptyListingValues } from './listing.form.ts'
import { listingFormModel } from './listing.presenter.ts'

describe('the listing form', () => {
  it('keeps every choice the editor made checked when the form comes back with errors', () => {
    const need = NEEDS_TAXONOMY.terms[1]!
    const values = {
      ...emptyListingValues(),
      status: 'temporarily closed',
      capacity: 'waitlist',
      needs: [need.code],
      costType: 'paid',
    }
    values.schedules[0] = { day: 'TU', frequency: '-1', opens: '10:00', closes: '' }
    const model = listingFormModel(values, { schedule0Closes: 'Enter when it closes', needs: 'Select a need' })
    const checked = (items: { value: string; checked: boolean }[]) => items.filter((i) => i.checked).map((i) => i.value)
    assert.deepEqual(checked(model.statusItems), ['temporarily closed'])
    assert.deepEqual(checked(model.capacityItems), ['waitlist'])
    assert.deepEqual(checked(model.needItems), [need.code])
    assert.deepEqual(checked(model.costItems), ['paid'])
    const row = model.scheduleRows[0]!
    assert.equal(row.dayItems.find((d) => d.selected)!.value, 'TU')
    assert.equal(row.frequencyItems.find((f) => f.selected)!.text, 'Last of the month')
    assert.deepEqual(row.errors, {
      day: undefined,
      frequency: undefined,
      opens: undefined,
      closes: 'Enter when it closes',
    })
  })

  it('links each error in the summary to its field, checkbox groups to their first box', () => {
    const model = listingFormModel(emptyListingValues(), { name: 'Enter a name', needs: 'Select a need' })
    assert.deepEqual(model.errorList, [
      { text: 'Enter a name', href: '#name' },
      { text: 'Select a need', href: '#needs' },
    ])
  })

  it('offers an empty day on each blank schedule row, selected', () => {
    const model = listingFormModel(emptyListingValues(), {})
    assert.ok(model.scheduleRows.length > 0)
    for (const row of model.scheduleRows)
      assert.deepEqual(row.dayItems[0], { value: '', text: 'Select a day', selected: true })
  })
})

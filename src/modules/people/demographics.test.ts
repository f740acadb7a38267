// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  ETHNIC_CATEGORIES,
  ETHNIC_CATEGORY_LABELS,
  SEX_TO_FHIR_GENDER,
  SEXES,
  sexFromFhirGender,
} from './demographics.ts'
import { emptyPersonFormValues, personFormChoices, personFormValuesFrom, validatePersonForm } from './person-form.ts'
import { detailsFillingGaps } from './person.ts'

const TODAY = new Date('2026-12-07T12:00:00Z')
const SALLY = {
  ...emptyPersonFormValues(),
  givenName: 'Sally',
  familyName: 'Duncan',
  dobDay: '3',
  dobMonth: '2',
  dobYear: '2005',
  postcode: 'AB15 4DF',
  phone: '01224 960010',
}

describe('sex and ethnic group', () => {
  it('are optional: not asked is null, and a chosen answer is kept and comes back to the form', () => {
    const blank = validatePersonForm(SALLY, TODAY)
    assert.ok(blank.ok)
    assert.equal(blank.value.sex, null)
    assert.equal(blank.value.ethnicity, null)
    const given = validatePersonForm({ ...SALLY, sex: 'not-stated', ethnicity: 'R' }, TODAY)
    assert.ok(given.ok)
    assert.equal(given.value.sex, 'not-stated')
    assert.equal(given.value.ethnicity, 'R')
    const back = personFormValuesFrom(given.value)
    assert.equal(back.sex, 'not-stated')
    assert.equal(back.ethnicity, 'R')
  })

  it('refuse anything not on their lists, each with its own message', () => {
    const bad = validatePersonForm({ ...SALLY, sex: 'F', ethnicity: 'I' }, TODAY)
    assert.ok(!bad.ok)
    assert.equal(bad.errors['sex'], 'Select an answer from the list')
    assert.equal(bad.errors['ethnicity'], 'Select an ethnic group from the list')
  })

  it('offer every answer, with the one chosen kept chosen, and "Not asked" first in the list', () => {
    const choices = personFormChoices({ ...SALLY, sex: 'male', ethnicity: 'C' })
    assert.deepEqual(
      choices.sex.map((c) => [c.value, c.checked]),
      SEXES.map((s) => [s, s === 'male']),
    )
    assert.deepEqual(choices.ethnicity[0], { value: '', text: 'Not asked' })
    assert.equal(choices.ethnicity.length, ETHNIC_CATEGORIES.length + 1)
    assert.deepEqual(
      choices.ethnicity.filter((c) => c.selected).map((c) => c.text),
      ['White: Any other White background'],
    )
    assert.equal(personFormChoices(SALLY, 'your').ethnicity[0]?.text, 'Choose one')
    // A referral draft saved before these were asked has neither field.
    const old = personFormChoices({ ...SALLY, sex: undefined as never, ethnicity: undefined as never })
    assert.ok(old.sex.every((c) => !c.checked))
  })

  it('label every NHS ethnic category once, and map sex to FHIR gender and back', () => {
    assert.equal(new Set(Object.values(ETHNIC_CATEGORY_LABELS)).size, ETHNIC_CATEGORIES.length)
    assert.equal(ETHNIC_CATEGORY_LABELS.M, 'Black or Black British: Caribbean')
    for (const sex of SEXES) assert.equal(sexFromFhirGender(SEX_TO_FHIR_GENDER[sex]), sex)
    assert.equal(sexFromFhirGender('F'), null)
  })

  it('fill a joined record’s gaps without replacing what it already holds', () => {
    const held = validatePersonForm({ ...SALLY, sex: 'female' }, TODAY)
    const incoming = validatePersonForm({ ...SALLY, sex: 'male', ethnicity: 'A' }, TODAY)
    assert.ok(held.ok && incoming.ok)
    assert.deepEqual(detailsFillingGaps(held.value, incoming.value), { ethnicity: 'A' })
  })
})

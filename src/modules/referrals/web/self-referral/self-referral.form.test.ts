// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { checkRows } from './self-referral.presenter.ts'
import {
  emptySelfReferral,
  firstIncompleteStep,
  stepBySlug,
  stepErrors,
  stepsFor,
  withStepAnswers,
  type SelfReferralValues,
} from './self-referral.form.ts'

const TODAY = new Date('2026-12-03T12:00:00Z')
const ONE = ['a0000000-0000-4000-8000-000000000001']

function complete(): SelfReferralValues {
  const values = emptySelfReferral()
  return {
    ...values,
    person: {
      ...values.person,
      givenName: 'Elspeth',
      familyName: 'Cowie',
      dobDay: '9',
      dobMonth: '9',
      dobYear: '1949',
      postcode: 'ZZ99 3VZ',
      phone: '07700 900982',
    },
    reasons: { ...values.reasons, needs: ['loneliness'] },
    consentShare: 'yes',
    consentShareProviders: 'no',
    updates: 'text',
  }
}

describe('self-referral pages', () => {
  it('asks which service only when there is a choice', () => {
    assert.equal(stepsFor(1)[0]!.slug, 'name')
    assert.equal(stepsFor(2)[0]!.slug, 'service')
    assert.equal(stepsFor(2).length, stepsFor(1).length + 1)
  })

  it('takes only the page’s own answers from a submission and keeps every other one', () => {
    const before = complete()
    const after = withStepAnswers(before, stepBySlug('name')!, {
      givenName: 'Elsie',
      familyName: 'Cowie',
      phone: 'forged',
      updates: 'email',
    })
    assert.equal(after.person.givenName, 'Elsie')
    assert.equal(after.person.phone, '07700 900982')
    assert.equal(after.updates, 'text')
    // A page of checkboxes sent with none ticked clears that page's choices.
    const help = withStepAnswers(before, stepBySlug('help')!, {})
    assert.deepEqual(help.reasons.needs, [])
  })

  it('shows on each page only the errors that belong to it', () => {
    const values = emptySelfReferral()
    assert.deepEqual(Object.keys(stepErrors(values, stepBySlug('name')!, ONE, TODAY)).sort(), [
      'familyName',
      'givenName',
    ])
    assert.deepEqual(Object.keys(stepErrors(values, stepBySlug('date-of-birth')!, ONE, TODAY)), ['dateOfBirth'])
    assert.deepEqual(stepErrors(values, stepBySlug('nhs-number')!, ONE, TODAY), {})
  })

  it('offers updates only by a way the person gave and did not rule out', () => {
    const values = complete()
    const updates = stepBySlug('updates')!
    assert.deepEqual(stepErrors(values, updates, ONE, TODAY), {})
    const landline = { ...values, person: { ...values.person, phone: '01224 960011' } }
    assert.match(stepErrors(landline, updates, ONE, TODAY)['updates']!, /UK mobile/)
    const noTexts = { ...values, person: { ...values.person, contactMethodsToAvoid: ['text'] } }
    assert.match(stepErrors(noTexts, updates, ONE, TODAY)['updates']!, /not to text you/)
    assert.match(stepErrors({ ...values, updates: 'email' }, updates, ONE, TODAY)['updates']!, /email address/)
    assert.deepEqual(stepErrors({ ...values, updates: 'no' }, updates, ONE, TODAY), {})
  })

  it('finds the first page not yet answered, or still wrong', () => {
    const values = complete()
    const all = stepsFor(1).map((s) => s.slug)
    assert.equal(firstIncompleteStep(values, all, ONE, TODAY), undefined)
    assert.equal(
      firstIncompleteStep(
        values,
        all.filter((s) => s !== 'gp-practice'),
        ONE,
        TODAY,
      )?.slug,
      'gp-practice',
    )
    const wrongDate = { ...values, person: { ...values.person, dobDay: '31', dobMonth: '2' } }
    assert.equal(firstIncompleteStep(wrongDate, all, ONE, TODAY)?.slug, 'date-of-birth')
  })

  it('links each answer on check your answers to the page that asks it', () => {
    const sections = checkRows(complete(), [{ id: ONE[0]!, name: 'Aberdeen Links' }], (step) => `/p/${step.slug}`)
    const rows = sections.flatMap((s) => s.rows)
    const hrefOf = (key: string) => rows.find((r) => r.key.text === key)!.actions.items[0]!.href
    assert.equal(hrefOf('Address'), '/p/address#addressLine1')
    assert.equal(hrefOf('Do not contact by'), '/p/contact-preferences#contactMethodsToAvoid')
    assert.equal(hrefOf('Tell you how your request is going'), '/p/updates')
    assert.match(rows.find((r) => r.key.text === 'Address')!.value.text, /No fixed abode/i)
  })
})

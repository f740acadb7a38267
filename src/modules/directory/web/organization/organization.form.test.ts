// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseOrganizationForm, readOrganizationForm } from './organization.form.ts'

describe('the organisation form', () => {
  it('keeps what was typed, trimmed, and turns it into details with empty contacts as none', () => {
    const values = readOrganizationForm({
      name: '  Friends of the Park ',
      website: '',
      email: '',
      accreditedProvider: 'yes',
    })
    assert.equal(values.name, 'Friends of the Park')
    assert.deepEqual(parseOrganizationForm(values), {
      ok: true,
      value: {
        name: 'Friends of the Park',
        description: '',
        website: null,
        email: null,
        accreditedProvider: true,
        providerOrganisationId: null,
      },
    })
  })

  it('takes a provider only as an id (whether it is one of the area’s is checked when saving)', () => {
    const id = '0b7c2a54-6f8e-4c1e-9f3a-2d5b8e7a1c40'
    const chosen = parseOrganizationForm(readOrganizationForm({ name: 'Hub', providerOrganisationId: id }))
    assert.equal(chosen.ok && chosen.value.providerOrganisationId, id)
    const crafted = parseOrganizationForm(readOrganizationForm({ name: 'Hub', providerOrganisationId: '<script>' }))
    assert.deepEqual(crafted.ok ? {} : crafted.errors, {
      providerOrganisationId: 'Select an organisation from the list, or none',
    })
  })

  it('asks for a name and a website and email in the right format, in the order of the form', () => {
    const result = parseOrganizationForm(
      readOrganizationForm({ name: '', website: 'www.example', email: 'not-an-email' }),
    )
    assert.equal(result.ok, false)
    assert.deepEqual(Object.keys(result.ok ? {} : result.errors), ['name', 'website', 'email'])
  })
})

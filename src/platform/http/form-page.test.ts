// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import formbody from '@fastify/formbody'
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify'
import { AppError, NotFoundError } from './errors.ts'
import { formPage } from './form-page.ts'
import type { FormResult } from './forms.ts'

// A record with a version, as the pages keep them, and a save that refuses a stale version.
const stored = new Map([['r1', { name: 'Walking group', version: 3, closed: false }]])
type Values = { name: string; version: string }
type Params = { Params: { id: string } }

class StaleError extends AppError {
  constructor() {
    super('TEST_CHANGED', 409, 'Someone else changed this. Check it and try again')
  }
}

function parse(values: Values): FormResult<{ name: string; version: number }> {
  if (!values.name) return { ok: false, errors: { name: 'Enter a name' } }
  return { ok: true, value: { name: values.name, version: Number(values.version) } }
}

const page = formPage({
  async load(request: FastifyRequest<Params>) {
    const record = stored.get(request.params.id)
    if (!record) throw new NotFoundError()
    return { id: request.params.id, ...record }
  },
  redirectFrom: (record) => (record.closed ? `/records/${record.id}` : undefined),
  initial: (record) => ({ name: record.name, version: String(record.version) }),
  view: (record) => ({ template: 'edit.njk', model: { pageTitle: `Edit ${record.name}` } }),
  fieldIds: { name: 'name-input' },
  read: (body) => {
    const form = body as Record<string, string>
    return { name: (form['name'] ?? '').trim(), version: form['version'] ?? '' }
  },
  parse,
  async save(request, parsed) {
    const record = stored.get(request.params.id)!
    if (parsed.name === 'explode') throw new Error('not a form problem')
    if (record.version !== parsed.version) throw new StaleError()
    stored.set(request.params.id, { ...record, name: parsed.name, version: record.version + 1 })
    return `/records/${request.params.id}?saved=1`
  },
  conflict: {
    code: 'TEST_CHANGED',
    field: 'name',
    refresh: (fresh, values) => ({ ...values, version: String(fresh.version) }),
  },
})

const app = Fastify()
await app.register(formbody)
app.decorateReply('page', function (this: FastifyReply, template: string, model: object, status = 200) {
  return this.code(status).send({ template, ...model })
})
app.get('/records/:id/edit', page.show)
app.post('/records/:id/edit', page.submit)
after(() => app.close())

async function post(id: string, form: Record<string, string>) {
  const response = await app.inject({
    method: 'POST',
    url: `/records/${id}/edit`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(form).toString(),
  })
  return {
    status: response.statusCode,
    location: response.headers.location,
    body: response.body ? response.json<Record<string, unknown>>() : {},
  }
}

describe('a form page', () => {
  it('shows the stored values, and a record that is not there as not found', async () => {
    const response = await app.inject({ url: '/records/r1/edit' })
    assert.equal(response.statusCode, 200)
    assert.deepEqual(response.json(), {
      template: 'edit.njk',
      pageTitle: 'Edit Walking group',
      values: { name: 'Walking group', version: '3' },
      errors: {},
      errorList: [],
    })
    assert.equal((await app.inject({ url: '/records/nope/edit' })).statusCode, 404)
  })

  it('shows the form again with what was typed and a summary linking to the field (400)', async () => {
    const response = await post('r1', { name: '', version: '3' })
    assert.equal(response.status, 400)
    assert.deepEqual(response.body['values'], { name: '', version: '3' })
    assert.deepEqual(response.body['errorList'], [{ text: 'Enter a name', href: '#name-input' }])
    assert.equal(stored.get('r1')!.version, 3, 'nothing saved')
  })

  it('saves and redirects with 303 so a refresh never posts twice', async () => {
    const response = await post('r1', { name: 'Evening walk', version: '3' })
    assert.equal(response.status, 303)
    assert.equal(response.location, '/records/r1?saved=1')
    assert.equal(stored.get('r1')!.name, 'Evening walk')
  })

  it('refuses a save against a stale version, keeps what was typed and shows the fresh version (409)', async () => {
    const response = await post('r1', { name: 'Morning walk', version: '3' })
    assert.equal(response.status, 409)
    assert.deepEqual(response.body['values'], { name: 'Morning walk', version: '4' })
    assert.deepEqual(response.body['errors'], { name: 'Someone else changed this. Check it and try again' })
    assert.equal(stored.get('r1')!.name, 'Evening walk', 'the other change stands')
    assert.equal((await post('r1', { name: 'Morning walk', version: '4' })).status, 303)
  })

  it('lets any other failure through to the error page', async () => {
    assert.equal((await post('r1', { name: 'explode', version: '5' })).status, 500)
  })

  it('sends someone elsewhere when the form makes no sense for the record now', async () => {
    stored.set('r2', { name: 'Closed group', version: 1, closed: true })
    const response = await app.inject({ url: '/records/r2/edit' })
    assert.equal(response.statusCode, 303)
    assert.equal(response.headers.location, '/records/r2')
  })
})

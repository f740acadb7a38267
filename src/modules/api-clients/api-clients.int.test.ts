// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { createTestOrganisation, useTestContext } from '../../../test/helpers/test-app.ts'
import { auditEvents } from '../../platform/audit/audit.table.ts'
import { apiClients } from './api-clients.table.ts'
import { hashApiKey } from './api-clients.ts'
import { ApiClientsError, authenticateApiKey, createApiKeyCommand, createApiKeyForOrganisation } from './index.ts'

const context = useTestContext()

function keyOnPage(body: string): string {
  const key = /(wmk_[0-9a-f]{8}_[A-Za-z0-9_-]{43})/.exec(body)?.[1]
  assert.ok(key, 'the new key is shown')
  return key
}

describe('API keys pages', () => {
  it('lets an administrator create a key, shows it once, stores only its hash, and revokes it', async () => {
    const { organisation, users } = await createTestOrganisation(context, {
      type: 'gp-practice',
      users: { admin: ['administrator'] },
    })
    const session = await users['admin']!.session()
    const list = await session.get('/admin/api-keys')
    assert.equal(list.statusCode, 200)
    assert.match(list.body, /There are no API keys yet/)

    const form = await session.get('/admin/api-keys/new')
    const submissionKey = /name="submissionKey" value="([^"]+)"/.exec(form.body)?.[1]
    assert.ok(submissionKey)
    const created = await session.post('/admin/api-keys/new', { name: 'EMIS <script>', submissionKey })
    assert.equal(created.statusCode, 200)
    assert.equal(created.headers['cache-control'], 'no-store')
    assert.doesNotMatch(created.body, /<script>/)
    assert.match(created.body, /EMIS &lt;script&gt;/)
    const key = keyOnPage(created.body)

    const [row] = await context.db.select().from(apiClients).where(eq(apiClients.organisationId, organisation.id))
    assert.equal(row?.keyHash, hashApiKey(key))
    assert.ok(!JSON.stringify(row).includes(key), 'the key itself is not stored')
    const client = await authenticateApiKey(context.db, `Bearer ${key}`)
    assert.equal(client.organisationId, organisation.id)

    // Submitting the same form again issues no second key.
    const again = await session.post('/admin/api-keys/new', { name: 'EMIS <script>', submissionKey })
    assert.equal(again.statusCode, 409)
    assert.doesNotMatch(again.body, /wmk_[0-9a-f]{8}_/)
    assert.equal(
      (await context.db.select().from(apiClients).where(eq(apiClients.organisationId, organisation.id))).length,
      1,
    )

    const listed = await session.get('/admin/api-keys')
    assert.match(listed.body, new RegExp(`wmk_${row.keyPrefix}_`))
    assert.doesNotMatch(listed.body, new RegExp(key))
    const confirm = await session.get(`/admin/api-keys/${row.id}/revoke`)
    assert.equal(confirm.statusCode, 200)
    const revoked = await session.post(`/admin/api-keys/${row.id}/revoke`, {})
    assert.equal(revoked.statusCode, 303)
    await assert.rejects(authenticateApiKey(context.db, `Bearer ${key}`), ApiClientsError)
    assert.match((await session.get('/admin/api-keys')).body, /Revoked/)

    const audit = await context.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.chainId, organisation.id), eq(auditEvents.recordId, row.id)))
      .orderBy(auditEvents.sequence)
    assert.deepEqual(
      audit.map((a) => a.action),
      ['create-api-key', 'revoke-api-key'],
    )
  })

  it('keeps the typed name and explains the error when the name is missing or too long', async () => {
    const { users } = await createTestOrganisation(context, { users: { admin: ['administrator'] } })
    const session = await users['admin']!.session()
    await session.get('/admin/api-keys/new')
    const empty = await session.post('/admin/api-keys/new', { name: '  ' })
    assert.equal(empty.statusCode, 400)
    assert.match(empty.body, /There is a problem/)
    assert.match(empty.body, /Enter a name for the API key/)
    const long = await session.post('/admin/api-keys/new', { name: 'x'.repeat(150) })
    assert.equal(long.statusCode, 400)
    assert.match(long.body, /Name must be 100 characters or fewer/)
  })

  it('is for administrators only, and an administrator cannot see or revoke another organisation’s keys', async () => {
    const mine = await createTestOrganisation(context, { users: { admin: ['administrator'], worker: ['link-worker'] } })
    const theirs = await createTestOrganisation(context, { users: {} })
    const { client } = await createApiKeyForOrganisation(context.db, {
      organisation: theirs.organisation.id,
      name: 'Theirs',
    })
    const worker = await mine.users['worker']!.session()
    assert.equal((await worker.get('/admin/api-keys')).statusCode, 403)
    const admin = await mine.users['admin']!.session()
    assert.doesNotMatch((await admin.get('/admin/api-keys')).body, /Theirs/)
    assert.equal((await admin.get(`/admin/api-keys/${client.id}/revoke`)).statusCode, 404)
    await admin.get('/admin/api-keys')
    assert.equal((await admin.post(`/admin/api-keys/${client.id}/revoke`, {})).statusCode, 404)
    await authenticateApiKey(context.db, 'Bearer ' + 'x') // malformed keys never reach the database
      .then(() => assert.fail('should refuse'))
      .catch((error: unknown) => assert.ok(error instanceof ApiClientsError))
    const [row] = await context.db.select().from(apiClients).where(eq(apiClients.id, client.id))
    assert.equal(row?.revokedAt, null)
  })
})

describe('createApiKeyForOrganisation (for the CLI)', () => {
  it('issues a key for an organisation named by id, audited on its chain, and refuses an unknown organisation', async () => {
    const { organisation } = await createTestOrganisation(context, { users: {} })
    const created = await createApiKeyForOrganisation(context.db, { organisation: organisation.id, name: 'Hub' })
    assert.equal(created.organisationName, organisation.name)
    assert.equal((await authenticateApiKey(context.db, `Bearer ${created.key}`)).id, created.client.id)
    const [event] = await context.db
      .select({ role: auditEvents.actorRole })
      .from(auditEvents)
      .where(and(eq(auditEvents.chainId, organisation.id), eq(auditEvents.recordId, created.client.id)))
    assert.equal(event?.role, 'operator-cli')
    await assert.rejects(
      createApiKeyForOrganisation(context.db, { organisation: 'ZZZ99', name: 'Nobody' }),
      (error: unknown) => error instanceof ApiClientsError && error.code === 'API_CLIENTS_ORGANISATION_NOT_FOUND',
    )
  })
})

describe('the create-api-key command', () => {
  it('prints a working key for an organisation', async () => {
    const { organisation } = await createTestOrganisation(context, { users: {} })
    const lines: string[] = []
    await createApiKeyCommand.run({
      args: ['--organisation', organisation.id, '--name', 'Hub system'],
      open: async () => ({ db: context.db, close: async () => {} }),
      print: (line) => lines.push(line),
    })
    const key = lines.at(-1) ?? ''
    assert.equal((await authenticateApiKey(context.db, `Bearer ${key}`)).organisationId, organisation.id)
    await assert.rejects(
      createApiKeyCommand.run({
        args: ['--name', 'x'],
        open: async () => ({ db: context.db, close: async () => {} }),
        print: () => {},
      }),
    )
  })
})

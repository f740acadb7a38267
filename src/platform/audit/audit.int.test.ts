// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { createTestContext, createTestOrganisation, type TestContext } from '../../../test/helpers/test-app.ts'
import { auditEvents } from './audit.table.ts'
import { recordAuditEvent, verifyAuditChain } from './audit.service.ts'

let context: TestContext
before(async () => {
  context = await createTestContext()
})
after(async () => {
  await context.close()
})

const actorFor = (organisationId: string) => ({
  userId: null,
  organisationId,
  role: 'test',
  ipAddress: '127.0.0.1',
  correlationId: 'test',
})

describe('the audit chain', () => {
  it('links concurrent writes into one unbroken chain per organisation', async () => {
    const { organisation } = await createTestOrganisation(context, { users: {} })
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        recordAuditEvent(context.db, actorFor(organisation.id), {
          action: 'view',
          recordType: 'thing',
          recordId: String(i),
        }),
      ),
    )
    const result = await verifyAuditChain(context.db, organisation.id)
    assert.equal(result.brokenAtSequence, null)
    assert.equal(result.entries, 25)
  })

  it('detects an entry edited after it was written', async () => {
    const { organisation } = await createTestOrganisation(context, { users: {} })
    for (let i = 0; i < 5; i++)
      await recordAuditEvent(context.db, actorFor(organisation.id), {
        action: 'view',
        recordType: 'thing',
        recordId: String(i),
      })
    await context.db
      .update(auditEvents)
      .set({ action: 'nothing-to-see' })
      .where(and(eq(auditEvents.chainId, organisation.id), eq(auditEvents.sequence, 3)))
    const result = await verifyAuditChain(context.db, organisation.id)
    assert.equal(result.brokenAtSequence, 3)
    assert.match(result.problem ?? '', /changed/)
  })

  it('detects a deleted entry', async () => {
    const { organisation } = await createTestOrganisation(context, { users: {} })
    for (let i = 0; i < 5; i++)
      await recordAuditEvent(context.db, actorFor(organisation.id), {
        action: 'view',
        recordType: 'thing',
        recordId: String(i),
      })
    await context.db
      .delete(auditEvents)
      .where(and(eq(auditEvents.chainId, organisation.id), eq(auditEvents.sequence, 2)))
    const result = await verifyAuditChain(context.db, organisation.id)
    assert.equal(result.brokenAtSequence, 2)
    assert.match(result.problem ?? '', /missing/)
  })

  it('checks only the newest entries when asked, anchored on the entry before them', async () => {
    const { organisation } = await createTestOrganisation(context, { users: {} })
    for (let i = 0; i < 6; i++)
      await recordAuditEvent(context.db, actorFor(organisation.id), {
        action: 'view',
        recordType: 'thing',
        recordId: String(i),
      })
    await context.db
      .update(auditEvents)
      .set({ action: 'old-tamper' })
      .where(and(eq(auditEvents.chainId, organisation.id), eq(auditEvents.sequence, 1)))
    const tail = await verifyAuditChain(context.db, organisation.id, { lastEntries: 3 })
    assert.equal(tail.entries, 3)
    assert.equal(tail.brokenAtSequence, null, 'the tail is intact')
    assert.equal(
      (await verifyAuditChain(context.db, organisation.id)).brokenAtSequence,
      1,
      'the full check still finds the old tampering',
    )
  })

  it('shows the audit log to a supervisor, filtered, and records that they looked', async () => {
    const { organisation, users } = await createTestOrganisation(context, {
      users: { supervisor: ['supervisor'], worker: ['link-worker'] },
    })
    await users['worker']!.session()
    const session = await users['supervisor']!.session()
    const page = await session.get(`/audit?userId=${users['worker']!.id}&action=sign-in`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Chain intact/)
    assert.match(page.body, new RegExp(users['worker']!.displayName))
    assert.match(page.body, /1 entry/)
    const bad = await session.get('/audit?from=2026-13-45')
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /Enter the start date as YYYY-MM-DD/)
    const views = await context.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.chainId, organisation.id), eq(auditEvents.recordType, 'audit-log')))
    assert.ok(views.length >= 1)
  })
})

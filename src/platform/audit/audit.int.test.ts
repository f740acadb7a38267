// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { and, eq, sql } from 'drizzle-orm'
import { createTestOrganisation, useTestContext } from '../../../test/helpers/test-app.ts'
import { auditEvents } from './audit.table.ts'
import { appendAuditEvent, AUDIT_LANES, recordAuditEvent, verifyAuditChain } from './audit.service.ts'
import { GENESIS_HASH, hashAuditEntry } from './audit-chain.ts'

const context = useTestContext()

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

  it('spreads appends that overlap over lanes, each an unbroken chain, and a quiet chain keeps to one lane', async () => {
    const { organisation } = await createTestOrganisation(context, { users: {} })
    const append = (recordId: string) =>
      recordAuditEvent(context.db, actorFor(organisation.id), { action: 'view', recordType: 'thing', recordId })
    if (context.databaseKind === 'postgresql') {
      // Two transactions hold lanes open at once, as two page views in flight would. (The embedded database
      // runs one transaction at a time, so there appends never overlap: the else branch.)
      let release!: () => void
      const held = new Promise<void>((resolve) => (release = resolve))
      let first!: () => void
      const firstAppended = new Promise<void>((resolve) => (first = resolve))
      const holder = context.db.transaction(async (tx) => {
        await appendAuditEvent(tx, actorFor(organisation.id), { action: 'view', recordType: 'thing', recordId: 'held' })
        await appendAuditEvent(tx, actorFor(organisation.id), {
          action: 'view',
          recordType: 'thing',
          recordId: 'held-2',
        })
        first()
        await held
      })
      await firstAppended
      await append('b')
      release()
      await holder
    } else {
      await context.db.transaction(async (tx) => {
        await appendAuditEvent(tx, actorFor(organisation.id), { action: 'view', recordType: 'thing', recordId: 'held' })
        await appendAuditEvent(tx, actorFor(organisation.id), {
          action: 'view',
          recordType: 'thing',
          recordId: 'held-2',
        })
      })
      await append('b')
    }
    for (let i = 0; i < 3; i++) await append(`q${i}`)
    const rows = await context.db
      .select({ lane: auditEvents.lane, sequence: auditEvents.sequence, recordId: auditEvents.recordId })
      .from(auditEvents)
      .where(eq(auditEvents.chainId, organisation.id))
    const laneOf = (id: string) => rows.find((row) => row.recordId === id)?.lane
    assert.equal(laneOf('held'), 0)
    assert.equal(laneOf('held-2'), 0, 'a transaction keeps to the lane it holds')
    const overlapped = context.databaseKind === 'postgresql'
    assert.equal(
      laneOf('b'),
      overlapped ? 1 : 0,
      'an append that overlaps takes the next free lane rather than waiting',
    )
    assert.deepEqual(['q0', 'q1', 'q2'].map(laneOf), [0, 0, 0], 'appends that do not overlap stay on the first lane')
    const result = await verifyAuditChain(context.db, organisation.id)
    assert.deepEqual([result.brokenAtSequence, result.entries, result.lanes], [null, 6, overlapped ? 2 : 1])

    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        recordAuditEvent(context.db, actorFor(organisation.id), {
          action: 'view',
          recordType: 'load',
          recordId: String(i),
        }),
      ),
    )
    const loaded = await verifyAuditChain(context.db, organisation.id)
    assert.equal(loaded.brokenAtSequence, null)
    assert.equal(loaded.entries, 46)
    assert.ok(loaded.lanes <= AUDIT_LANES)
  })

  it('continues a chain written before lanes (hash version 1) and still checks its old entries', async () => {
    const { organisation } = await createTestOrganisation(context, { users: {} })
    const old = {
      chainId: organisation.id,
      sequence: 1,
      occurredAt: new Date('2026-11-01T10:00:00.000Z'),
      actorUserId: null,
      actorOrganisationId: organisation.id,
      actorRole: 'test',
      action: 'view',
      recordType: 'thing',
      recordId: 'old',
      outcome: 'success',
      ipAddress: null,
      correlationId: null,
      details: { page: 1 },
      previousHash: GENESIS_HASH,
    }
    await context.db.insert(auditEvents).values({ ...old, hash: hashAuditEntry(old) })
    await recordAuditEvent(context.db, actorFor(organisation.id), {
      action: 'view',
      recordType: 'thing',
      recordId: 'new',
    })
    const intact = await verifyAuditChain(context.db, organisation.id)
    assert.deepEqual([intact.brokenAtSequence, intact.entries], [null, 2])
    await context.db.execute(
      sql`update audit_events set details = '{"page": 2}' where chain_id = ${organisation.id} and sequence = 1`,
    )
    const tampered = await verifyAuditChain(context.db, organisation.id)
    assert.deepEqual([tampered.brokenInLane, tampered.brokenAtSequence], [0, 1])
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

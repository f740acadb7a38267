// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { and, eq, sql } from 'drizzle-orm'
import { auditEvents } from '../../platform/audit/audit.table.ts'
import { PLATFORM_CHAIN_ID } from '../../platform/audit/audit-chain.ts'
import { createTestOrganisation, TEST_PASSWORD, useTestContext } from '../../../test/helpers/test-app.ts'
import { WebSession } from '../../../test/helpers/web-session.ts'
import { users } from './identity.table.ts'
import { MAX_FAILED_SIGN_INS } from './identity.ts'

const context = useTestContext()

async function auditActions(organisationId: string, recordId: string): Promise<string[]> {
  const rows = await context.db
    .select({ action: auditEvents.action, outcome: auditEvents.outcome })
    .from(auditEvents)
    .where(and(eq(auditEvents.chainId, organisationId), eq(auditEvents.recordId, recordId)))
    .orderBy(auditEvents.sequence)
  return rows.map((row) => `${row.action}:${row.outcome}`)
}

describe('signing in', () => {
  it('signs a member in to their only organisation, shows their home page and audits it', async () => {
    const { organisation, users: people } = await createTestOrganisation(context, {
      users: { worker: ['link-worker'] },
    })
    const session = new WebSession(context.app)
    const response = await session.signIn(people['worker']!.email, TEST_PASSWORD)
    assert.equal(response.statusCode, 303)
    assert.equal(response.headers.location, '/')
    const home = await session.get('/')
    assert.equal(home.statusCode, 200)
    assert.match(home.body, /Hello, Worker/)
    assert.match(home.body, new RegExp(organisation.name))
    assert.deepEqual(await auditActions(organisation.id, people['worker']!.id), [
      'create-user:success',
      'sign-in:success',
    ])
  })

  it('gives one message for a wrong password and an unknown email, keeping the email typed', async () => {
    const { users: people } = await createTestOrganisation(context, { users: { worker: ['link-worker'] } })
    const session = new WebSession(context.app)
    const wrong = await session.post(
      '/sign-in',
      { email: people['worker']!.email, password: 'not the password' },
      { csrfFrom: '/sign-in' },
    )
    assert.equal(wrong.statusCode, 401)
    assert.match(wrong.body, /Enter a correct email address and password/)
    assert.match(wrong.body, new RegExp(`value="${people['worker']!.email}"`))
    const unknown = await session.post(
      '/sign-in',
      { email: 'nobody@test.example', password: 'whatever-it-is' },
      { csrfFrom: '/sign-in' },
    )
    assert.equal(unknown.statusCode, 401)
    assert.match(unknown.body, /Enter a correct email address and password/)
    const [platformEntry] = await context.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.chainId, PLATFORM_CHAIN_ID), sql`${auditEvents.details}->>'reason' = 'unknown-email'`))
      .limit(1)
    assert.ok(platformEntry, 'a failed sign-in for an unknown email is audited on the platform chain')
    assert.ok(
      !JSON.stringify(platformEntry).includes('nobody@test.example'),
      'the audit log never stores the email typed',
    )
  })

  it(`locks the account after ${MAX_FAILED_SIGN_INS} wrong passwords, even for the right password`, async () => {
    const { users: people } = await createTestOrganisation(context, { users: { worker: ['link-worker'] } })
    const email = people['worker']!.email
    const session = new WebSession(context.app)
    for (let attempt = 1; attempt < MAX_FAILED_SIGN_INS; attempt++) {
      const response = await session.post(
        '/sign-in',
        { email, password: `wrong-${attempt}-password` },
        { csrfFrom: '/sign-in' },
      )
      assert.equal(response.statusCode, 401)
    }
    const locking = await session.post('/sign-in', { email, password: 'wrong-last-password' }, { csrfFrom: '/sign-in' })
    assert.equal(locking.statusCode, 423)
    assert.match(locking.body, /Your account is locked/)
    const right = await session.post('/sign-in', { email, password: TEST_PASSWORD }, { csrfFrom: '/sign-in' })
    assert.equal(right.statusCode, 423)
    await context.db
      .update(users)
      .set({ lockedUntil: new Date(Date.now() - 1000) })
      .where(eq(users.id, people['worker']!.id))
    const afterLock = await session.post('/sign-in', { email, password: TEST_PASSWORD }, { csrfFrom: '/sign-in' })
    assert.equal(afterLock.statusCode, 303)
  })

  it('refuses a form posted without its CSRF token', async () => {
    const session = new WebSession(context.app)
    await session.get('/sign-in')
    const response = await session.post('/sign-in', { email: 'a@b.example', password: 'x' }, { csrfToken: null })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /There is a problem with your request/)
  })

  it('sends a signed-out visitor to sign in, keeping where they were going', async () => {
    const session = new WebSession(context.app)
    const response = await session.get('/admin/users?page=2')
    assert.equal(response.statusCode, 303)
    assert.equal(response.headers.location, '/sign-in?returnTo=%2Fadmin%2Fusers%3Fpage%3D2')
  })

  it('asks a person with two organisations which one they are working for, and only lets them choose their own', async () => {
    const first = await createTestOrganisation(context, { users: { admin: ['administrator'] } })
    const second = await createTestOrganisation(context, { users: {} })
    const stranger = await createTestOrganisation(context, { users: {} })
    const admin = first.users['admin']!
    const { createUserWithMembership } = await import('./index.ts')
    await createUserWithMembership(context.db, {
      email: admin.email,
      displayName: admin.displayName,
      password: TEST_PASSWORD,
      organisationId: second.organisation.id,
      roles: ['supervisor'],
    })
    const session = new WebSession(context.app)
    const signIn = await session.post(
      '/sign-in',
      { email: admin.email, password: TEST_PASSWORD },
      { csrfFrom: '/sign-in' },
    )
    assert.equal(signIn.headers.location, '/choose-organisation?returnTo=%2F')
    assert.equal((await session.get('/')).headers.location, '/choose-organisation')
    const refused = await session.post(
      '/choose-organisation',
      { organisationId: stranger.organisation.id },
      { csrfFrom: '/choose-organisation' },
    )
    assert.equal(refused.statusCode, 400)
    assert.match(refused.body, /Select the organisation you are working for/)
    const chosen = await session.post(
      '/choose-organisation',
      { organisationId: second.organisation.id },
      { csrfFrom: '/choose-organisation' },
    )
    assert.equal(chosen.statusCode, 303)
    const home = await session.get('/')
    assert.match(home.body, new RegExp(second.organisation.name))
    assert.match(home.body, /Switch organisation/)
    assert.equal((await session.get('/admin/users')).statusCode, 403, 'administrator in the first organisation only')
  })

  it('signs out and ends the session', async () => {
    const { users: people } = await createTestOrganisation(context, { users: { worker: ['link-worker'] } })
    const session = await people['worker']!.session()
    const stolenCookies = new Map(session.cookies)
    await session.get('/')
    const signOut = await session.post('/sign-out', {})
    assert.equal(signOut.headers.location, '/sign-in?signedOut=1')
    const replay = new WebSession(context.app)
    for (const [name, value] of stolenCookies) replay.cookies.set(name, value)
    assert.equal((await replay.get('/')).statusCode, 303, 'the old session cookie no longer works')
  })
})

describe('changing a password', () => {
  it('checks the current password, validates the new one and ends other sessions', async () => {
    const { users: people } = await createTestOrganisation(context, { users: { worker: ['referrer'] } })
    const worker = people['worker']!
    const other = await worker.session()
    const session = await worker.session()
    await session.get('/account/password')
    const wrong = await session.post('/account/password', {
      currentPassword: 'nope',
      newPassword: 'a brand new passphrase',
      confirmPassword: 'a brand new passphrase',
    })
    assert.equal(wrong.statusCode, 400)
    assert.match(wrong.body, /Your current password is not correct/)
    const mismatch = await session.post('/account/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'a brand new passphrase',
      confirmPassword: 'different',
    })
    assert.match(mismatch.body, /The passwords do not match/)
    const ok = await session.post('/account/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'a brand new passphrase',
      confirmPassword: 'a brand new passphrase',
    })
    assert.equal(ok.statusCode, 200)
    assert.match(ok.body, /Password changed/)
    assert.equal((await session.get('/')).statusCode, 200, 'this session continues')
    assert.equal((await other.get('/')).statusCode, 303, 'other sessions are ended')
    const fresh = new WebSession(context.app)
    assert.equal((await fresh.signIn(worker.email, 'a brand new passphrase')).statusCode, 303)
  })
})

describe('administering members', () => {
  it('invites a new colleague who sets a password and signs in with the invited roles', async () => {
    const { organisation, users: people } = await createTestOrganisation(context, {
      users: { admin: ['administrator'] },
    })
    const admin = await people['admin']!.session()
    await admin.get('/admin/users/invite')
    const invalid = await admin.post('/admin/users/invite', {
      displayName: '<script>alert(1)</script>',
      email: 'bad',
      roles: [],
    })
    assert.equal(invalid.statusCode, 400)
    assert.match(invalid.body, /Enter an email address in the correct format/)
    assert.match(invalid.body, /Select at least one role/)
    assert.ok(!invalid.body.includes('<script>alert(1)</script>'), 'what was typed is escaped')
    assert.match(invalid.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/)
    const email = `new-${organisation.id.slice(0, 8)}@test.example`
    const sent = await admin.post('/admin/users/invite', {
      displayName: 'Nadia New',
      email,
      roles: ['link-worker', 'referrer'],
    })
    assert.equal(sent.statusCode, 200)
    const message = context.emails.find((m) => m.to === email)
    assert.ok(message, 'the invitation is emailed')
    const link = /\/invitations\/[A-Za-z0-9_-]+/.exec(message.text)?.[0]
    assert.ok(link)
    const visitor = new WebSession(context.app)
    assert.equal((await visitor.get(link)).statusCode, 200)
    const weak = await visitor.post(link, { newPassword: 'short', confirmPassword: 'short' })
    assert.match(weak.body, /at least 12 characters/)
    const leaked = await visitor.post(link, { newPassword: 'Password123!', confirmPassword: 'Password123!' })
    assert.equal(leaked.statusCode, 400)
    assert.match(leaked.body, /one of those most often leaked in data breaches/)
    const csrfToken = visitor.csrfToken()
    const accepted = await visitor.post(link, {
      newPassword: 'nadia chooses well',
      confirmPassword: 'nadia chooses well',
    })
    assert.equal(accepted.statusCode, 200)
    const again = await visitor.post(
      link,
      { newPassword: 'nadia chooses well', confirmPassword: 'nadia chooses well' },
      { csrfToken },
    )
    assert.equal(again.statusCode, 404, 'an invitation works once')
    const nadia = new WebSession(context.app)
    assert.equal((await nadia.signIn(email, 'nadia chooses well')).statusCode, 303)
    const home = await nadia.get('/')
    assert.match(home.body, /Link worker/)
    assert.match(home.body, /Referrer/)
  })

  it('never lets an invitation take over an existing account', async () => {
    const victim = await createTestOrganisation(context, { users: { worker: ['link-worker'] } })
    const attacker = await createTestOrganisation(context, { users: { admin: ['administrator'] } })
    const admin = await attacker.users['admin']!.session()
    await admin.get('/admin/users/invite')
    await admin.post('/admin/users/invite', {
      displayName: 'Target',
      email: victim.users['worker']!.email,
      roles: ['administrator'],
    })
    const link = /\/invitations\/[A-Za-z0-9_-]+/.exec(context.emails.at(-1)!.text)![0]
    const visitor = new WebSession(context.app)
    await visitor.get(link)
    const attempt = await visitor.post(link, { currentPassword: 'attacker guesses this' })
    assert.equal(attempt.statusCode, 400)
    assert.match(attempt.body, /Your password is not correct/)
    assert.equal(
      (await new WebSession(context.app).signIn(victim.users['worker']!.email, TEST_PASSWORD)).statusCode,
      303,
    )
  })

  it('changes roles, keeps at least one administrator, and cannot touch another organisation', async () => {
    const { users: people } = await createTestOrganisation(context, {
      users: { admin: ['administrator'], worker: ['link-worker'] },
    })
    const other = await createTestOrganisation(context, { users: { stranger: ['referrer'] } })
    const admin = await people['admin']!.session()
    const list = await admin.get('/admin/users')
    assert.match(list.body, new RegExp(people['worker']!.displayName))
    assert.ok(!list.body.includes(other.users['stranger']!.displayName))
    await admin.get(`/admin/users/${people['worker']!.id}`)
    const changed = await admin.post(`/admin/users/${people['worker']!.id}/roles`, {
      roles: ['link-worker', 'supervisor'],
    })
    assert.equal(changed.statusCode, 303)
    await admin.get(`/admin/users/${people['admin']!.id}`)
    const lastAdmin = await admin.post(`/admin/users/${people['admin']!.id}/roles`, { roles: ['supervisor'] })
    assert.equal(lastAdmin.statusCode, 409)
    assert.match(lastAdmin.body, /at least one administrator/)
    assert.equal(
      (await admin.get(`/admin/users/${other.users['stranger']!.id}`)).statusCode,
      404,
      'another organisation’s member is not found',
    )
    await admin.get(`/admin/users/${people['worker']!.id}`)
    assert.equal((await admin.post(`/admin/users/${other.users['stranger']!.id}/remove`, {})).statusCode, 404)
  })

  it('refuses administration pages to other roles', async () => {
    const { users: people } = await createTestOrganisation(context, {
      users: { worker: ['link-worker', 'supervisor'] },
    })
    const session = await people['worker']!.session()
    const response = await session.get('/admin/users')
    assert.equal(response.statusCode, 403)
    assert.match(response.body, /You do not have access to this page/)
  })
})

// SPDX-License-Identifier: AGPL-3.0-or-later
// OpenID Connect sign-in (issue 13, ADR 0007) against a real identity provider started by the test (oidc-provider,
// on loopback): the whole authorization code flow with PKCE, state and nonce, as a browser would follow it. The
// first sign-in links the provider's subject to the user with that verified email address; an unverified address,
// an unknown one, a forged state and a lost cookie are each refused with the way forward; all are audited.
import assert from 'node:assert/strict'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import Provider from 'oidc-provider'
import { createTestOrganisation, useTestContext, type TestOrganisation } from '../../../test/helpers/test-app.ts'
import { throughProvider } from '../../../test/helpers/oidc-browser.ts'
import { WebSession } from '../../../test/helpers/web-session.ts'
import { auditEvents } from '../../platform/audit/audit.table.ts'
import { userIdentities } from './identity.table.ts'

const PUBLIC_URL = 'http://waymark.test'
const overrides: Record<string, string> = {
  WAYMARK_PUBLIC_URL: PUBLIC_URL,
  WAYMARK_OIDC_CLIENT_ID: 'waymark',
  WAYMARK_OIDC_CLIENT_SECRET: 'waymark-test-client-secret',
  WAYMARK_OIDC_LABEL: 'NHS CIS2',
}
/** The provider's accounts: id → the email it gives and whether it says it verified it. */
const accounts = new Map<string, { email: string; verified: boolean }>()
// The provider is started before the app's test context, which reads its address.
const idp = http.createServer()
await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve))
const issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`
const provider = new Provider(issuer, {
  clients: [
    {
      client_id: overrides['WAYMARK_OIDC_CLIENT_ID']!,
      client_secret: overrides['WAYMARK_OIDC_CLIENT_SECRET']!,
      redirect_uris: [`${PUBLIC_URL}/sign-in/oidc/callback`],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  claims: { openid: ['sub'], email: ['email', 'email_verified'] },
  findAccount: (_ctx: unknown, id: string) => ({
    accountId: id,
    claims: () => ({ sub: id, email: accounts.get(id)?.email, email_verified: accounts.get(id)?.verified }),
  }),
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['oidc-test-cookie-key'] },
})
idp.on('request', provider.callback())
overrides['WAYMARK_OIDC_ISSUER'] = issuer
after(() => new Promise<void>((resolve) => idp.close(() => resolve())))

const context = useTestContext(overrides)

async function signInAs(accountId: string): Promise<{
  session: WebSession
  callback: URL
  response: { statusCode: number; body: string; headers: Record<string, unknown> }
}> {
  const session = new WebSession(context.app)
  const start = await session.get('/sign-in/oidc?returnTo=%2Fpeople')
  assert.equal(start.statusCode, 303)
  const callback = await throughProvider(issuer, PUBLIC_URL, String(start.headers.location), accountId)
  const response = await session.get(`${callback.pathname}${callback.search}`)
  return { session, callback, response }
}

describe('OpenID Connect sign-in', () => {
  let org: TestOrganisation

  before(async () => {
    org = await createTestOrganisation(context, { users: { worker: ['link-worker'] } })
  })

  it('signs a member in through the provider, links the subject, and audits it', async () => {
    const page = await new WebSession(context.app).get('/sign-in')
    assert.match(page.body, /Sign in with NHS CIS2/)
    accounts.set('cis2-alice', { email: org.users['worker']!.email.toUpperCase(), verified: true })
    const { session, response } = await signInAs('cis2-alice')
    assert.equal(response.statusCode, 303)
    assert.equal(response.headers['location'], '/people')
    const home = await session.get('/')
    assert.equal(home.statusCode, 200)
    assert.match(home.body, new RegExp(org.users['worker']!.displayName))

    const [link] = await context.db.select().from(userIdentities).where(eq(userIdentities.subject, 'cis2-alice'))
    assert.equal(link?.userId, org.users['worker']!.id)
    assert.equal(link?.issuer, issuer)
    // From now on the subject finds them, whatever email the provider gives.
    accounts.set('cis2-alice', { email: 'changed@elsewhere.example', verified: true })
    assert.equal((await signInAs('cis2-alice')).response.statusCode, 303)
    const audited = await context.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'sign-in'), eq(auditEvents.recordId, org.users['worker']!.id)))
    assert.equal(audited.filter((e) => e.outcome === 'success' && e.details?.['method'] === 'oidc').length, 2)
  })

  it('refuses an unverified or unknown email address, with the way forward', async () => {
    accounts.set('cis2-mallory', { email: org.users['worker']!.email, verified: false })
    const unverified = await signInAs('cis2-mallory')
    assert.equal(unverified.response.statusCode, 403)
    assert.match(unverified.response.body, /There is no Waymark account for the email address NHS CIS2 gave us/)
    assert.match(unverified.response.body, /There is a problem/)
    assert.equal((await unverified.session.get('/people')).statusCode, 303)
    accounts.set('cis2-stranger', { email: 'nobody@nowhere.example', verified: true })
    assert.equal((await signInAs('cis2-stranger')).response.statusCode, 403)
    const links = await context.db.select().from(userIdentities).where(eq(userIdentities.subject, 'cis2-mallory'))
    assert.equal(links.length, 0)
  })

  it('refuses a forged state and a callback without the cookie', async () => {
    accounts.set('cis2-bob', { email: org.users['worker']!.email, verified: true })
    const session = new WebSession(context.app)
    const start = await session.get('/sign-in/oidc')
    const callback = await throughProvider(issuer, PUBLIC_URL, String(start.headers.location), 'cis2-bob')
    callback.searchParams.set('state', 'forged')
    const forged = await session.get(`${callback.pathname}${callback.search}`)
    assert.equal(forged.statusCode, 400)
    assert.match(forged.body, /Signing in with NHS CIS2 did not work/)
    const stranger = new WebSession(context.app)
    const lost = await stranger.get(`${callback.pathname}${callback.search}`)
    assert.equal(lost.statusCode, 400)
    assert.match(lost.body, /took too long/)
  })
})

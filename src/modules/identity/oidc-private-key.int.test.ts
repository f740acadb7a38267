// SPDX-License-Identifier: AGPL-3.0-or-later
// OpenID Connect sign-in with a signed client assertion (private_key_jwt, RFC 7523), as NHS CIS2 requires instead
// of a client secret (issue 13, ADR 0007). The test identity provider knows only the public half of Waymark's key,
// fetched from Waymark's own JWKS page as CIS2 would be given it, and accepts nothing else at its token endpoint:
// a sign-in goes through, and the same app with a key the provider does not know is refused and audited.
import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import Provider from 'oidc-provider'
import { throughProvider } from '../../../test/helpers/oidc-browser.ts'
import {
  createTestContext,
  createTestOrganisation,
  useTestContext,
  type TestContext,
  type TestOrganisation,
} from '../../../test/helpers/test-app.ts'
import { WebSession } from '../../../test/helpers/web-session.ts'
import { auditEvents } from '../../platform/audit/audit.table.ts'

const PUBLIC_URL = 'http://waymark.test'
const keys = mkdtempSync(path.join(os.tmpdir(), 'waymark-oidc-key-'))
const pem = (modulusLength: number) =>
  generateKeyPairSync('rsa', { modulusLength }).privateKey.export({ type: 'pkcs8', format: 'pem' })
writeFileSync(path.join(keys, 'waymark.pem'), pem(2048))
writeFileSync(path.join(keys, 'impostor.pem'), pem(2048))
const settings = (keyFile: string): Record<string, string> => ({
  WAYMARK_PUBLIC_URL: PUBLIC_URL,
  WAYMARK_OIDC_CLIENT_ID: 'waymark-cis2',
  WAYMARK_OIDC_PRIVATE_KEY_FILE: path.join(keys, keyFile),
  WAYMARK_OIDC_KEY_ID: 'waymark-2026-12',
  WAYMARK_OIDC_LABEL: 'NHS CIS2',
})

const email = { address: '' }
const idp = http.createServer()
await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve))
const issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`
after(() => new Promise<void>((resolve) => idp.close(() => resolve())))

const context = useTestContext({ ...settings('waymark.pem'), WAYMARK_OIDC_ISSUER: issuer })

async function signIn(app: TestContext['app']): Promise<{ statusCode: number; location: unknown; body: string }> {
  const session = new WebSession(app)
  const start = await session.get('/sign-in/oidc?returnTo=%2F')
  assert.equal(start.statusCode, 303)
  const callback = await throughProvider(issuer, PUBLIC_URL, String(start.headers.location), 'cis2-priya')
  const finished = await session.get(`${callback.pathname}${callback.search}`)
  return { statusCode: finished.statusCode, location: finished.headers.location, body: finished.body }
}

describe('OpenID Connect sign-in with a private key (private_key_jwt)', () => {
  let org: TestOrganisation

  before(async () => {
    org = await createTestOrganisation(context, { users: { worker: ['link-worker'] } })
    email.address = org.users['worker']!.email
    // The provider is registered with what Waymark publishes: its JWKS page, read as the provider's operator would.
    const published = await new WebSession(context.app).get('/sign-in/oidc/jwks.json')
    assert.equal(published.statusCode, 200)
    assert.match(String(published.headers['content-type']), /^application\/jwk-set\+json/)
    const jwks = JSON.parse(published.body) as { keys: Record<string, unknown>[] }
    assert.deepEqual(
      jwks.keys.map((k) => [k['kty'], k['alg'], k['kid'], k['use'], 'd' in k]),
      [['RSA', 'RS512', 'waymark-2026-12', 'sig', false]],
      'the public key only, never the private parts',
    )
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: 'waymark-cis2',
          token_endpoint_auth_method: 'private_key_jwt',
          token_endpoint_auth_signing_alg: 'RS512',
          jwks: jwks as never,
          redirect_uris: [`${PUBLIC_URL}/sign-in/oidc/callback`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      enabledJWA: { clientAuthSigningAlgValues: ['RS512'] },
      claims: { openid: ['sub'], email: ['email', 'email_verified'] },
      findAccount: (_ctx: unknown, id: string) => ({
        accountId: id,
        claims: () => ({ sub: id, email: email.address, email_verified: true }),
      }),
      features: { devInteractions: { enabled: true } },
      cookies: { keys: ['oidc-test-cookie-key'] },
    })
    idp.on('request', provider.callback())
  })

  it('signs in with a client assertion signed by the published key', async () => {
    const finished = await signIn(context.app)
    assert.equal(finished.statusCode, 303)
    assert.equal(finished.location, '/')
  })

  it('is refused, and audited, when the app signs with a key the provider was not given', async () => {
    const impostor = await createTestContext({ ...settings('impostor.pem'), WAYMARK_OIDC_ISSUER: issuer })
    try {
      const finished = await signIn(impostor.app)
      assert.equal(finished.statusCode, 400)
      assert.match(finished.body, /Signing in with NHS CIS2 did not work/)
      const refused = await context.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'sign-in'), eq(auditEvents.outcome, 'failure')))
      assert.ok(refused.some((e) => e.details['method'] === 'oidc' && e.details['reason'] === 'refused'))
    } finally {
      await impostor.close()
    }
  })

  it('publishes no key when sign-in uses a client secret', async () => {
    const withSecret = await createTestContext({
      WAYMARK_OIDC_ISSUER: issuer,
      WAYMARK_OIDC_CLIENT_ID: 'waymark',
      WAYMARK_OIDC_CLIENT_SECRET: 'a-secret',
    })
    try {
      assert.equal((await new WebSession(withSecret.app).get('/sign-in/oidc/jwks.json')).statusCode, 404)
    } finally {
      await withSecret.close()
    }
  })
})

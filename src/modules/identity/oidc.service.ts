// SPDX-License-Identifier: AGPL-3.0-or-later
// Sign-in through an OpenID Connect provider (ADR 0007): NHS CIS2, Microsoft Entra ID or any certified provider,
// configured by its issuer and this app's client, with no code. The authorization code flow with PKCE, state and
// nonce (openid-client). A provider's subject is linked to a Waymark user the first time they sign in with it, by
// the email address the provider says it has verified; from then on the subject alone finds them. Everything
// after (the session, choosing an organisation, access checks, audit) is the same as for a password.
import { createPrivateKey, createPublicKey, webcrypto } from 'node:crypto'
import * as oidc from 'openid-client'
import type { OidcClientAuth, SigningAlg } from '../../config.ts'
import { recordAuditEvent, type AuditActor } from '../../platform/audit/audit.service.ts'
import type { Database } from '../../platform/db/database.ts'
import { normaliseEmail } from './identity.ts'
import * as repo from './identity.repository.ts'
import { startSession, type SignInResult } from './identity.service.ts'

export interface OidcSettings {
  readonly issuer: string
  readonly clientId: string
  readonly clientAuth: OidcClientAuth
}

/** What the browser keeps (in a signed, short-lived cookie) between leaving for the provider and coming back. */
export interface OidcChecks {
  state: string
  nonce: string
  codeVerifier: string
  returnTo: string
}

const discovered = new Map<string, Promise<oidc.Configuration>>()

/** The provider's configuration, discovered once per process (again after a failure). */
function configurationOf(settings: OidcSettings): Promise<oidc.Configuration> {
  // One per provider, client and way of authenticating (a new key or secret is a new configuration).
  const key = JSON.stringify([settings.issuer, settings.clientId, settings.clientAuth])
  let found = discovered.get(key)
  if (!found) {
    // Plain http only for a provider on this machine (tests, a local stand-in); config refuses it in production.
    const local = /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//.test(new URL(settings.issuer).href)
    found = clientAuthOf(settings.clientAuth).then((auth) =>
      oidc.discovery(
        new URL(settings.issuer),
        settings.clientId,
        undefined,
        auth,
        local ? { execute: [oidc.allowInsecureRequests] } : undefined,
      ),
    )
    found.catch(() => discovered.delete(key))
    discovered.set(key, found)
  }
  return found
}

/** WebCrypto's name for each JWS algorithm, so the client assertion is signed with the one the provider expects. */
const SIGNING_PARAMS: Record<SigningAlg, webcrypto.RsaHashedImportParams | webcrypto.EcKeyImportParams> = {
  RS256: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  RS384: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-384' },
  RS512: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512' },
  PS256: { name: 'RSA-PSS', hash: 'SHA-256' },
  PS384: { name: 'RSA-PSS', hash: 'SHA-384' },
  PS512: { name: 'RSA-PSS', hash: 'SHA-512' },
  ES256: { name: 'ECDSA', namedCurve: 'P-256' },
  ES384: { name: 'ECDSA', namedCurve: 'P-384' },
  ES512: { name: 'ECDSA', namedCurve: 'P-521' },
}

/** A client secret (HTTP Basic), or a client assertion signed with this app's private key (private_key_jwt). */
async function clientAuthOf(auth: OidcClientAuth): Promise<oidc.ClientAuth> {
  if (auth.kind === 'secret') return oidc.ClientSecretBasic(auth.secret)
  const der = createPrivateKey(auth.privateKeyPem).export({ format: 'der', type: 'pkcs8' })
  const key = await webcrypto.subtle.importKey('pkcs8', der, SIGNING_PARAMS[auth.algorithm], false, ['sign'])
  return oidc.PrivateKeyJwt(auth.keyId ? { key, kid: auth.keyId } : key)
}

/**
 * The public half of the client's signing key as a JSON Web Key Set, for registering with the provider (NHS CIS2
 * takes a JWKS URL); undefined when the client uses a secret.
 */
export function clientPublicKeys(settings: OidcSettings): { keys: Record<string, unknown>[] } | undefined {
  const auth = settings.clientAuth
  if (auth.kind !== 'private-key-jwt') return undefined
  const jwk = createPublicKey(auth.privateKeyPem).export({ format: 'jwk' })
  return { keys: [{ ...jwk, use: 'sig', alg: auth.algorithm, ...(auth.keyId ? { kid: auth.keyId } : {}) }] }
}

/** Where to send the browser to sign in, and the checks to keep until it comes back. */
export async function beginOidcSignIn(
  settings: OidcSettings,
  redirectUri: string,
  returnTo: string,
): Promise<{ url: URL; checks: OidcChecks }> {
  const configuration = await configurationOf(settings)
  const codeVerifier = oidc.randomPKCECodeVerifier()
  const checks = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier, returnTo }
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state: checks.state,
    nonce: checks.nonce,
  })
  return { url, checks }
}

export type OidcSignInResult =
  | Extract<SignInResult, { ok: true }>
  | { ok: false; reason: 'refused' | 'no-account' | 'disabled' }

/**
 * Finishes the provider's redirect: exchanges the code (checking state, nonce and PKCE), finds or links the
 * user and starts their session. Every outcome is audited.
 */
export async function finishOidcSignIn(
  db: Database,
  settings: OidcSettings,
  callbackUrl: URL,
  checks: OidcChecks,
  origin: { ipAddress: string; correlationId: string },
): Promise<OidcSignInResult> {
  const platformActor: AuditActor = { userId: null, organisationId: null, role: null, ...origin }
  const fail = async (reason: 'refused' | 'no-account' | 'disabled', userId: string | null = null) => {
    await recordAuditEvent(
      db,
      { ...platformActor, userId },
      {
        action: 'sign-in',
        recordType: 'user',
        recordId: userId,
        outcome: reason === 'refused' ? 'failure' : 'denied',
        details: { method: 'oidc', reason },
      },
    )
    return { ok: false as const, reason }
  }
  let claims: oidc.IDToken | undefined
  let email: { address: unknown; verified: unknown } = { address: undefined, verified: undefined }
  try {
    const configuration = await configurationOf(settings)
    const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    })
    claims = tokens.claims()
    if (!claims) return await fail('refused')
    email = { address: claims['email'], verified: claims['email_verified'] }
    // Some providers give the email address only from the userinfo endpoint, for the same subject.
    if (email.address === undefined) {
      const info = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub)
      email = { address: info.email, verified: info.email_verified }
    }
  } catch {
    return fail('refused')
  }
  const issuer = claims.iss
  let user = await repo.findUserByIdentity(db, issuer, claims.sub)
  if (!user && typeof email.address === 'string' && email.verified === true) {
    user = await repo.findUserByEmail(db, normaliseEmail(email.address))
    if (user && !user.disabledAt) await repo.linkIdentity(db, issuer, claims.sub, user.id)
  }
  if (!user) return fail('no-account')
  if (user.disabledAt) return fail('disabled', user.id)
  return startSession(db, user.id, { ...platformActor, userId: user.id }, { method: 'oidc' })
}

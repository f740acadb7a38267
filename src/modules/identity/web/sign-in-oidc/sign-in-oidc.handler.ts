// SPDX-License-Identifier: AGPL-3.0-or-later
// "Sign in with NHS CIS2" (or whichever provider is configured): off to the provider with state, nonce and PKCE
// kept in a signed cookie for ten minutes, and back to finish. Failures come back to the sign-in page, saying what
// to do; the password form stays for anyone without an account at the provider.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { Config } from '../../../../config.ts'
import type { Database } from '../../../../platform/db/database.ts'
import { beginOidcSignIn, clientPublicKeys, finishOidcSignIn, type OidcChecks } from '../../oidc.service.ts'
import { safeReturnTo } from '../sign-in/sign-in.form.ts'
import { completeSignIn, renderSignIn } from '../sign-in/sign-in.handler.ts'

const CHECKS_COOKIE = 'waymark_oidc'
const CALLBACK_PATH = '/sign-in/oidc/callback'

function callbackUri(config: Config): string {
  return `${config.publicUrl.replace(/\/$/, '')}${CALLBACK_PATH}`
}

const checksShape = z.object({ state: z.string(), nonce: z.string(), codeVerifier: z.string(), returnTo: z.string() })

/** The checks kept in the signed cookie, or undefined when it is missing, altered or not their shape. */
function readChecks(request: FastifyRequest): OidcChecks | undefined {
  const raw = request.cookies[CHECKS_COOKIE]
  const unsigned = raw ? request.unsignCookie(raw) : undefined
  if (!unsigned?.valid || !unsigned.value) return undefined
  try {
    return checksShape.parse(JSON.parse(unsigned.value))
  } catch {
    return undefined
  }
}

export function startOidcSignIn(config: Config) {
  return async (request: FastifyRequest<{ Querystring: { returnTo?: string } }>, reply: FastifyReply) => {
    if (!config.oidc) return reply.callNotFound()
    const { url, checks } = await beginOidcSignIn(
      config.oidc,
      callbackUri(config),
      safeReturnTo(request.query.returnTo),
    )
    void reply.setCookie(CHECKS_COOKIE, JSON.stringify(checks), {
      path: '/sign-in/oidc',
      httpOnly: true,
      sameSite: 'lax',
      secure: config.secureCookies,
      signed: true,
      maxAge: 600,
    })
    return reply.redirect(url.href, 303)
  }
}

const PROBLEMS = {
  refused: 'Signing in with {label} did not work. Try again, or sign in with your email address and password',
  expired: 'Signing in with {label} took too long. Try again',
  'no-account':
    'There is no Waymark account for the email address {label} gave us. Ask your organisation’s Waymark administrator for an invitation',
  disabled: 'Your Waymark account has been removed. Ask your organisation’s Waymark administrator',
} as const

export function finishOidcSignInPage(config: Config, db: Database) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!config.oidc) return reply.callNotFound()
    const checks = readChecks(request)
    void reply.clearCookie(CHECKS_COOKIE, { path: '/sign-in/oidc', secure: config.secureCookies })
    const problem = (reason: keyof typeof PROBLEMS, status: number) =>
      renderSignIn(
        reply,
        config,
        {
          values: { email: '' },
          errors: {},
          returnTo: checks?.returnTo ?? '/',
          oidcProblem: PROBLEMS[reason].replace('{label}', config.oidc!.label),
        },
        status,
      )
    if (!checks) return problem('expired', 400)
    const current = new URL(request.url, callbackUri(config))
    const result = await finishOidcSignIn(db, config.oidc, current, checks, {
      ipAddress: request.ip,
      correlationId: request.id,
    })
    if (!result.ok) return problem(result.reason, result.reason === 'refused' ? 400 : 403)
    return completeSignIn(reply, config, result, safeReturnTo(checks.returnTo))
  }
}

/**
 * The public key this app signs its client assertions with, as a JSON Web Key Set for the provider to fetch or to
 * be registered with; 404 unless sign-in uses a private key (private_key_jwt).
 */
export function showOidcPublicKeys(config: Config) {
  return async (_request: FastifyRequest, reply: FastifyReply) => {
    const keys = config.oidc && clientPublicKeys(config.oidc)
    if (!keys) return reply.callNotFound()
    return reply.header('cache-control', 'public, max-age=3600').type('application/jwk-set+json').send(keys)
  }
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../../../../config.ts'
import type { Database } from '../../../../platform/db/database.ts'
import { errorListFor, type FieldErrors } from '../../../../platform/http/forms.ts'
import { SESSION_COOKIE } from '../../../../platform/http/request-context.ts'
import { DEMO_PASSWORD, demoSignInAccounts } from '../../../../seed/demo-accounts.ts'
import { SESSION_ABSOLUTE_HOURS } from '../../identity.ts'
import { signIn, signOut } from '../../identity.service.ts'
import { parseSignInForm, safeReturnTo } from './sign-in.form.ts'

const TEMPLATE = 'modules/identity/web/sign-in/sign-in.njk'

export function renderSignIn(
  reply: FastifyReply,
  config: Config,
  model: {
    values: { email: string }
    errors: FieldErrors
    returnTo: string
    lockedMessage?: string
    flash?: string
    /** Why signing in with the identity provider did not work, and what to do. */
    oidcProblem?: string
  },
  statusCode = 200,
): FastifyReply {
  return reply.page(
    TEMPLATE,
    {
      pageTitle: 'Sign in',
      ...model,
      errorList: model.oidcProblem
        ? [{ text: model.oidcProblem, href: '#oidc' }, ...errorListFor(model.errors)]
        : errorListFor(model.errors),
      oidc: config.oidc
        ? { label: config.oidc.label, href: `/sign-in/oidc?returnTo=${encodeURIComponent(model.returnTo)}` }
        : undefined,
      demoAccounts:
        config.seedDemo && config.env !== 'production'
          ? { password: DEMO_PASSWORD, accounts: demoSignInAccounts() }
          : undefined,
    },
    statusCode,
  )
}

export function showSignIn(config: Config) {
  return async (
    request: FastifyRequest<{ Querystring: { returnTo?: string; signedOut?: string } }>,
    reply: FastifyReply,
  ) => {
    if (request.actor?.organisation) return reply.redirect('/', 303)
    return renderSignIn(reply, config, {
      values: { email: '' },
      errors: {},
      returnTo: safeReturnTo(request.query.returnTo),
      flash: request.query.signedOut ? 'You have signed out.' : undefined,
    })
  }
}

export function submitSignIn(config: Config, db: Database) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const body = request.body as Record<string, unknown> | undefined
    const returnTo = safeReturnTo(body?.['returnTo'])
    const form = parseSignInForm(body)
    if (!form.ok) return renderSignIn(reply, config, { values: form.values, errors: form.errors, returnTo }, 400)

    const result = await signIn(db, form.value, { ipAddress: request.ip, correlationId: request.id })
    if (!result.ok) {
      if (result.reason === 'locked') {
        return renderSignIn(
          reply,
          config,
          {
            values: form.values,
            errors: {},
            returnTo,
            lockedMessage: 'There have been too many unsuccessful attempts to sign in. Wait 15 minutes and try again.',
          },
          423,
        )
      }
      // One message for an unknown email and a wrong password, so the form does not reveal who has an account.
      return renderSignIn(
        reply,
        config,
        { values: form.values, errors: { email: 'Enter a correct email address and password' }, returnTo },
        401,
      )
    }
    return completeSignIn(reply, config, result, returnTo)
  }
}

/**
 * After any sign-in (password or identity provider): the session cookie, then where to go: choosing an
 * organisation when there are several (or none), else where they were going.
 */
export function completeSignIn(
  reply: FastifyReply,
  config: Config,
  result: { sessionToken: string; memberships: readonly unknown[] },
  returnTo: string,
): FastifyReply {
  void reply.setCookie(SESSION_COOKIE, result.sessionToken, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    maxAge: SESSION_ABSOLUTE_HOURS * 3600,
  })
  if (result.memberships.length === 0) return reply.redirect('/choose-organisation', 303)
  if (result.memberships.length > 1)
    return reply.redirect(`/choose-organisation?returnTo=${encodeURIComponent(returnTo)}`, 303)
  return reply.redirect(returnTo, 303)
}

export function submitSignOut(config: Config, db: Database) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.actor) await signOut(db, request.actor, request.auditActor())
    void reply.clearCookie(SESSION_COOKIE, { path: '/', secure: config.secureCookies })
    return reply.redirect('/sign-in?signedOut=1', 303)
  }
}

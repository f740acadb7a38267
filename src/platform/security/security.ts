// SPDX-License-Identifier: AGPL-3.0-or-later
import fastifyCookie from '@fastify/cookie'
import fastifyCsrf from '@fastify/csrf-protection'
import fastifyFormbody from '@fastify/formbody'
import fastifyHelmet from '@fastify/helmet'
import fastifyRateLimit from '@fastify/rate-limit'
import type { FastifyInstance } from 'fastify'
import qs from 'node:querystring'
import type { Database } from '../db/database.ts'
import { databaseRateLimitStore } from './rate-limit.store.ts'

export interface SecurityOptions {
  sessionSecret: string
  secureCookies: boolean
  /** Where the NHS webfont is fetched from besides this site (WAYMARK_FONT_URL), or null. */
  fontOrigin: string | null
  /** Where rate-limit counters are kept, shared by every process and node. */
  db: Database
}

/** Cookies, form parsing, CSRF, security headers with a nonce-based CSP, and (route-opt-in) rate limiting. */
export async function registerSecurity(app: FastifyInstance, options: SecurityOptions): Promise<void> {
  await app.register(fastifyCookie, { secret: options.sessionSecret })
  // Bodies are parsed with node:querystring so repeated fields (checkboxes) arrive as arrays.
  await app.register(fastifyFormbody, { parser: (body) => qs.parse(body), bodyLimit: 256 * 1024 })
  await app.register(fastifyCsrf, {
    cookieKey: '_csrf',
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: options.secureCookies, signed: true },
    getToken: (request) => (request.body as Record<string, unknown> | undefined)?.['_csrf'] as string | undefined,
  })
  await app.register(fastifyHelmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        // The NHS webfont is licensed for NHS services and served from assets.nhs.uk by default; WAYMARK_FONT_URL
        // can point at an installation's own copy or turn it off (Arial, the design system's fallback).
        'font-src': ["'self'", ...(options.fontOrigin ? [options.fontOrigin] : [])],
        'img-src': ["'self'", 'data:'],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'upgrade-insecure-requests': options.secureCookies ? [] : null,
      },
    },
    strictTransportSecurity: options.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  })
  await app.register(fastifyRateLimit, { global: false, store: databaseRateLimitStore(options.db) })
}

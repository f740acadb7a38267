// SPDX-License-Identifier: AGPL-3.0-or-later
// Secrets that are credentials in a URL or a header (sign-in sessions, links that need no account, API keys): made
// from the system's random source, and kept only as their SHA-256, so a copy of the database opens nothing.
import { createHash, randomBytes } from 'node:crypto'

/** A new secret: `bytes` random bytes as base64url (32 bytes by default: 43 characters). */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}

/** What the database keeps of a secret: its SHA-256, as hex. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}

/**
 * A link that is its own credential and names its organisation (ADR 0021): the organisation's id as 32 hex
 * characters, then a secret. Found within one tenant by `(organisation_id, hashSecret(token))`.
 */
export function newTenantLinkToken(organisationId: string): string {
  return `${organisationId.replaceAll('-', '')}${newSecret()}`
}

const TENANT_LINK_SHAPE = /^([0-9a-f]{32})([A-Za-z0-9_-]{43})$/

/** The organisation a tenant link names, or undefined when the text is not a link's shape. */
export function organisationOfLinkToken(token: string): string | undefined {
  const hex = TENANT_LINK_SHAPE.exec(token)?.[1]
  if (!hex) return undefined
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

// Crockford's base32: no I, L, O or U, so a code read off paper is not mistyped.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const SHORT_CODE = /^[0-9A-HJKMNP-TV-Z]{10}$/

/**
 * A code short enough to type from a printed letter: 10 characters of Crockford base32 (50 bits), to be found by
 * its hash and used only where requests are rate-limited and the code expires.
 */
export function newShortCode(): string {
  return [...randomBytes(10)].map((b) => CROCKFORD[b & 31]).join('')
}

/** A code as typed (any case, spaces or hyphens, O for 0, I or L for 1) in its canonical form, or undefined. */
export function normaliseShortCode(input: string): string | undefined {
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
  return SHORT_CODE.test(code) ? code : undefined
}

/** `K7PM3-QXD2A`: a code as printed, in two halves. */
export function formatShortCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`
}

// A segment that is a secret: a link token (43 characters or more of base64url; a UUID, 36, is an id, not one) or
// a short code as it may be typed into the address bar (ten letters and digits, at least one a digit).
const SECRET_SEGMENT = /^(?:[A-Za-z0-9_-]{40,}|(?=[A-Za-z]*\d)[0-9A-Za-z]{10})$/

/** A URL path with each secret in it replaced by `:secret`, for logs: a link in a log must not open anything. */
export function pathWithoutSecrets(path: string): string {
  return path
    .split('/')
    .map((segment) => (SECRET_SEGMENT.test(segment) ? ':secret' : segment))
    .join('/')
}

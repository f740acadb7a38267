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

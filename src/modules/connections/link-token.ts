// SPDX-License-Identifier: AGPL-3.0-or-later
// A group's link is its credential: the organisation's id (so it is found within one tenant, ADR 0021) and a secret.
// The database keeps only the SHA-256 of the whole.
import { createHash, randomBytes } from 'node:crypto'

/** A group's link names its organisation (so it is found within one tenant) and carries a secret. */
export function newResponseToken(organisationId: string): string {
  return `${organisationId.replaceAll('-', '')}${randomBytes(32).toString('base64url')}`
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

const TOKEN_SHAPE = /^([0-9a-f]{32})([A-Za-z0-9_-]{43})$/

/** The organisation a link names, or undefined when it is not a link's shape. */
export function organisationOfToken(token: string): string | undefined {
  const hex = TOKEN_SHAPE.exec(token)?.[1]
  if (!hex) return undefined
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

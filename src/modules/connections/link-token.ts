// SPDX-License-Identifier: AGPL-3.0-or-later
// A group's link is its credential: the organisation's id (so it is found within one tenant, ADR 0021) and a secret.
// The database keeps only the SHA-256 of the whole.
import { randomInt } from 'node:crypto'
import { hashSecret, newTenantLinkToken, organisationOfLinkToken } from '../../platform/security/secrets.ts'

/** A group's link names its organisation (so it is found within one tenant) and carries a secret. */
export const newResponseToken = newTenantLinkToken

export const hashToken = hashSecret

/** The organisation a link names, or undefined when it is not a link's shape. */
export const organisationOfToken = organisationOfLinkToken

// Letters and digits that cannot be mistaken for each other when read aloud or off paper (no 0/O, 1/I/L, 5/S, 8/B).
const CHECK_IN_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY2345679'
const CHECK_IN_LENGTH = 6

/** A person's check-in code for one group: six characters, about 387 million possibilities. */
export function newCheckInCode(): string {
  let code = ''
  for (let i = 0; i < CHECK_IN_LENGTH; i++) code += CHECK_IN_ALPHABET[randomInt(CHECK_IN_ALPHABET.length)]
  return code
}

/** A typed code as stored (capitals, no spaces or dashes), or undefined when it cannot be a code. */
export function normaliseCheckInCode(typed: string): string | undefined {
  const code = typed.toUpperCase().replace(/[\s-]/g, '')
  return code.length === CHECK_IN_LENGTH && [...code].every((c) => CHECK_IN_ALPHABET.includes(c)) ? code : undefined
}

/** A code as printed for a person to read: two groups of three. */
export function formatCheckInCode(code: string): string {
  return `${code.slice(0, 3)} ${code.slice(3)}`
}

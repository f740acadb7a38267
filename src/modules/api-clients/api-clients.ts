// SPDX-License-Identifier: AGPL-3.0-or-later
import { hashSecret, newSecret } from '../../platform/security/secrets.ts'
import { randomBytes } from 'node:crypto'

/** Keys look like `wmk_<8 hex prefix>_<43 base64url characters>`: the prefix is shown in lists to tell keys apart. */
export const API_KEY_PATTERN = /^wmk_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$/
export const MAX_CLIENT_NAME_LENGTH = 100

export interface ApiClient {
  readonly id: string
  readonly organisationId: string
  readonly name: string
  readonly keyPrefix: string
  readonly createdAt: Date
  readonly lastUsedAt: Date | null
  readonly revokedAt: Date | null
}

/** An authenticated machine client: which organisation it acts for. */
export interface AuthenticatedApiClient {
  readonly id: string
  readonly name: string
  readonly organisationId: string
  readonly organisationName: string
  readonly organisationType: string
  readonly organisationOdsCode: string | null
  readonly areaId: string
}

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomBytes(4).toString('hex')
  const key = `wmk_${prefix}_${newSecret()}`
  return { key, prefix, hash: hashApiKey(key) }
}

export const hashApiKey = hashSecret

/** Reads the key from an `Authorization: Bearer …` header; undefined when absent or malformed. */
export function bearerKeyFrom(header: string | undefined): string | undefined {
  if (!header || header.length > 200) return undefined
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim())
  const key = match?.[1]
  return key && API_KEY_PATTERN.test(key) ? key : undefined
}

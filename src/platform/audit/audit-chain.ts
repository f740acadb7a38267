// SPDX-License-Identifier: AGPL-3.0-or-later
import { createHash } from 'node:crypto'

export const GENESIS_HASH = '0'.repeat(64)
/** Chain for platform events that belong to no organisation (e.g. a failed sign-in for an unknown email). */
export const PLATFORM_CHAIN_ID = '00000000-0000-0000-0000-000000000000'

export type AuditDetails = Record<string, string | number | boolean | null>

export interface ChainedAuditFields {
  chainId: string
  sequence: number
  occurredAt: Date
  actorUserId: string | null
  actorOrganisationId: string | null
  actorRole: string | null
  action: string
  recordType: string
  recordId: string | null
  outcome: string
  ipAddress: string | null
  correlationId: string | null
  details: AuditDetails
  previousHash: string
}

/** Entry fields known before the entry takes its place in a lane. */
export type AuditContent = Omit<ChainedAuditFields, 'sequence' | 'previousHash'>

/**
 * Version 1 (entries written before lanes): one hash over every field and the previous entry's hash, so any
 * edit breaks the chain.
 */
export function hashAuditEntry(entry: ChainedAuditFields): string {
  const [chainId, ...rest] = contentFields(entry)
  return sha256(JSON.stringify([chainId, entry.sequence, ...rest, entry.previousHash]))
}

/** Every field an entry says, in a fixed order, with its details' keys sorted (the same in both versions). */
function contentFields(entry: AuditContent): unknown[] {
  const sortedDetails = Object.fromEntries(Object.entries(entry.details).sort(([a], [b]) => a.localeCompare(b)))
  return [
    entry.chainId,
    entry.occurredAt.toISOString(),
    entry.actorUserId,
    entry.actorOrganisationId,
    entry.actorRole,
    entry.action,
    entry.recordType,
    entry.recordId,
    entry.outcome,
    entry.ipAddress,
    entry.correlationId,
    sortedDetails,
  ]
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/** Version 2, part one: the hash of everything the entry says, computed in the app before it is appended. */
export function hashAuditContent(entry: AuditContent): string {
  return sha256(JSON.stringify(contentFields(entry)))
}

/**
 * Version 2, part two: links the content into its lane. The database computes the same value when it
 * appends (the `audit_append` function in migrations/0015), so the lock is held for one statement only.
 */
export function linkAuditHash(previousHash: string, lane: number, sequence: number, contentHash: string): string {
  return sha256(`${previousHash}:${lane}:${sequence}:${contentHash}`)
}

/** The hash an entry should carry, by the version it was written with. */
export function expectedAuditHash(entry: ChainedAuditFields & { lane: number; hashVersion: number }): string {
  if (entry.hashVersion === 1) return hashAuditEntry(entry)
  return linkAuditHash(entry.previousHash, entry.lane, entry.sequence, hashAuditContent(entry))
}

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

/** The hash of an audit entry: it covers every field and the previous entry's hash, so any edit breaks the chain. */
export function hashAuditEntry(entry: ChainedAuditFields): string {
  const sortedDetails = Object.fromEntries(Object.entries(entry.details).sort(([a], [b]) => a.localeCompare(b)))
  const canonical = JSON.stringify([
    entry.chainId,
    entry.sequence,
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
    entry.previousHash,
  ])
  return createHash('sha256').update(canonical).digest('hex')
}

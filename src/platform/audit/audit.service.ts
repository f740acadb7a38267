// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Database, Tx } from '../db/database.ts'
import {
  findChainHead,
  insertAuditEvent,
  listChainIds,
  lockAuditChain,
  readChainBatch,
  readChainEntry,
  readChainHead,
} from './audit.repository.ts'
import { GENESIS_HASH, hashAuditEntry, PLATFORM_CHAIN_ID, type AuditDetails } from './audit-chain.ts'

export const AUDIT_OUTCOMES = ['success', 'denied', 'failure'] as const
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number]

/** Who did something, and from where. */
export interface AuditActor {
  userId: string | null
  organisationId: string | null
  role: string | null
  ipAddress: string | null
  correlationId: string | null
}

/** What was done. `details` must never carry personal data: ids and codes only. */
export interface AuditEvent {
  action: string
  recordType: string
  recordId?: string | null
  outcome?: AuditOutcome
  details?: AuditDetails
}

/**
 * Appends an event to the audit chain of the actor's organisation, inside the caller's transaction,
 * so the audit entry and the change it describes commit or roll back together.
 */
export async function appendAuditEvent(tx: Tx, actor: AuditActor, event: AuditEvent): Promise<void> {
  const chainId = actor.organisationId ?? PLATFORM_CHAIN_ID
  await lockAuditChain(tx, chainId)
  const head = await findChainHead(tx, chainId)
  const entry = {
    chainId,
    sequence: (head?.sequence ?? 0) + 1,
    occurredAt: new Date(),
    actorUserId: actor.userId,
    actorOrganisationId: actor.organisationId,
    actorRole: actor.role,
    action: event.action,
    recordType: event.recordType,
    recordId: event.recordId ?? null,
    outcome: event.outcome ?? 'success',
    ipAddress: actor.ipAddress,
    correlationId: actor.correlationId,
    details: event.details ?? {},
    previousHash: head?.hash ?? GENESIS_HASH,
  }
  await insertAuditEvent(tx, { ...entry, hash: hashAuditEntry(entry) })
}

/** Records a standalone event (a page view, a sign-in) in a transaction of its own. */
export async function recordAuditEvent(db: Database, actor: AuditActor, event: AuditEvent): Promise<void> {
  await db.transaction((tx) => appendAuditEvent(tx, actor, event))
}

export interface ChainVerification {
  chainId: string
  entries: number
  brokenAtSequence: number | null
  problem: string | null
}

/** Recomputes every hash on every chain and reports the first broken link of each. */
export async function verifyAuditChains(db: Database, batchSize = 2000): Promise<ChainVerification[]> {
  const results: ChainVerification[] = []
  for (const chainId of await listChainIds(db)) results.push(await verifyAuditChain(db, chainId, { batchSize }))
  return results
}

/**
 * Recomputes the hashes on one organisation's chain, reading it a batch at a time.
 * @param options.lastEntries - check only the newest entries (anchored on the entry before them), for pages
 *   that must answer quickly; the CLI and the nightly job check the whole chain.
 */
export async function verifyAuditChain(
  db: Database,
  chainId: string,
  options: { batchSize?: number; lastEntries?: number } = {},
): Promise<ChainVerification> {
  const batchSize = options.batchSize ?? 2000
  let previousHash = GENESIS_HASH
  let after = 0
  if (options.lastEntries !== undefined) {
    const head = await readChainHead(db, chainId)
    const start = Math.max(1, (head?.sequence ?? 0) - options.lastEntries + 1)
    if (start > 1) {
      const anchor = await readChainEntry(db, chainId, start - 1)
      previousHash = anchor?.hash ?? GENESIS_HASH
      after = start - 1
    }
  }
  let expectedSequence = after + 1
  let entries = 0
  let broken: { sequence: number; problem: string } | null = null
  while (!broken) {
    const batch = await readChainBatch(db, chainId, after, batchSize)
    if (batch.length === 0) break
    for (const row of batch) {
      entries++
      if (row.sequence !== expectedSequence) {
        broken = { sequence: expectedSequence, problem: `entry ${expectedSequence} is missing` }
        break
      }
      if (row.previousHash !== previousHash) {
        broken = { sequence: row.sequence, problem: 'does not link to the entry before it' }
        break
      }
      const { hash, ...fields } = row
      if (hashAuditEntry(fields) !== hash) {
        broken = { sequence: row.sequence, problem: 'its contents were changed after it was written' }
        break
      }
      previousHash = hash
      expectedSequence++
    }
    after = batch.at(-1)?.sequence ?? after
  }
  return { chainId, entries, brokenAtSequence: broken?.sequence ?? null, problem: broken?.problem ?? null }
}

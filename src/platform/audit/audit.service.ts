// SPDX-License-Identifier: AGPL-3.0-or-later
import { randomInt } from 'node:crypto'
import type { Database, Queryable } from '../db/database.ts'
import {
  appendToChain,
  listAuditActions,
  listChainIds,
  listChainLanes,
  listEventsAboutRecords,
  readLaneBatch,
  readLaneEntry,
  readLaneHead,
  searchAuditEvents,
  type AuditSearch,
} from './audit.repository.ts'
import {
  expectedAuditHash,
  GENESIS_HASH,
  hashAuditContent,
  PLATFORM_CHAIN_ID,
  type AuditDetails,
} from './audit-chain.ts'

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

/**
 * The actor for work no person did: a scheduled job, the demo seed.
 * @param job - which job (the queue's name), kept as the correlation id so its events can be found together
 */
export function systemActor(organisationId: string | null, job: string): AuditActor {
  return { userId: null, organisationId, role: 'system', ipAddress: null, correlationId: job }
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
 * How many lanes a chain may spread over (ADR 0018). An append takes the lowest lane free at that moment, so
 * this bounds how many appends to one organisation's chain can commit at once, not how many lanes it has.
 */
export const AUDIT_LANES = 8

/**
 * Appends an event to the audit chain of the actor's organisation. Given a transaction, the entry commits or
 * rolls back with the change it describes; given the database, it is one statement of its own (a page view).
 */
export async function appendAuditEvent(db: Queryable, actor: AuditActor, event: AuditEvent): Promise<void> {
  const content = {
    chainId: actor.organisationId ?? PLATFORM_CHAIN_ID,
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
  }
  await appendToChain(
    db,
    { ...content, contentHash: hashAuditContent(content) },
    { count: AUDIT_LANES, fallback: randomInt(AUDIT_LANES) },
  )
}

/** Records a standalone event (a page view, a sign-in): one statement, committed on its own. */
export async function recordAuditEvent(db: Database, actor: AuditActor, event: AuditEvent): Promise<void> {
  await appendAuditEvent(db, actor, event)
}

export interface ChainVerification {
  chainId: string
  entries: number
  lanes: number
  brokenInLane: number | null
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
 * Recomputes the hashes on one organisation's chain, lane by lane, reading each a batch at a time.
 * @param options.lastEntries - check only the newest entries of each lane (anchored on the entry before
 *   them), for pages that must answer quickly; the CLI and the nightly job check the whole chain.
 */
export async function verifyAuditChain(
  db: Database,
  chainId: string,
  options: { batchSize?: number; lastEntries?: number } = {},
): Promise<ChainVerification> {
  const lanes = await listChainLanes(db, chainId)
  let entries = 0
  for (const lane of lanes) {
    const result = await verifyLane(db, chainId, lane, options)
    entries += result.entries
    if (result.broken)
      return {
        chainId,
        entries,
        lanes: lanes.length,
        brokenInLane: lane,
        brokenAtSequence: result.broken.sequence,
        problem: result.broken.problem,
      }
  }
  return { chainId, entries, lanes: lanes.length, brokenInLane: null, brokenAtSequence: null, problem: null }
}

async function verifyLane(
  db: Database,
  chainId: string,
  lane: number,
  options: { batchSize?: number; lastEntries?: number },
): Promise<{ entries: number; broken: { sequence: number; problem: string } | null }> {
  const batchSize = options.batchSize ?? 2000
  let previousHash = GENESIS_HASH
  let after = 0
  if (options.lastEntries !== undefined) {
    const head = await readLaneHead(db, chainId, lane)
    const start = Math.max(1, (head?.sequence ?? 0) - options.lastEntries + 1)
    if (start > 1) {
      const anchor = await readLaneEntry(db, chainId, lane, start - 1)
      previousHash = anchor?.hash ?? GENESIS_HASH
      after = start - 1
    }
  }
  let expectedSequence = after + 1
  let entries = 0
  for (;;) {
    const batch = await readLaneBatch(db, chainId, lane, after, batchSize)
    if (batch.length === 0) return { entries, broken: null }
    for (const row of batch) {
      entries++
      if (row.sequence !== expectedSequence)
        return { entries, broken: { sequence: expectedSequence, problem: `entry ${expectedSequence} is missing` } }
      if (row.previousHash !== previousHash)
        return { entries, broken: { sequence: row.sequence, problem: 'does not link to the entry before it' } }
      if (expectedAuditHash(row) !== row.hash)
        return {
          entries,
          broken: { sequence: row.sequence, problem: 'its contents were changed after it was written' },
        }
      previousHash = row.hash
      expectedSequence++
    }
    after = batch.at(-1)?.sequence ?? after
  }
}

/** One page of an organisation's own audit log (its chain), newest first, with the total that matches. */
export async function searchOrganisationAudit(
  scope: { readonly db: Queryable; readonly organisationId: string },
  search: Omit<AuditSearch, 'chainId'>,
  page: { limit: number; offset: number },
) {
  return searchAuditEvents(scope.db, { chainId: scope.organisationId, ...search }, page)
}

/** The actions an organisation's audit log holds, for the log's filter. */
export async function listOrganisationAuditActions(scope: {
  readonly db: Queryable
  readonly organisationId: string
}): Promise<string[]> {
  return listAuditActions(scope.db, scope.organisationId)
}

/** An organisation's audit events about some of its records (a person's, for their subject access export). */
export async function listOrganisationAuditAbout(
  scope: { readonly db: Queryable; readonly organisationId: string },
  recordType: string,
  recordIds: readonly string[],
  limit = 10_000,
) {
  return listEventsAboutRecords(scope.db, scope.organisationId, recordType, recordIds, limit)
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import { appendAuditEvent, recordAuditEvent, type AuditActor } from '../../platform/audit/audit.service.ts'
import type { AnyScope, OrgScope, TxScope } from '../../platform/db/org-scope.ts'
import {
  CONSENT_SCOPES,
  type ConsentRecord,
  type ConsentScope,
  type NewConsent,
  type Person,
  type PersonDetails,
} from './person.ts'
import * as repo from './people.repository.ts'

/**
 * Creates a person in the service's records, inside the caller's transaction, and audits it.
 * Duplicates are not merged here: call `findLikelyDuplicates` first and flag what it finds.
 */
export async function createPerson(scope: TxScope, details: PersonDetails, actor: AuditActor): Promise<Person> {
  const person = await repo.insertPerson(scope, details)
  await appendAuditEvent(scope.db, actor, { action: 'create', recordType: 'person', recordId: person.id })
  return person
}

/** Ids of people already held by the service who are probably the same human (never merged automatically). */
export async function findLikelyDuplicates(
  scope: AnyScope,
  details: Pick<PersonDetails, 'nhsNumber' | 'givenName' | 'familyName' | 'dateOfBirth' | 'postcode'>,
  excludePersonId?: string,
): Promise<string[]> {
  return repo.findLikelyDuplicateIds(scope, details, excludePersonId)
}

/** Appends consent decisions to the person's history (inside the caller's transaction) and audits it. */
export async function recordConsents(
  scope: TxScope,
  personId: string,
  records: readonly NewConsent[],
  actor: AuditActor,
): Promise<void> {
  await repo.insertConsents(scope, personId, records)
  await appendAuditEvent(scope.db, actor, {
    action: 'record-consent',
    recordType: 'person',
    recordId: personId,
    details: { scopes: records.map((r) => `${r.scope}:${r.given ? 'given' : 'refused'}`).join(',') },
  })
}

/** Reads a person for display and audits the view. */
export async function viewPerson(scope: OrgScope, personId: string, actor: AuditActor): Promise<Person | undefined> {
  const person = await repo.findPerson(scope, personId)
  if (person) await recordAuditEvent(scope.db, actor, { action: 'view', recordType: 'person', recordId: personId })
  return person
}

/** Reads a person without auditing: for callers that audit the enclosing view themselves (e.g. a referral page). */
export async function findPerson(scope: AnyScope, personId: string): Promise<Person | undefined> {
  return repo.findPerson(scope, personId)
}

/** Reads several people in one query (lists never query in a loop). */
export async function findPeople(scope: AnyScope, personIds: readonly string[]): Promise<Person[]> {
  return repo.findPeople(scope, personIds)
}

export async function listConsentHistory(scope: AnyScope, personId: string): Promise<ConsentRecord[]> {
  return repo.listConsents(scope, personId)
}

/** The consent currently in force for each scope: the newest decision, or undefined when never asked. */
export function currentConsents(history: readonly ConsentRecord[]): Record<ConsentScope, ConsentRecord | undefined> {
  const current = Object.fromEntries(CONSENT_SCOPES.map((s) => [s, undefined])) as Record<
    ConsentScope,
    ConsentRecord | undefined
  >
  for (const record of history) {
    const existing = current[record.scope]
    if (!existing || existing.recordedAt <= record.recordedAt) current[record.scope] = record
  }
  return current
}

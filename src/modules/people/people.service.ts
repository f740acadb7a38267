// SPDX-License-Identifier: AGPL-3.0-or-later
import { appendAuditEvent, type AuditActor } from '../../platform/audit/audit.service.ts'
import { inTransaction, type AnyScope, type OrgScope, type TxScope } from '../../platform/db/org-scope.ts'
import type { PeopleActor } from './flags.service.ts'
import { identityDifferences, type IdentityDifference } from './identity-match.ts'
import { PeopleError } from './people.errors.ts'
import {
  CONSENT_SCOPES,
  detailsFillingGaps,
  withdrawnFromSupport,
  type ConsentMethod,
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
export async function createPerson(
  scope: TxScope,
  details: PersonDetails,
  actor: AuditActor,
  options: { now?: Date } = {},
): Promise<Person> {
  const person = await repo.insertPerson(scope, details, options.now)
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

/** The consent withdrawal that stops the service working with the person, if one stands (see withdrawnFromSupport). */
export async function findWithdrawalFromSupport(scope: AnyScope, personId: string): Promise<ConsentRecord | undefined> {
  return withdrawnFromSupport(currentConsents(await repo.listConsents(scope, personId)))
}

/**
 * One person, one record (ADR 0014): the record a referral's person belongs to. When the service already
 * holds exactly one person with the same NHS number, date of birth, name and address, the referral joins that
 * record (filling gaps in it); when the identifiers match but the name or address differ, a new record keeps
 * the referral's details and `identityMatch` says which record to confirm against; otherwise a new record is
 * created, and weaker matches are left for a person to merge.
 * Inside the caller's transaction; audited either way.
 */
export async function findOrCreatePersonForReferral(
  scope: TxScope,
  details: PersonDetails,
  actor: AuditActor,
  options: { now?: Date } = {},
): Promise<{
  person: Person
  joined: boolean
  identityMatch: { personId: string; differences: IdentityDifference[] } | null
}> {
  const roots = details.nhsNumber ? await repo.findExactMatchRoots(scope, details.nhsNumber, details.dateOfBirth) : []
  const held = roots.length > 0 ? await repo.findPeople(scope, roots) : []
  const agreeing = held.filter((p) => identityDifferences(p, details).length === 0)
  // Exactly one record holds these identifiers with the same name and address: the referral joins it. (A record
  // kept apart while its identity is confirmed has another name, so it does not make the match ambiguous.)
  if (agreeing.length === 1) {
    const existing = await repo.lockPerson(scope, agreeing[0]!.id)
    if (existing) {
      const patch = detailsFillingGaps(existing, details)
      if (Object.keys(patch).length > 0)
        await repo.updatePersonDetails(scope, existing.id, patch, options.now ?? new Date())
      await appendAuditEvent(scope.db, actor, {
        action: 'person-join',
        recordType: 'person',
        recordId: existing.id,
        details: { filled: Object.keys(patch).join(',') },
      })
      return { person: { ...existing, ...patch }, joined: true, identityMatch: null }
    }
  }
  // Same identifiers, another name or address: never give the referral the held identity. It keeps a record of
  // its own (what the referrer typed) until a link worker confirms who it is (resolvePersonIdentity). Two
  // records that agree are a duplicate for a person to merge, not to guess between.
  const differing = agreeing.length === 0 ? held[0] : undefined
  if (differing) {
    const person = await createPerson(scope, details, actor, options)
    const differences = identityDifferences(differing, details)
    await appendAuditEvent(scope.db, actor, {
      action: 'person-identity-conflict',
      recordType: 'person',
      recordId: person.id,
      details: { heldPersonId: differing.id, differences: differences.join(',') },
    })
    return { person, joined: false, identityMatch: { personId: differing.id, differences } }
  }
  return { person: await createPerson(scope, details, actor, options), joined: false, identityMatch: null }
}

/** Changes a person's details from the person page, refusing a stale version; audited. */
export async function changePersonDetails(
  scope: OrgScope,
  personId: string,
  details: PersonDetails,
  expectedVersion: number,
  actor: PeopleActor,
  options: { now?: Date } = {},
): Promise<void> {
  await scope.db.transaction(async (tx) => {
    const txScope = inTransaction(scope, tx)
    const person = await repo.findPerson(txScope, personId)
    if (!person || person.mergedIntoPersonId) throw new PeopleError('PEOPLE_NOT_FOUND')
    const updated = await repo.updatePersonDetails(
      txScope,
      personId,
      details,
      options.now ?? new Date(),
      expectedVersion,
    )
    if (!updated) throw new PeopleError('PEOPLE_CHANGED_BY_SOMEONE_ELSE')
    const changed = (Object.keys(details) as (keyof PersonDetails)[]).filter(
      (field) => JSON.stringify(details[field]) !== JSON.stringify(person[field]),
    )
    await appendAuditEvent(tx, actor.audit, {
      action: 'update',
      recordType: 'person',
      recordId: personId,
      details: { fields: changed.join(',') },
    })
  })
}

/**
 * Appends a consent decision recorded on the person page. The form's submission key makes a retried
 * submission record once; returns whether this call recorded it.
 */
export async function recordConsentDecision(
  scope: OrgScope,
  personId: string,
  decision: { scope: ConsentScope; given: boolean; method: ConsentMethod; submissionKey: string },
  actor: PeopleActor,
  options: { now?: Date } = {},
): Promise<boolean> {
  return scope.db.transaction(async (tx) => {
    const txScope = inTransaction(scope, tx)
    const person = await repo.findPerson(txScope, personId)
    if (!person || person.mergedIntoPersonId) throw new PeopleError('PEOPLE_NOT_FOUND')
    const inserted = await repo.insertConsents(
      txScope,
      personId,
      [
        {
          scope: decision.scope,
          given: decision.given,
          method: decision.method,
          referralId: null,
          recordedByUserId: actor.userId,
          recordedByName: actor.name,
          recordedAt: options.now ?? new Date(),
        },
      ],
      decision.submissionKey,
    )
    if (inserted === 0) return false
    await appendAuditEvent(tx, actor.audit, {
      action: 'record-consent',
      recordType: 'person',
      recordId: personId,
      details: { scopes: `${decision.scope}:${decision.given ? 'given' : 'refused'}` },
    })
    return true
  })
}

/** Consent history across a person's records (theirs and any merged into them), oldest first. */
export async function listConsentHistoryForPeople(
  scope: AnyScope,
  personIds: readonly string[],
): Promise<ConsentRecord[]> {
  return repo.listConsentsForPeople(scope, personIds)
}

/** Finds people by name, NHS number and date of birth (paged); records merged away are left out. */
export async function searchPeople(
  scope: AnyScope,
  search: repo.PeopleSearch,
  page: { limit: number; offset: number },
): Promise<{ rows: Person[]; total: number }> {
  return repo.searchPeople(scope, search, page)
}

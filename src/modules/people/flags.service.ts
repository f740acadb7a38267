// SPDX-License-Identifier: AGPL-3.0-or-later
import { appendAuditEvent, type AuditActor } from '../../platform/audit/audit.service.ts'
import { inTransaction, type AnyScope, type OrgScope, type TxScope } from '../../platform/db/org-scope.ts'
import { endFlagProblems, newFlagProblems, type NewFlag, type PersonFlag } from './flags.ts'
import * as flagsRepo from './flags.repository.ts'
import { PeopleError } from './people.errors.ts'
import * as repo from './people.repository.ts'

/** Who is acting: the audit actor plus the name the record shows. */
export interface PeopleActor {
  audit: AuditActor
  userId: string | null
  name: string
}

/**
 * Raises a flag on a person inside the caller's transaction, and audits it. Idempotent on the flag's source
 * key: raising the same referral's risk (or resubmitting the form) again returns undefined and changes nothing.
 */
export async function raisePersonFlag(
  scope: TxScope,
  personId: string,
  flag: NewFlag,
  actor: PeopleActor,
  options: { now?: Date } = {},
): Promise<PersonFlag | undefined> {
  const problems = newFlagProblems(flag.kind, flag.details)
  if (Object.keys(problems).length > 0) throw new Error(`Invalid flag: ${Object.keys(problems).join(', ')}`)
  const raised = await flagsRepo.insertFlagIfNew(
    scope,
    personId,
    flag,
    { userId: actor.userId, name: actor.name },
    options.now ?? new Date(),
  )
  if (raised) {
    await appendAuditEvent(scope.db, actor.audit, {
      action: 'flag-raise',
      recordType: 'person',
      recordId: personId,
      details: { flagId: raised.id, kind: flag.kind },
    })
  }
  return raised
}

/** Raises a flag from the person page in its own transaction; the person must exist and not be merged away. */
export async function raisePersonFlagFromPage(
  scope: OrgScope,
  personId: string,
  flag: NewFlag,
  actor: PeopleActor,
): Promise<void> {
  await scope.db.transaction(async (tx) => {
    const txScope = inTransaction(scope, tx)
    const person = await repo.findPerson(txScope, personId)
    if (!person || person.mergedIntoPersonId) throw new PeopleError('PEOPLE_NOT_FOUND')
    await raisePersonFlag(txScope, personId, flag, actor)
  })
}

/**
 * Ends a flag with a reason (flags are never deleted: the history shows what was known when). `personIds`
 * are the records the page shows (the record and any merged into it): a flag of someone else is not found.
 */
export async function endPersonFlag(
  scope: OrgScope,
  personIds: readonly string[],
  flagId: string,
  reason: string,
  actor: PeopleActor,
  options: { now?: Date } = {},
): Promise<void> {
  if (Object.keys(endFlagProblems(reason)).length > 0) throw new Error('A reason is needed to end a flag')
  await scope.db.transaction(async (tx) => {
    const txScope = inTransaction(scope, tx)
    const flag = await flagsRepo.findFlag(txScope, flagId)
    if (!flag || !personIds.includes(flag.personId)) throw new PeopleError('PEOPLE_FLAG_NOT_FOUND')
    const ended = await flagsRepo.endFlag(txScope, flagId, {
      name: actor.name,
      reason,
      at: options.now ?? new Date(),
    })
    if (!ended) throw new PeopleError('PEOPLE_FLAG_ALREADY_ENDED')
    await appendAuditEvent(tx, actor.audit, {
      action: 'flag-end',
      recordType: 'person',
      recordId: flag.personId,
      details: { flagId, kind: flag.kind },
    })
  })
}

/**
 * The active flags of each person asked about (one query, however many people): what every list and page
 * that shows a person shows beside them. Flags on records merged with theirs are included.
 */
export async function listActiveFlags(
  scope: AnyScope,
  personIds: readonly string[],
): Promise<Map<string, PersonFlag[]>> {
  return flagsRepo.listActiveFlagsByPerson(scope, personIds)
}

/** Every flag, active and ended, on the given records (the person page's history). */
export async function listFlagHistory(scope: AnyScope, personIds: readonly string[]): Promise<PersonFlag[]> {
  return flagsRepo.listFlagsForPeople(scope, personIds)
}

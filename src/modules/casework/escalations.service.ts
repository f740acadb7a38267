// SPDX-License-Identifier: AGPL-3.0-or-later
import { appendAuditEvent } from '../../platform/audit/audit.service.ts'
import { inTransaction, type OrgScope } from '../../platform/db/org-scope.ts'
import { raisePersonFlag } from '../people/index.ts'
import { openCase, type ChangeActor } from './casework.service.ts'
import { CaseworkError } from './casework.errors.ts'
import * as caseworkRepo from './casework.repository.ts'
import {
  raisesSafeguardingFlag,
  type Escalation,
  type EscalationOutcomeRecord,
  type NewEscalation,
} from './escalation.ts'
import * as repo from './escalations.repository.ts'

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
function dayMonthYear(isoDate: string): string {
  return DATE.format(new Date(`${isoDate}T00:00:00Z`))
}

export async function listEscalationsForEpisode(scope: OrgScope, episodeId: string): Promise<Escalation[]> {
  return repo.listEscalations(scope, episodeId)
}

/**
 * Records an onward referral. The submission key makes a double submission record once. A safeguarding
 * concern also raises the episode's safeguarding flag, so it shows wherever the person appears in casework.
 * @returns whether this call recorded it (false for a retry)
 */
export async function raiseEscalation(
  scope: OrgScope,
  referralId: string,
  escalation: NewEscalation,
  actor: ChangeActor,
  options: { now?: Date } = {},
): Promise<boolean> {
  const now = options.now ?? new Date()
  const { episode } = await openCase(scope, referralId, actor, { now })
  return scope.db.transaction(async (tx) => {
    const txScope = inTransaction(scope, tx)
    const id = await repo.insertEscalationIfNew(txScope, {
      episodeId: episode.id,
      submissionKey: `${episode.id}:${escalation.submissionKey}`,
      kind: escalation.kind,
      toWhom: escalation.toWhom,
      reason: escalation.reason,
      urgent: escalation.urgent,
      raisedOn: escalation.raisedOn,
      raisedByUserId: actor.userId,
      raisedByName: actor.name,
      raisedAt: now,
    })
    if (!id) return false
    if (raisesSafeguardingFlag(escalation.kind)) {
      if (!episode.safeguardingRisk)
        await caseworkRepo.updateEpisode(txScope, episode.id, { safeguardingRisk: true, updatedAt: now })
      // The person's flag shows wherever they appear; its source key makes a retry raise it once.
      await raisePersonFlag(
        txScope,
        episode.personId,
        {
          kind: 'safeguarding',
          details: `Concern raised by the link worker with ${escalation.toWhom} on ${dayMonthYear(escalation.raisedOn)}.`,
          sourceKey: `escalation:${id}`,
        },
        actor,
        { now },
      )
    }
    await appendAuditEvent(tx, actor.audit, {
      action: 'escalation-raise',
      recordType: 'episode',
      recordId: episode.id,
      details: { escalationId: id, kind: escalation.kind, urgent: escalation.urgent },
    })
    return true
  })
}

/** The escalation for the outcome form, only on the actor's own open case. */
export async function findEscalationOnCase(
  scope: OrgScope,
  referralId: string,
  escalationId: string,
  actor: ChangeActor,
): Promise<{ personName: string; escalation: Escalation }> {
  const { referral, episode } = await openCase(scope, referralId, actor)
  const escalation = await repo.findEscalation(scope, episode.id, escalationId)
  if (!escalation) throw new CaseworkError('CASEWORK_NOT_FOUND')
  return { personName: `${referral.person.givenName} ${referral.person.familyName}`, escalation }
}

/**
 * Records what came of an escalation. The version the link worker was looking at guards against overwriting
 * an outcome someone else recorded meanwhile; the same outcome sent twice is accepted as done.
 */
export async function recordEscalationOutcome(
  scope: OrgScope,
  referralId: string,
  escalationId: string,
  record: EscalationOutcomeRecord,
  expectedVersion: number,
  actor: ChangeActor,
): Promise<void> {
  const { escalation } = await findEscalationOnCase(scope, referralId, escalationId, actor)
  await scope.db.transaction(async (tx) => {
    const updated = await repo.updateEscalationOutcome(inTransaction(scope, tx), escalationId, expectedVersion, {
      ...record,
      outcomeRecordedByName: actor.name,
    })
    if (!updated) {
      const same =
        escalation.outcome === record.outcome &&
        escalation.outcomeText === record.outcomeText &&
        escalation.outcomeOn === record.outcomeOn
      if (same) return
      throw new CaseworkError('CASEWORK_CHANGED_BY_SOMEONE_ELSE')
    }
    await appendAuditEvent(tx, actor.audit, {
      action: 'escalation-outcome',
      recordType: 'episode',
      recordId: escalation.episodeId,
      details: { escalationId, outcome: record.outcome },
    })
  })
}

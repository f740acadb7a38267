// SPDX-License-Identifier: AGPL-3.0-or-later
import { randomUUID } from 'node:crypto'
import { appendAuditEvent } from '../../platform/audit/audit.service.ts'
import { inTransaction, type AnyScope, type OrgScope } from '../../platform/db/org-scope.ts'
import { openCase, recordPlanDates, type ChangeActor } from '../casework/index.ts'
import { readListing } from '../directory/index.ts'
import { changeReferral } from '../referrals/index.ts'
import { assignGoalKeys, decideSave, type Agreement, type Plan, type PlanContent, type PlanSummary } from './plan.ts'
import { PlansError } from './plans.errors.ts'
import * as repo from './plans.repository.ts'

export type { ChangeActor }

/** The latest version of the episode's plan (a draft or the agreed one), with its goals, actions and services. */
export async function findCurrentPlan(scope: AnyScope, episodeId: string): Promise<Plan | null> {
  const latest = await repo.findPlanSummary(scope, episodeId, 'latest')
  return latest ? repo.withParts(scope, latest) : null
}

/** The version the person agreed and that is in force (a newer draft may be waiting for agreement). */
export async function findAgreedPlan(scope: AnyScope, episodeId: string): Promise<Plan | null> {
  const agreed = await repo.findPlanSummary(scope, episodeId, { status: 'agreed' })
  return agreed ? repo.withParts(scope, agreed) : null
}

export async function findPlanVersion(scope: AnyScope, episodeId: string, version: number): Promise<Plan | null> {
  const found = await repo.findPlanSummary(scope, episodeId, { version })
  return found ? repo.withParts(scope, found) : null
}

export async function listPlanVersions(scope: AnyScope, episodeId: string): Promise<PlanSummary[]> {
  return repo.listPlanSummaries(scope, episodeId)
}

/**
 * The names of directory services chosen on the plan form, read from the directory of the service's area;
 * ids the directory does not know (a listing removed, or another area's) are left out.
 */
export async function findDirectoryServiceNames(
  scope: OrgScope,
  serviceIds: readonly string[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>()
  for (const id of new Set(serviceIds)) {
    try {
      const { snapshot } = await readListing(scope, id)
      names.set(id, snapshot.service.name)
    } catch {
      // Not in this area's directory: the caller reports it against the field.
    }
  }
  return names
}

export interface SaveOptions {
  submissionKey: string
  /** The version and row version the form was opened on, or null when it was opened with no plan yet. */
  basedOn: { version: number; rowVersion: number } | null
  now?: Date
}

export type SaveResult = { outcome: 'created' | 'updated' | 'repeated'; version: number }

/**
 * Saves the plan form. A draft is changed in place; an agreed plan is never changed, so the change becomes the
 * next version, a draft to agree. A retried submission (same key) changes nothing; a form opened before someone
 * else saved or agreed the plan is refused (PLANS_CHANGED_BY_SOMEONE_ELSE).
 */
export async function savePlan(
  scope: OrgScope,
  referralId: string,
  content: PlanContent,
  options: SaveOptions,
  actor: ChangeActor,
): Promise<SaveResult> {
  const now = options.now ?? new Date()
  const { episode } = await openCase(scope, referralId, actor, { now })
  const submissionKey = `${episode.id}:${options.submissionKey}`
  const result = await scope.db.transaction(async (tx): Promise<SaveResult | 'conflict'> => {
    const txScope = inTransaction(scope, tx)
    const latest = await repo.lockLatestPlan(txScope, episode.id)
    const repeated = await repo.findPlanBySubmissionKey(txScope, submissionKey)
    if (repeated) return { outcome: 'repeated', version: repeated.version }
    const decision = decideSave(latest ?? null, options.basedOn)
    if (decision.kind === 'conflict') return 'conflict'
    const knownKeys = await repo.listGoalKeys(txScope, episode.id)
    const goals = assignGoalKeys(content.goals, knownKeys, randomUUID)
    // Actions and services point at goals by the key the form gave; a new goal's key was just made.
    const keyMap = new Map(content.goals.map((g, i) => [g.goalKey, goals[i]!.goalKey]))
    const parts = {
      goals,
      actions: content.actions.map((a) => ({ ...a, goalKey: a.goalKey ? (keyMap.get(a.goalKey) ?? null) : null })),
      services: content.services.map((s) => ({
        ...s,
        goalKey: s.goalKey ? (keyMap.get(s.goalKey) ?? null) : null,
      })),
    }
    let planId: string
    if (decision.kind === 'update') {
      const updated = await repo.updatePlan(
        txScope,
        decision.planId,
        { reviewOn: content.reviewOn, nextSteps: content.nextSteps, submissionKey, updatedAt: now },
        options.basedOn!.rowVersion,
      )
      if (!updated) return 'conflict'
      planId = decision.planId
    } else {
      const inserted = await repo.insertPlanIfNew(txScope, {
        episodeId: episode.id,
        personId: episode.personId,
        version: decision.version,
        submissionKey,
        status: 'draft',
        reviewOn: content.reviewOn,
        nextSteps: content.nextSteps,
        createdByUserId: actor.userId,
        createdByName: actor.name,
        createdAt: now,
        updatedAt: now,
      })
      if (!inserted) {
        // The insert waited for a concurrent one: the same submission (a double click) or another first version.
        const twin = await repo.findPlanBySubmissionKey(txScope, submissionKey)
        return twin ? { outcome: 'repeated', version: twin.version } : 'conflict'
      }
      planId = inserted
    }
    await repo.replacePlanParts(txScope, planId, parts)
    await appendAuditEvent(tx, actor.audit, {
      action: decision.kind === 'update' ? 'plan-update' : 'plan-create',
      recordType: 'plan',
      recordId: planId,
      details: {
        episodeId: episode.id,
        version: decision.version,
        goals: goals.length,
        actions: parts.actions.length,
        services: parts.services.length,
      },
    })
    return { outcome: decision.kind === 'update' ? 'updated' : 'created', version: decision.version }
  })
  if (result === 'conflict') throw new PlansError('PLANS_CHANGED_BY_SOMEONE_ELSE')
  return result
}

/** The referral steps from which agreeing a plan is the next step for the referrer to see. */
const PLAN_AGREED_AFTER: readonly string[] = ['first-contact-made', 'conversation-held']

/**
 * Records the person's agreement to the draft version the link worker was looking at: it becomes the agreed
 * plan and the one agreed before is superseded. Casework is told, in the same transaction, the first agreement
 * date and the next review. Agreeing again (a retry) changes nothing.
 */
export async function agreePlan(
  scope: OrgScope,
  referralId: string,
  agreement: Agreement,
  basedOn: { version: number; rowVersion: number },
  actor: ChangeActor,
  options: { now?: Date } = {},
): Promise<{ outcome: 'agreed' | 'repeated' }> {
  const now = options.now ?? new Date()
  const { referral, episode } = await openCase(scope, referralId, actor, { now })
  const result = await scope.db.transaction(async (tx) => {
    const txScope = inTransaction(scope, tx)
    const latest = await repo.lockLatestPlan(txScope, episode.id)
    if (!latest) throw new PlansError('PLANS_NOTHING_TO_AGREE')
    if (latest.version === basedOn.version && latest.status === 'agreed') return { outcome: 'repeated' as const }
    if (latest.version !== basedOn.version || latest.rowVersion !== basedOn.rowVersion)
      throw new PlansError('PLANS_CHANGED_BY_SOMEONE_ELSE')
    if (latest.status !== 'draft') throw new PlansError('PLANS_NOTHING_TO_AGREE')
    const agreed = await repo.updatePlan(
      txScope,
      latest.id,
      {
        status: 'agreed',
        agreedOn: agreement.agreedOn,
        agreementMethod: agreement.method,
        agreementNote: agreement.note,
        updatedAt: now,
      },
      basedOn.rowVersion,
    )
    if (!agreed) throw new PlansError('PLANS_CHANGED_BY_SOMEONE_ELSE')
    await repo.supersedeOtherAgreed(txScope, episode.id, latest.id)
    await appendAuditEvent(tx, actor.audit, {
      action: 'plan-agree',
      recordType: 'plan',
      recordId: latest.id,
      details: { episodeId: episode.id, version: latest.version, method: agreement.method },
    })
    await recordPlanDates(
      txScope,
      referralId,
      { agreedOn: agreement.agreedOn, ...(latest.reviewOn ? { nextReviewOn: latest.reviewOn } : {}) },
      actor.audit,
      { now },
    )
    return { outcome: 'agreed' as const }
  })
  // The referrer sees "plan agreed" in the referral's history. After the commit (and again on a retry), and
  // only forward: a referral already marked connected stays so.
  if (referral.status === 'in-progress' && PLAN_AGREED_AFTER.includes(referral.businessStatus)) {
    await changeReferral(scope, referralId, { kind: 'progress', step: 'plan-agreed' }, actor, undefined, { now })
  }
  return result
}

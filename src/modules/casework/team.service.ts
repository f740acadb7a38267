// SPDX-License-Identifier: AGPL-3.0-or-later
// The supervisor's team view, per-worker capacity and the service's casework settings.
import { appendAuditEvent } from '../../platform/audit/audit.service.ts'
import { inTransaction, type OrgScope } from '../../platform/db/org-scope.ts'
import { listReferralsForService } from '../referrals/index.ts'
import { londonToday, type CaseloadEntry } from './casework.ts'
import { CASELOAD_STATUSES, getCaseworkSettings, type ChangeActor } from './casework.service.ts'
import { CaseworkError } from './casework.errors.ts'
import * as repo from './casework.repository.ts'
import {
  buildTeamRows,
  financialYearStart,
  type CaseworkSettings,
  type OwnedCaseloadEntry,
  type TeamMember,
  type TeamRow,
} from './team.ts'
import * as teamRepo from './team.repository.ts'

/** The most open referrals the team view reads at once: far above a service's open caseload. */
export const TEAM_CASELOAD_LIMIT = 10_000

export interface TeamView {
  rows: TeamRow[]
  settings: CaseworkSettings
  yearStart: string
  /** True if the service has more open referrals than the view reads (never in practice; shown if so). */
  truncated: boolean
}

/**
 * Every open caseload entry of the service, with its owner: one query for the referrals, one for their
 * episodes (the same shape as "My caseload", so the numbers agree with what each worker sees).
 */
async function listServiceCaseload(scope: OrgScope): Promise<{ entries: OwnedCaseloadEntry[]; total: number }> {
  const referrals = await listReferralsForService(
    scope,
    { status: CASELOAD_STATUSES },
    { limit: TEAM_CASELOAD_LIMIT, offset: 0 },
  )
  const owned = referrals.rows.filter((r) => r.ownerUserId !== null)
  const episodes = await repo.listEpisodesForReferrals(
    scope,
    owned.map((r) => r.id),
  )
  const byReferral = new Map(episodes.map((e) => [e.referralId, e]))
  const entries = owned.map((r) => {
    const episode = byReferral.get(r.id) ?? null
    return {
      ownerUserId: r.ownerUserId!,
      referralId: r.id,
      reference: r.reference,
      personName: r.personName,
      status: r.status as CaseloadEntry['status'],
      allocatedAt: r.receivedAt,
      contactTargetDate: r.contactTargetDate,
      loneWorking: episode?.loneWorkingRisk ?? false,
      safeguarding: episode?.safeguardingRisk ?? false,
      urgent: r.urgency === 'urgent',
      episode,
    }
  })
  return { entries, total: referrals.total }
}

/**
 * One row per link worker of the service, in a fixed number of queries whatever the team's size: members,
 * settings, open referrals, their episodes, and people supported this (financial) year grouped by worker.
 */
export async function viewTeam(scope: OrgScope, actor: ChangeActor, options: { now?: Date } = {}): Promise<TeamView> {
  const today = londonToday(options.now ?? new Date())
  const yearStart = financialYearStart(today)
  const [members, settings, caseload, supported] = await Promise.all([
    teamRepo.listTeamMembers(scope),
    getCaseworkSettings(scope),
    listServiceCaseload(scope),
    teamRepo.countSupportedSince(scope, yearStart, today),
  ])
  await scope.db.transaction(async (tx) => {
    await appendAuditEvent(tx, actor.audit, {
      action: 'list',
      recordType: 'team-caseload',
      recordId: scope.organisationId,
      details: { workers: members.length, open: caseload.entries.length },
    })
  })
  return {
    rows: buildTeamRows(members, caseload.entries, supported, settings, today),
    settings,
    yearStart,
    truncated: caseload.total > TEAM_CASELOAD_LIMIT,
  }
}

export async function listTeamMembers(scope: OrgScope): Promise<TeamMember[]> {
  return teamRepo.listTeamMembers(scope)
}

/** A link worker of the service, or "not found" for anyone else (another service's staff, a referrer). */
export async function findTeamMemberOrThrow(scope: OrgScope, userId: string): Promise<TeamMember> {
  const member = (await teamRepo.listTeamMembers(scope)).find((m) => m.userId === userId)
  if (!member) throw new CaseworkError('CASEWORK_NOT_FOUND')
  return member
}

export type SettingsValues = Omit<CaseworkSettings, 'updatedAt' | 'updatedByName'>

/**
 * Saves the service's settings. `expectedUpdatedAt` is when they were last saved as the form saw it (null
 * when it showed the defaults): a save by someone else in between is refused, not overwritten.
 */
export async function saveCaseworkSettings(
  scope: OrgScope,
  values: SettingsValues,
  expectedUpdatedAt: Date | null,
  actor: ChangeActor,
  options: { now?: Date } = {},
): Promise<void> {
  const now = options.now ?? new Date()
  await scope.db.transaction(async (tx) => {
    const txScope = inTransaction(scope, tx)
    const saved =
      expectedUpdatedAt === null
        ? await teamRepo.insertSettingsIfAbsent(txScope, values, actor.name, now)
        : await teamRepo.updateSettings(txScope, values, expectedUpdatedAt, actor.name, now)
    if (!saved) throw new CaseworkError('CASEWORK_CHANGED_BY_SOMEONE_ELSE')
    await appendAuditEvent(tx, actor.audit, {
      action: 'casework-settings-change',
      recordType: 'organisation',
      recordId: scope.organisationId,
      details: { ...values },
    })
  })
}

/** Sets one worker's yearly capacity; null returns them to the service default. */
export async function setAnnualCapacity(
  scope: OrgScope,
  userId: string,
  annualCapacity: number | null,
  actor: ChangeActor,
  options: { now?: Date } = {},
): Promise<void> {
  const now = options.now ?? new Date()
  await findTeamMemberOrThrow(scope, userId)
  await scope.db.transaction(async (tx) => {
    await teamRepo.upsertAnnualCapacity(inTransaction(scope, tx), userId, annualCapacity, now)
    await appendAuditEvent(tx, actor.audit, {
      action: 'link-worker-capacity-change',
      recordType: 'user',
      recordId: userId,
      details: { annualCapacity },
    })
  })
}

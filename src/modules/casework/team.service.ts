// SPDX-License-Identifier: AGPL-3.0-or-later
// The supervisor's team view, per-worker capacity and the service's casework settings.
import { appendAuditEvent } from '../../platform/audit/audit.service.ts'
import { inTransaction, type OrgScope } from '../../platform/db/org-scope.ts'
import { listReferralsForService } from '../referrals/index.ts'
import { londonToday } from './casework.ts'
import { getCaseworkSettings, type ChangeActor } from './casework.service.ts'
import { CaseworkError } from './casework.errors.ts'
import * as repo from './casework.repository.ts'
import {
  buildTeamRows,
  financialYearStart,
  type WaitingOrPaused,
  type CaseworkSettings,
  type TeamMember,
  type TeamRow,
} from './team.ts'
import * as teamRepo from './team.repository.ts'

/** The most referrals a team view or reminder run reads at once: far above a service's open caseload. */
export const TEAM_CASELOAD_LIMIT = 10_000

export interface TeamView {
  rows: TeamRow[]
  settings: CaseworkSettings
  yearStart: string
  /** True if more people wait for first contact than the view reads (never in practice; shown if so). */
  truncated: boolean
}

/**
 * Everyone waiting for first contact (the referrals module's "awaiting contact" queue) and everyone on hold,
 * with whether their case has been opened: small shares of the caseload, plus one query for their episodes.
 */
async function listWaitingOrPaused(scope: OrgScope): Promise<{ rows: WaitingOrPaused[]; truncated: boolean }> {
  const page = { limit: TEAM_CASELOAD_LIMIT, offset: 0 }
  const waiting = await listReferralsForService(scope, { queue: 'awaiting-contact' }, page)
  const onHold = await listReferralsForService(scope, { status: ['on-hold'] }, page)
  const owned = [...waiting.rows, ...onHold.rows].filter((r) => r.ownerUserId !== null)
  const opened = new Set(
    (
      await repo.listEpisodesForReferrals(
        scope,
        owned.map((r) => r.id),
      )
    ).map((e) => e.referralId),
  )
  return {
    rows: owned.map((r) => ({
      ownerUserId: r.ownerUserId!,
      contactTargetDate: r.contactTargetDate,
      onHold: r.status === 'on-hold',
      opened: opened.has(r.id),
    })),
    truncated: waiting.total > TEAM_CASELOAD_LIMIT || onHold.total > TEAM_CASELOAD_LIMIT,
  }
}

/**
 * One row per link worker of the service, in a fixed number of queries whatever the team's size: members,
 * settings, open episodes grouped by worker, people supported this (financial) year grouped by worker, and
 * the people waiting for first contact or on hold.
 */
export async function viewTeam(scope: OrgScope, actor: ChangeActor, options: { now?: Date } = {}): Promise<TeamView> {
  const today = londonToday(options.now ?? new Date())
  const yearStart = financialYearStart(today)
  const settings = await getCaseworkSettings(scope)
  const members = await teamRepo.listTeamMembers(scope)
  const openCounts = await teamRepo.countOpenEpisodes(scope, today, settings.noContactAlertWeeks)
  const waitingOrPaused = await listWaitingOrPaused(scope)
  const supported = await teamRepo.countSupportedSince(scope, yearStart, today)
  await scope.db.transaction(async (tx) => {
    await appendAuditEvent(tx, actor.audit, {
      action: 'list',
      recordType: 'team-caseload',
      recordId: scope.organisationId,
      details: { workers: members.length },
    })
  })
  return {
    rows: buildTeamRows(members, openCounts, waitingOrPaused.rows, supported, settings, today),
    settings,
    yearStart,
    truncated: waitingOrPaused.truncated,
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
    if (!saved) throw new CaseworkError('CASEWORK_SETTINGS_CHANGED')
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

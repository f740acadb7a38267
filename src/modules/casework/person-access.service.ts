// SPDX-License-Identifier: AGPL-3.0-or-later
// Who may see a person (ADR 0024): the rule every person page, the person search and the supervisor's
// oversight pages go through. The decision and its audit entry are made here, never in a page.
import type { AuditActor } from '../../platform/audit/audit.service.ts'
import { recordAuditEvent } from '../../platform/audit/audit.service.ts'
import type { OrgScope } from '../../platform/db/org-scope.ts'
import { listPeopleSupportedBy, supportsPerson } from '../referrals/index.ts'
import { CaseworkError } from './casework.errors.ts'
import { londonToday } from './casework.ts'
import * as repo from './person-access.repository.ts'
import { listTeamMembers } from './team.repository.ts'
import {
  BREAK_GLASS_MINUTES,
  type BreakGlassWindow,
  type CoverRow,
  type NewCover,
  type PersonAccess,
  type PersonAccessGrant,
} from './person-access.ts'

/** The person asking: their id, whether they supervise the service, and how to audit what they do. */
export interface PersonViewer {
  userId: string
  name: string
  supervisor: boolean
  audit: AuditActor
}

/** The most cover rows the team page lists: a service has tens of link workers. */
export const COVER_LIST_LIMIT = 200

/** What this viewer may see of people's records now. */
export async function personAccessFor(scope: OrgScope, viewer: PersonViewer, now = new Date()): Promise<PersonAccess> {
  if (viewer.supervisor) return { kind: 'service' }
  const [covered, breakGlass] = await Promise.all([
    repo.listCoveredUserIds(scope, viewer.userId, londonToday(now)),
    repo.findOpenBreakGlass(scope, viewer.userId, now),
  ])
  return { kind: 'supported', userIds: [viewer.userId, ...covered], breakGlass: breakGlass ?? null }
}

/**
 * Decides on what grounds the viewer may open a person's record (all its merged records count), or that they may
 * not. The caller audits the read with that outcome and notes a break-glass read (`noteBreakGlassRead`).
 */
export async function grantForPerson(
  scope: OrgScope,
  access: PersonAccess,
  recordIds: readonly string[],
): Promise<PersonAccessGrant> {
  if (access.kind === 'service') return 'service'
  if (await supportsPerson(scope, access.userIds, recordIds)) return 'support'
  return access.breakGlass ? 'break-glass' : 'refused'
}

/** Notes a record opened under break-glass against its window (once per window). */
export async function noteBreakGlassRead(scope: OrgScope, access: PersonAccess, personId: string, now = new Date()) {
  if (access.kind === 'supported' && access.breakGlass)
    await repo.insertBreakGlassRead(scope, access.breakGlass.id, personId, now)
}

/** The person records a search may return: undefined for everyone in the service. */
export async function searchableRecords(scope: OrgScope, access: PersonAccess): Promise<string[] | undefined> {
  if (access.kind === 'service' || access.breakGlass) return undefined
  return listPeopleSupportedBy(scope, access.userIds)
}

/** Opens a break-glass window for the link worker, with their reason; audited with the window's id. */
export async function openBreakGlass(
  scope: OrgScope,
  viewer: PersonViewer,
  input: { reason: string; submissionKey: string },
  now = new Date(),
): Promise<void> {
  if (viewer.supervisor) return
  const expiresAt = new Date(now.getTime() + BREAK_GLASS_MINUTES * 60_000)
  await repo.insertBreakGlass(scope, {
    userId: viewer.userId,
    userName: viewer.name,
    reason: input.reason,
    submissionKey: input.submissionKey,
    startedAt: now,
    expiresAt,
  })
  const open = await repo.findOpenBreakGlass(scope, viewer.userId, now)
  await recordAuditEvent(scope.db, viewer.audit, {
    action: 'break-glass-open',
    recordType: 'break-glass',
    recordId: open?.id ?? null,
    details: { minutes: BREAK_GLASS_MINUTES },
  })
}

/** Closes the link worker's window early. */
export async function endBreakGlassNow(scope: OrgScope, viewer: PersonViewer, now = new Date()): Promise<void> {
  const ended = await repo.endBreakGlass(scope, viewer.userId, now)
  if (ended > 0)
    await recordAuditEvent(scope.db, viewer.audit, {
      action: 'break-glass-end',
      recordType: 'break-glass',
      recordId: null,
    })
}

/** Break-glass windows of the last `days` days, newest first, each with the records opened in it. */
export async function listBreakGlassForReview(
  scope: OrgScope,
  days: number,
  page: { limit: number; offset: number },
  now = new Date(),
): Promise<{ rows: BreakGlassWindow[]; total: number }> {
  const since = new Date(now.getTime() - days * 86_400_000)
  const windows = await repo.listBreakGlassWindows(scope, since, page)
  const reads = await repo.listBreakGlassReads(
    scope,
    windows.rows.map((w) => w.id),
  )
  return {
    total: windows.total,
    rows: windows.rows.map((w) => ({ ...w, reads: reads.filter((r) => r.breakGlassId === w.id) })),
  }
}

/** Cover in force today, and the service's link workers to choose from. */
export async function readCover(scope: OrgScope, now = new Date()) {
  const [current, workers] = await Promise.all([
    repo.listCurrentCover(scope, londonToday(now), COVER_LIST_LIMIT),
    listTeamMembers(scope),
  ])
  return { current, workers }
}

export async function setCover(
  scope: OrgScope,
  viewer: PersonViewer,
  input: Omit<NewCover, 'setByName' | 'createdAt'>,
  now = new Date(),
): Promise<void> {
  const team = new Set((await listTeamMembers(scope)).map((m) => m.userId))
  if (!team.has(input.coveringUserId) || !team.has(input.coveredUserId))
    throw new CaseworkError('CASEWORK_NOT_A_LINK_WORKER')
  // The same cover twice is a mistake, not a second grant (a retry with the same key is already one row).
  const covered = await repo.listCoveredUserIds(scope, input.coveringUserId, londonToday(now))
  if (covered.includes(input.coveredUserId) && !(await repo.coverExists(scope, input.submissionKey)))
    throw new CaseworkError('CASEWORK_COVER_EXISTS')
  const inserted = await repo.insertCover(scope, { ...input, setByName: viewer.name, createdAt: now })
  if (inserted)
    await recordAuditEvent(scope.db, viewer.audit, {
      action: 'cover-set',
      recordType: 'user',
      recordId: input.coveredUserId,
      details: { coveringUserId: input.coveringUserId, endsOn: input.endsOn },
    })
}

export async function endCover(scope: OrgScope, viewer: PersonViewer, coverId: string, now = new Date()) {
  const ended = await repo.endCover(scope, coverId, now, viewer.name)
  if (!ended) throw new CaseworkError('CASEWORK_NOT_FOUND')
  await recordAuditEvent(scope.db, viewer.audit, { action: 'cover-end', recordType: 'cover', recordId: coverId })
}

export type { CoverRow }

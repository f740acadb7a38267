// SPDX-License-Identifier: AGPL-3.0-or-later
import { appendAuditEvent } from '../../platform/audit/audit.service.ts'
import { inTransaction, type AnyScope, type OrgScope } from '../../platform/db/org-scope.ts'
import {
  findReferralForService,
  listReferralsForService,
  type ChangeActor,
  type ReferralDetail,
} from '../referrals/index.ts'
import { listActiveFlags } from '../people/index.ts'
import {
  addDays,
  londonToday,
  REVIEW_AFTER_DAYS,
  type CaseloadEntry,
  type Contact,
  type Episode,
  type Pathway,
} from './casework.ts'
import { CaseworkError } from './casework.errors.ts'
import * as repo from './casework.repository.ts'
import { FOLLOWED_REFERRAL_REASON, moveEpisode } from './reallocation.service.ts'
import { contactAllowanceFor, DEFAULT_SETTINGS, type CaseworkSettings } from './team.ts'
import * as teamRepo from './team.repository.ts'

export type { ChangeActor }

/** Statuses of a referral that is on someone's caseload. */
export const CASELOAD_STATUSES = ['accepted', 'in-progress', 'on-hold'] as const

/** The largest caseload read in one go; far above a full-time link worker's open cases (typically 40–80). */
export const CASELOAD_LIMIT = 1000

export interface Case {
  referral: ReferralDetail
  episode: Episode
}

function isOnCaseload(referral: ReferralDetail, userId: string | null): boolean {
  return (
    referral.ownerUserId !== null &&
    referral.ownerUserId === userId &&
    (CASELOAD_STATUSES as readonly string[]).includes(referral.status)
  )
}

/**
 * Opens the case of a referral allocated to the link worker: creates its episode the first time (one per
 * referral, whatever the number of tabs or retries) with the default pathway, allowance and review date.
 */
export async function openCase(
  scope: OrgScope,
  referralId: string,
  actor: ChangeActor,
  options: { now?: Date } = {},
): Promise<Case> {
  const now = options.now ?? new Date()
  const referral = await findReferralForService(scope, referralId)
  if (!referral || !isOnCaseload(referral, actor.userId)) throw new CaseworkError('CASEWORK_NOT_ON_CASELOAD')
  let existing = await repo.findEpisodeByReferral(scope, referralId)
  // Reallocated on the referral page since the last visit: the episode follows its referral, with history.
  if (existing && existing.linkWorkerUserId !== referral.ownerUserId) {
    const by = { userId: null, name: '' }
    existing = await moveEpisode(scope, referralId, referral.ownerUserId!, FOLLOWED_REFERRAL_REASON, actor, by, now)
  }
  const flags = {
    loneWorkingRisk: referral.risks.loneWorking,
    // Sticky: a safeguarding concern the link worker escalated stays flagged whatever the referral says.
    safeguardingRisk: referral.risks.safeguardingRaisedElsewhere || (existing?.safeguardingRisk ?? false),
  }
  if (existing) {
    if (existing.loneWorkingRisk !== flags.loneWorkingRisk || existing.safeguardingRisk !== flags.safeguardingRisk) {
      await scope.db.transaction(async (tx) => {
        await repo.updateEpisode(inTransaction(scope, tx), existing.id, { ...flags, updatedAt: now })
      })
      return { referral, episode: { ...existing, ...flags } }
    }
    return { referral, episode: existing }
  }
  const today = londonToday(now)
  const pathway: Pathway = 'short-term'
  const settings = await getCaseworkSettings(scope)
  await scope.db.transaction(async (tx) => {
    const txScope = inTransaction(scope, tx)
    const created = await repo.insertEpisodeIfAbsent(txScope, {
      referralId,
      personId: referral.personId,
      linkWorkerUserId: referral.ownerUserId!,
      pathway,
      contactAllowance: contactAllowanceFor(settings, pathway),
      openedOn: today,
      nextReviewOn: addDays(today, REVIEW_AFTER_DAYS[pathway]),
      ...flags,
      createdAt: now,
      updatedAt: now,
    })
    if (created) {
      const opened = await repo.findEpisodeByReferral(txScope, referralId)
      // The first row of the allocation history: who the referral was allocated to when support began.
      await teamRepo.insertAllocation(txScope, {
        episodeId: opened!.id,
        fromUserId: null,
        toUserId: referral.ownerUserId!,
        reason: '',
        allocatedByUserId: null,
        // Who allocated it at triage is in the referral's history; this row marks where support began.
        allocatedByName: '',
        allocatedAt: now,
      })
      await appendAuditEvent(tx, actor.audit, {
        action: 'episode-open',
        recordType: 'referral',
        recordId: referralId,
      })
    }
  })
  const episode = await repo.findEpisodeByReferral(scope, referralId)
  return { referral, episode: episode! }
}

/** The service's casework settings, or the defaults in casework.ts until a supervisor saves some. */
export async function getCaseworkSettings(scope: OrgScope): Promise<CaseworkSettings> {
  return (await teamRepo.findSettings(scope)) ?? DEFAULT_SETTINGS
}

export interface EpisodeView extends Case {
  /** 'change' for the allocated link worker's open case; 'read' for a closed one or a supervisor's look. */
  access: 'change' | 'read'
}

/**
 * Reads an episode for its page and audits the view. The allocated link worker gets their open case
 * (through `openCase`, which stays the guard for every change); once support has ended the last link worker
 * can still read it, and a supervisor can read any episode of the service. Nobody else learns it exists.
 */
export async function viewEpisode(
  scope: OrgScope,
  referralId: string,
  actor: ChangeActor,
  options: { supervisor: boolean },
): Promise<EpisodeView> {
  const referral = await findReferralForService(scope, referralId)
  if (!referral) throw new CaseworkError('CASEWORK_NOT_ON_CASELOAD')
  let found: EpisodeView
  if (isOnCaseload(referral, actor.userId)) {
    found = { ...(await openCase(scope, referralId, actor)), access: 'change' }
  } else {
    const episode = await repo.findEpisodeByReferral(scope, referralId)
    const ended = !(CASELOAD_STATUSES as readonly string[]).includes(referral.status)
    const mayRead =
      episode !== undefined && (options.supervisor || (ended && episode.linkWorkerUserId === actor.userId))
    if (!mayRead) throw new CaseworkError('CASEWORK_NOT_ON_CASELOAD')
    found = { referral, episode, access: 'read' }
  }
  await scope.db.transaction(async (tx) => {
    await appendAuditEvent(tx, actor.audit, { action: 'view', recordType: 'episode', recordId: found.episode.id })
  })
  return found
}

/** Reads a case for a page and audits the view of the person's record. */
export async function viewCase(scope: OrgScope, referralId: string, actor: ChangeActor): Promise<Case> {
  const found = await openCase(scope, referralId, actor)
  await scope.db.transaction(async (tx) => {
    await appendAuditEvent(tx, actor.audit, { action: 'view', recordType: 'episode', recordId: found.episode.id })
  })
  return found
}

export async function listContactsForEpisode(scope: OrgScope, episodeId: string): Promise<Contact[]> {
  return repo.listContacts(scope, episodeId)
}

/**
 * Everyone allocated to the link worker, with their episode once opened: one query for the referrals and
 * one for the episodes. Sorting, filtering and paging happen on the result (a caseload is at most a few
 * hundred people).
 */
export async function listCaseload(scope: OrgScope, userId: string): Promise<CaseloadEntry[]> {
  const referrals = await listReferralsForService(
    scope,
    { ownerUserId: userId, status: CASELOAD_STATUSES },
    { limit: CASELOAD_LIMIT, offset: 0 },
  )
  // The person's flags are the source of risk (a referral's risks become flags when it arrives; ending a flag
  // takes it off the caseload); a safeguarding concern escalated from the episode also counts. Both lists depend
  // only on the referrals, so they are read together.
  const [episodes, flags] = await Promise.all([
    repo.listEpisodesForReferrals(
      scope,
      referrals.rows.map((r) => r.id),
    ),
    listActiveFlags(
      scope,
      referrals.rows.map((r) => r.personId),
    ),
  ])
  const byReferral = new Map(episodes.map((e) => [e.referralId, e]))
  return referrals.rows.map((r) => {
    const episode = byReferral.get(r.id) ?? null
    const kinds = new Set((flags.get(r.personId) ?? []).map((f) => f.kind))
    return {
      referralId: r.id,
      reference: r.reference,
      personName: r.personName,
      personId: r.personId,
      status: r.status as CaseloadEntry['status'],
      allocatedAt: r.receivedAt,
      contactTargetDate: r.contactTargetDate,
      loneWorking: kinds.has('lone-working'),
      safeguarding: kinds.has('safeguarding') || (episode?.safeguardingRisk ?? false),
      otherRisk: kinds.has('other-risk'),
      urgent: r.urgency === 'urgent',
      episode,
    }
  })
}

/** Each person's latest episode of support here (for matching an imported extract's rows to people). */
export function latestEpisodesForPeople(
  scope: AnyScope,
  personIds: readonly string[],
): Promise<{ personId: string; episodeId: string; referralId: string }[]> {
  return repo.latestEpisodesForPeople(scope, personIds)
}

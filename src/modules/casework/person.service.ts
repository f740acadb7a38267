// SPDX-License-Identifier: AGPL-3.0-or-later
// The person page composes three modules: the person (people), their referrals (referrals) and their episodes
// (casework). Reads follow merges: the record kept shows everything recorded against any record merged into it.
import type { OrgScope } from '../../platform/db/org-scope.ts'
import {
  findLikelyDuplicates,
  findPeople,
  listActiveFlags,
  listConsentHistoryForPeople,
  listFlagHistory,
  listMergedRecordIds,
  listMergeHistory,
  sortFlags,
  findPerson,
  type ConsentRecord,
  type Person,
  type PersonFlag,
  type PersonMerge,
} from '../people/index.ts'
import { FINAL_STATUSES, listReferralsForService, type Need, type ReferralSummary } from '../referrals/index.ts'
import type { Episode } from './casework.ts'
import * as repo from './casework.repository.ts'
import { recordAuditEvent } from '../../platform/audit/audit.service.ts'
import { grantAllows, type PersonAccess, type PersonAccessGrant } from './person-access.ts'
import { grantForPerson, noteBreakGlassRead, personAccessFor, type PersonViewer } from './person-access.service.ts'
import { needsInForce } from './conversation.ts'
import { findCurrentConversations } from './conversation.service.ts'

/** The most referrals a person page lists; far beyond anyone's real history with one service. */
export const PERSON_REFERRALS_LIMIT = 200

export interface PersonRecord {
  /** The record kept: what the page shows and edits. */
  person: Person
  /** Records merged into it, still stored so a merge can be undone. */
  mergedRecords: Person[]
  /** The kept record's id first, then the merged ones: everything on the page is read across these. */
  recordIds: string[]
  activeFlags: PersonFlag[]
  endedFlags: PersonFlag[]
  consents: ConsentRecord[]
  /** Newest first. */
  referrals: ReferralSummary[]
  episodesByReferral: Map<string, Episode>
  /** For each open referral: the needs support is working on (the latest conversation's, else the referral's). */
  needsByReferral: Map<string, Need[]>
  merges: PersonMerge[]
}

export type PersonLookup =
  | { kind: 'found'; record: PersonRecord; grant: PersonAccessGrant; access: PersonAccess }
  | { kind: 'merged'; keptPersonId: string }
  /** The viewer may not open this record for this purpose; `breakGlass` when they could read it but not change it. */
  | { kind: 'refused'; breakGlass: boolean }

/**
 * Reads everything the person page shows if the viewer may see it (ADR 0024), and audits the read with its
 * real outcome: success, or denied with why (not held, not supported, break-glass is read-only). A record
 * merged into another answers with the record kept, for the page to redirect to (that page decides and
 * audits). Undefined when the service holds no such person.
 */
export async function viewPersonRecord(
  scope: OrgScope,
  personId: string,
  viewer: PersonViewer,
  purpose: 'read' | 'change' = 'read',
): Promise<PersonLookup | undefined> {
  const person = await findPerson(scope, personId)
  const audit = (outcome: 'success' | 'denied', details: Record<string, string>) =>
    recordAuditEvent(scope.db, viewer.audit, {
      action: 'view',
      recordType: 'person',
      recordId: personId,
      outcome,
      details,
    })
  if (!person) {
    await audit('denied', { reason: 'not-found' })
    return undefined
  }
  if (person.mergedIntoPersonId) return { kind: 'merged', keptPersonId: person.mergedIntoPersonId }
  const [access, mergedIds] = await Promise.all([personAccessFor(scope, viewer), listMergedRecordIds(scope, person.id)])
  const grant = await grantForPerson(scope, access, [person.id, ...mergedIds])
  if (!grantAllows(grant, purpose)) {
    await audit('denied', { reason: grant === 'refused' ? 'not-supported' : 'break-glass-is-read-only' })
    return { kind: 'refused', breakGlass: grant === 'break-glass' }
  }
  const breakGlassId = access.kind === 'supported' && grant === 'break-glass' ? access.breakGlass?.id : undefined
  await Promise.all([
    audit('success', breakGlassId ? { breakGlassId } : {}),
    grant === 'break-glass' ? noteBreakGlassRead(scope, access, person.id) : undefined,
  ])
  return { kind: 'found', record: await readPersonRecord(scope, person, mergedIds), grant, access }
}

/** The same read without auditing, for a form page that already audits what it shows (or a re-render). */
export async function readPersonRecord(
  scope: OrgScope,
  person: Person,
  mergedRecordIds?: string[],
): Promise<PersonRecord> {
  const mergedIds = mergedRecordIds ?? (await listMergedRecordIds(scope, person.id))
  const recordIds = [person.id, ...mergedIds]
  const [mergedRecords, flags, consents, referrals, merges] = await Promise.all([
    findPeople(scope, mergedIds),
    listFlagHistory(scope, recordIds),
    listConsentHistoryForPeople(scope, recordIds),
    listReferralsForService(scope, { personIds: recordIds }, { limit: PERSON_REFERRALS_LIMIT, offset: 0 }),
    listMergeHistory(scope, recordIds),
  ])
  const episodes = await repo.listEpisodesForReferrals(
    scope,
    referrals.rows.map((r) => r.id),
  )
  const byReferral = new Map(episodes.map((e) => [e.referralId, e]))
  const open = referrals.rows.filter((r) => !FINAL_STATUSES.includes(r.status))
  const conversations = await findCurrentConversations(
    scope,
    open.flatMap((r) => byReferral.get(r.id)?.id ?? []),
  )
  const needs = open.map((r): [string, Need[]] => {
    const episode = byReferral.get(r.id)
    return [r.id, needsInForce(r.needs, episode ? conversations.get(episode.id) : null)]
  })
  return {
    person,
    mergedRecords,
    recordIds,
    activeFlags: sortFlags(flags.filter((f) => !f.endedAt)),
    endedFlags: flags.filter((f) => f.endedAt).sort((a, b) => b.endedAt!.getTime() - a.endedAt!.getTime()),
    consents,
    referrals: referrals.rows,
    episodesByReferral: byReferral,
    needsByReferral: new Map(needs),
    merges,
  }
}

/**
 * Records held by the service that are probably the same person (same NHS number, or same name, date of
 * birth and postcode), as the records that hold them: never this person's own records, never merged ones.
 */
export async function listPossibleDuplicates(scope: OrgScope, record: PersonRecord): Promise<Person[]> {
  const likely = await findLikelyDuplicates(scope, record.person, record.person.id)
  const found = await findPeople(
    scope,
    likely.filter((id) => !record.recordIds.includes(id)),
  )
  const roots = [...new Set(found.map((p) => p.mergedIntoPersonId ?? p.id))].filter((id) => id !== record.person.id)
  const people = await findPeople(scope, roots)
  return people.filter((p) => !p.mergedIntoPersonId).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
}

/** Active flags for each person id (one query), for lists that show people. */
export async function activeFlagsFor(
  scope: OrgScope,
  personIds: readonly string[],
): Promise<Map<string, PersonFlag[]>> {
  return listActiveFlags(scope, personIds)
}

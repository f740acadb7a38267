// SPDX-License-Identifier: AGPL-3.0-or-later
// What the connections module gives casework and plans about an episode: who the person is connected to, what
// to follow up, the close form's "still going?" questions, the leaflet's groups and the person's email about a group.
import { appendAuditEvent } from '../../platform/audit/audit.service.ts'
import { inTransaction, type AnyScope, type OrgScope } from '../../platform/db/org-scope.ts'
import {
  type Case,
  type CaseloadFollowUp,
  type ChangeActor,
  type EpisodeConnection,
  type StillAttendingAnswer,
  type StillAttendingQuestion,
} from '../casework/index.ts'
import { buildSheet, listServiceStates } from '../directory/index.ts'
import { findAgreedPlan, type LeafletConnection } from '../plans/index.ts'
import { workingDaysBetween } from '../referrals/index.ts'
import {
  ACCOMPANIED_BY_FOR_PERSON,
  connectedToLines,
  statusTag,
  DEFAULT_FOLLOW_UP_RULES,
  isFinished,
  followUpFor,
  type Connection,
  type FollowUpRules,
} from './connection.ts'
import * as attendance from './attendance.repository.ts'
import * as repo from './connections.repository.ts'
import { personEmail } from './person-email.ts'
import { formatCheckInCode } from './link-token.ts'

/** "Connected to" for the message back: the episode's connections, or the agreed plan's services before any. */
export async function connectedToForEpisode(scope: AnyScope, episodeId: string): Promise<string[]> {
  const [list, plan] = await Promise.all([repo.listForEpisode(scope, episodeId), findAgreedPlan(scope, episodeId)])
  return connectedToLines(
    list,
    (plan?.services ?? []).map((s) => s.name),
  )
}

/**
 * What the link worker should follow up today across these episodes: groups that have not answered, people who
 * have stopped going, and groups that have closed since. Three queries whatever the caseload's size.
 */
export async function followUpsFor(
  scope: AnyScope,
  episodeIds: readonly string[],
  today: string,
  rules: FollowUpRules = DEFAULT_FOLLOW_UP_RULES,
): Promise<CaseloadFollowUp[]> {
  const open = await attendance.listOpenWithLastAttendance(scope, episodeIds)
  if (open.length === 0) return []
  const states = await listServiceStates(scope, [...new Set(open.map((c) => c.directoryServiceId))])
  return open.flatMap((c) => {
    const text = followUpFor(
      { ...c, serviceStatus: states.get(c.directoryServiceId)?.status },
      today,
      workingDaysBetween,
      rules,
    )
    return text ? [{ referralId: c.referralId, href: `/caseload/${c.referralId}/connections/${c.id}`, text }] : []
  })
}

/** The groups the close form asks "still going?" about: those the person started going to. */
export async function stillAttendingQuestions(scope: AnyScope, episodeId: string): Promise<StillAttendingQuestion[]> {
  return (await repo.listForEpisode(scope, episodeId))
    .filter((c) => c.status === 'started' || c.status === 'attended')
    .map((c) => ({ connectionId: c.id, serviceName: c.serviceName }))
}

/** Records the close form's answers on the connections (after support has ended), audited as one change. */
export async function recordStillAttending(
  scope: OrgScope,
  episodeId: string,
  answers: Record<string, StillAttendingAnswer>,
  actor: ChangeActor,
): Promise<void> {
  if (Object.keys(answers).length === 0) return
  await scope.db.transaction(async (tx) => {
    const changed = await repo.recordStillAttending(inTransaction(scope, tx), episodeId, answers)
    if (changed.length === 0) return
    await appendAuditEvent(tx, actor.audit, {
      action: 'connection.still-attending',
      recordType: 'episode',
      recordId: episodeId,
      details: Object.fromEntries(changed.map((id) => [id, answers[id]!])),
    })
  })
}

/** Whether the person can be offered the group's details by email: an address, and not a method they asked us to avoid. */
export function mayEmailPerson(found: Case): boolean {
  const p = found.referral.person
  return Boolean(p.email) && !p.contactMethodsToAvoid.includes('email')
}

/** The person's email about a group they were just connected to, with the group's details from the directory. */
export async function personEmailFor(
  scope: OrgScope,
  found: Case,
  connection: Connection,
  from: { linkWorkerName: string; serviceName: string },
): Promise<{ to: string; subject: string; text: string } | undefined> {
  const to = found.referral.person.email
  if (!to || !mayEmailPerson(found)) return undefined
  const [group] = await buildSheet(scope, [connection.directoryServiceId], null)
  return { to, ...personEmail(found.referral.person.givenName, connection, group, from) }
}

/** The groups the person is connected to and still going ahead with, for their plan leaflet. */
export async function leafletConnections(scope: AnyScope, episodeId: string): Promise<LeafletConnection[]> {
  return (await repo.listForEpisode(scope, episodeId))
    .filter((c) => !isFinished(c.status))
    .map((c) => ({
      directoryServiceId: c.directoryServiceId,
      serviceName: c.serviceName,
      firstSession: c.firstSessionNote || null,
      goingWithYou: ACCOMPANIED_BY_FOR_PERSON[c.accompaniedBy] || null,
      checkInCode: c.checkInCode ? formatCheckInCode(c.checkInCode) : null,
    }))
}

/** The episode's connections for its page: each group, how it is going, and what to follow up about it. */
export async function episodeConnections(
  scope: AnyScope,
  episodeId: string,
  today: string,
  rules: FollowUpRules = DEFAULT_FOLLOW_UP_RULES,
): Promise<EpisodeConnection[]> {
  const [list, followUps] = await Promise.all([
    repo.listForEpisode(scope, episodeId),
    followUpsFor(scope, [episodeId], today, rules),
  ])
  return list.map((c) => {
    const href = `/caseload/${c.referralId}/connections/${c.id}`
    return {
      href,
      serviceName: c.serviceName,
      status: statusTag(c),
      followUp: followUps.find((f) => f.href === href)?.text ?? null,
    }
  })
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// The connection's domain: what may be shared, who goes along, the status a connection moves through and who may
// move it. Pure, so the rules are unit-tested without a database.
import { isOneOf } from '../../shared/one-of.ts'
import type { StillAttendingAnswer } from '../casework/index.ts'

export const SHARING = ['contact', 'full', 'self-contact'] as const
export type Sharing = (typeof SHARING)[number]
export const SHARING_LABELS: Record<Sharing, string> = {
  contact: 'Their name and how to contact them',
  full: 'Their name, how to contact them, the goal, their needs and what matters to them',
  'self-contact': 'Nothing: they will contact the group themselves',
}

export const ACCOMPANIED_BY = ['nobody', 'link-worker', 'volunteer', 'peer'] as const
export type AccompaniedBy = (typeof ACCOMPANIED_BY)[number]
export const ACCOMPANIED_BY_LABELS: Record<AccompaniedBy, string> = {
  nobody: 'No, they will go on their own',
  'link-worker': 'Yes, their link worker',
  volunteer: 'Yes, a volunteer',
  peer: 'Yes, a peer supporter',
}

/** The same, as the group reads it on its page. */
export const ACCOMPANIED_BY_FOR_GROUP: Record<AccompaniedBy, string> = {
  nobody: '',
  'link-worker': 'Their link worker will come with them the first time.',
  volunteer: 'A volunteer will come with them the first time.',
  peer: 'A peer supporter will come with them the first time.',
}

/** The same, as the person reads it on their leaflet or in their email. */
export const ACCOMPANIED_BY_FOR_PERSON: Record<AccompaniedBy, string> = {
  nobody: '',
  'link-worker': 'I will come with you the first time.',
  volunteer: 'A volunteer will come with you the first time.',
  peer: 'A peer supporter will come with you the first time.',
}

export const CONNECTION_STATUSES = [
  'proposed',
  'sent',
  'accepted',
  'waiting-list',
  'declined',
  'started',
  'attended',
  'stopped',
] as const
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number]
export const CONNECTION_STATUS_LABELS: Record<ConnectionStatus, string> = {
  proposed: 'To contact the group themselves',
  sent: 'Sent, waiting for the group',
  accepted: 'Accepted by the group',
  'waiting-list': 'On the waiting list',
  declined: 'Declined',
  started: 'Started',
  attended: 'Attending',
  stopped: 'Stopped going',
}
/** The NHS.UK tag colour for each status. */
export const CONNECTION_STATUS_COLOURS: Record<ConnectionStatus, string> = {
  proposed: 'grey',
  sent: 'blue',
  accepted: 'green',
  'waiting-list': 'yellow',
  declined: 'red',
  started: 'aqua-green',
  attended: 'green',
  stopped: 'orange',
}

/** Why a group could not take someone. */
export const DECLINE_REASONS = [
  'full',
  'not-suitable',
  'not-running',
  'could-not-reach',
  'person-declined',
  'other',
] as const
export type DeclineReason = (typeof DECLINE_REASONS)[number]
export const DECLINE_REASON_LABELS: Record<DeclineReason, string> = {
  full: 'The group is full',
  'not-suitable': 'The group is not right for what they need',
  'not-running': 'The group is not running at the moment',
  'could-not-reach': 'We could not reach them',
  'person-declined': 'They decided not to come',
  other: 'Another reason',
}

/** Why someone stopped going: what the service learns about its community offer. */
export const STOP_REASONS = ['goal-met', 'not-for-them', 'access', 'cost', 'health', 'group-ended', 'other'] as const
export type StopReason = (typeof STOP_REASONS)[number]
export const STOP_REASON_LABELS: Record<StopReason, string> = {
  'goal-met': 'They got what they needed from it',
  'not-for-them': 'It was not for them',
  access: 'Getting there, or access once there',
  cost: 'The cost',
  health: 'Their health',
  'group-ended': 'The group ended or changed',
  other: 'Another reason',
}

/** What the group answers from its link. */
export const PROVIDER_ANSWERS = ['accepted', 'waiting-list', 'declined'] as const
export type ProviderAnswer = (typeof PROVIDER_ANSWERS)[number]
export const PROVIDER_ANSWER_LABELS: Record<ProviderAnswer, string> = {
  accepted: 'Yes, we can welcome them',
  'waiting-list': 'We have put them on our waiting list',
  declined: 'We cannot take them',
}

/** What the link worker records as the person's connection goes on. */
export const WORKER_UPDATES = ['accepted', 'waiting-list', 'declined', 'started', 'attended', 'stopped'] as const
export type WorkerUpdate = (typeof WORKER_UPDATES)[number]
export const WORKER_UPDATE_LABELS: Record<WorkerUpdate, string> = {
  accepted: 'The group has accepted them',
  'waiting-list': 'They are on the group’s waiting list',
  declined: 'The group could not take them, or they decided not to go',
  started: 'They have been to a first session',
  attended: 'They are going regularly',
  stopped: 'They have stopped going',
}

const FINISHED: readonly ConnectionStatus[] = ['declined', 'stopped']

/** A connection that is over: no more answers or updates change it. */
export function isFinished(status: ConnectionStatus): boolean {
  return FINISHED.includes(status)
}

/** The group may answer while the connection waits for it, or move someone on from its waiting list. */
export function providerMayAnswer(status: ConnectionStatus, answer: ProviderAnswer): boolean {
  if (status === 'sent') return true
  if (status === 'waiting-list') return answer !== 'waiting-list'
  return false
}

/** What the link worker may record next from each status: steps forward, or an ending. */
const WORKER_NEXT: Record<ConnectionStatus, readonly WorkerUpdate[]> = {
  proposed: ['accepted', 'waiting-list', 'declined', 'started', 'attended'],
  sent: ['accepted', 'waiting-list', 'declined', 'started'],
  'waiting-list': ['accepted', 'declined', 'started'],
  accepted: ['declined', 'started', 'attended'],
  started: ['attended', 'stopped'],
  attended: ['stopped'],
  declined: [],
  stopped: [],
}

/** The link worker may record a step forward, or an ending, while the connection is not over. */
export function workerMayRecord(status: ConnectionStatus, update: WorkerUpdate): boolean {
  return WORKER_NEXT[status].includes(update)
}

/** How many days a group's link works for. */
export const RESPONSE_LINK_DAYS = 30
/** How long the service looks back when it counts the people recently sent to a group. */
export const RECENT_DAYS = 30

export const NOTE_MAX = 1000

/** A connection as the pages and the service see it. */
export interface Connection {
  id: string
  episodeId: string
  referralId: string
  personId: string
  directoryServiceId: string
  serviceName: string
  goalKey: string | null
  goalText: string
  sharing: Sharing
  accompaniedBy: AccompaniedBy
  firstSessionNote: string
  status: ConnectionStatus
  statusReason: string | null
  statusNote: string
  statusChangedAt: Date
  shared: Record<string, string>
  providerEmail: string | null
  responseExpiresAt: Date | null
  respondedAt: Date | null
  /** When the group was reminded that it had not answered. */
  nudgedAt: Date | null
  /** The person's own code to check in at the group's register. */
  checkInCode: string | null
  /** Recorded when support ends. */
  stillAttending: StillAttendingAnswer | null
  createdByName: string
  createdAt: Date
  rowVersion: number
}

/** What the link worker decides when connecting someone. */
export interface NewConnection {
  submissionKey: string
  directoryServiceId: string
  goalKey: string | null
  sharing: Sharing
  accompaniedBy: AccompaniedBy
  firstSessionNote: string
}

/** A change of status, by the group or the link worker, with its reason where it needs one. */
export interface StatusChange {
  status: ConnectionStatus
  reason: string | null
  note: string
}

/** Where a connection stands, as the message back to the GP and referrer says it. */
export function connectedToLine(connection: Pick<Connection, 'serviceName' | 'status' | 'statusReason'>): string {
  const name = connection.serviceName
  switch (connection.status) {
    case 'proposed':
      return `${name}: given the details to get in touch themselves`
    case 'sent':
      return `${name}: referred, no answer yet`
    case 'accepted':
      return `${name}: accepted, not yet started`
    case 'waiting-list':
      return `${name}: on the waiting list`
    case 'declined':
      return `${name}: did not go ahead`
    case 'started':
      return `${name}: started going`
    case 'attended':
      return `${name}: going regularly`
    case 'stopped': {
      const reason = isOneOf(STOP_REASONS, connection.statusReason) ? connection.statusReason : 'other'
      return reason === 'goal-met' ? `${name}: went, and got what they needed from it` : `${name}: went, then stopped`
    }
  }
}

/**
 * "Connected to" for the message back, from the records: the groups the person started first, then the rest.
 * Without any connection, the services on the agreed plan, by name (as before connections were recorded).
 */
export function connectedToLines(
  list: readonly Pick<Connection, 'serviceName' | 'status' | 'statusReason'>[],
  planServiceNames: readonly string[],
): string[] {
  if (list.length === 0) return [...planServiceNames]
  const startedFirst = (c: Pick<Connection, 'status'>) =>
    ['started', 'attended', 'stopped'].includes(c.status) ? 0 : 1
  return [...list].sort((a, b) => startedFirst(a) - startedFirst(b)).map(connectedToLine)
}

/** How long a group's register link works for. */
export const REGISTER_LINK_DAYS = 180
/** When a silent group is reminded, when its silence is flagged, and when someone has dropped off (configurable). */
export interface FollowUpRules {
  /** Working days after sending before the group is emailed a reminder (once). */
  nudgeWorkingDays: number
  /** Working days after sending with no answer before the link worker is told. */
  unansweredWorkingDays: number
  /** Weeks without a session before someone going to a group has dropped off. */
  dropOffWeeks: number
}

export const DEFAULT_FOLLOW_UP_RULES: FollowUpRules = {
  nudgeWorkingDays: 5,
  unansweredWorkingDays: 10,
  dropOffWeeks: 4,
}

/** Directory statuses of a listing that can no longer take anyone. */
const CLOSED_SERVICE: Record<string, string> = {
  defunct: 'has closed',
  inactive: 'is no longer running',
  'temporarily closed': 'is temporarily closed',
}

/** What a link worker should follow up about a connection today, or null. */
export function followUpFor(
  connection: Pick<Connection, 'status' | 'serviceName' | 'createdAt' | 'statusChangedAt'> & {
    lastAttendedOn: string | null
    /** The listing's status in the directory now, when known. */
    serviceStatus?: string | undefined
  },
  today: string,
  workingDaysSince: (fromIso: string, toIso: string) => number,
  rules: FollowUpRules = DEFAULT_FOLLOW_UP_RULES,
): string | null {
  if (isFinished(connection.status) || connection.status === 'proposed') return null
  const closed = connection.serviceStatus ? CLOSED_SERVICE[connection.serviceStatus] : undefined
  if (closed) return `${connection.serviceName} ${closed}: talk to them about another group`
  const sentOn = connection.createdAt.toISOString().slice(0, 10)
  if (connection.status === 'sent' && workingDaysSince(sentOn, today) >= rules.unansweredWorkingDays)
    return `${connection.serviceName} has not answered in ${rules.unansweredWorkingDays} working days`
  if (connection.status === 'started' || connection.status === 'attended') {
    const since = connection.lastAttendedOn ?? connection.statusChangedAt.toISOString().slice(0, 10)
    const days = Math.floor((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${since}T00:00:00Z`)) / 86_400_000)
    if (days >= rules.dropOffWeeks * 7) return `Not been to ${connection.serviceName} for ${Math.floor(days / 7)} weeks`
  }
  return null
}

/** A connection's status as a tag on a page (the list, the episode, the group's account). */
export function statusTag(connection: Pick<Connection, 'status'>): { text: string; classes: string } {
  return {
    text: CONNECTION_STATUS_LABELS[connection.status],
    classes: `nhsuk-tag--${CONNECTION_STATUS_COLOURS[connection.status]}`,
  }
}

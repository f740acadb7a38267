// SPDX-License-Identifier: AGPL-3.0-or-later
// Connections as the link worker's and the group's pages show them: plain view models, no database.
import { formatCheckInCode } from '../link-token.ts'
import { choicesFrom } from '../../../platform/http/choices.ts'
import { errorListFor, type FieldErrors } from '../../../platform/http/forms.ts'
import type { StatusValues } from './connections.form.ts'
import {
  statusTag,
  ACCOMPANIED_BY_FOR_GROUP,
  ACCOMPANIED_BY_LABELS,
  PROVIDER_ANSWER_LABELS,
  PROVIDER_ANSWERS,
  providerMayAnswer,
  DECLINE_REASON_LABELS,
  SHARING_LABELS,
  STOP_REASON_LABELS,
  type Connection,
} from '../connection.ts'
import { isOneOf } from '../../../shared/one-of.ts'
import { DECLINE_REASONS, STOP_REASONS } from '../connection.ts'

const DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
})

export function formatDay(date: Date): string {
  return DATE.format(date)
}

export interface StatusTag {
  text: string
  classes: string
}

export { statusTag }

/** The reason beside a declined or stopped status, in words. */
export function reasonText(connection: Pick<Connection, 'status' | 'statusReason'>): string {
  const reason = connection.statusReason
  if (!reason) return ''
  if (connection.status === 'declined' && isOneOf(DECLINE_REASONS, reason)) return DECLINE_REASON_LABELS[reason]
  if (connection.status === 'stopped' && isOneOf(STOP_REASONS, reason)) return STOP_REASON_LABELS[reason]
  return ''
}

export interface ConnectionRow {
  href: string
  serviceName: string
  goal: string
  tag: StatusTag
  reason: string
  since: string
}

export function presentConnectionRows(referralId: string, list: readonly Connection[]): ConnectionRow[] {
  return list.map((c) => ({
    href: `/caseload/${referralId}/connections/${c.id}`,
    serviceName: c.serviceName,
    goal: c.goalText,
    tag: statusTag(c),
    reason: reasonText(c),
    since: formatDay(c.statusChangedAt),
  }))
}

const SHARED_LABELS: Record<string, string> = {
  name: 'Name',
  phone: 'Phone',
  email: 'Email',
  bestTimes: 'Best times to contact',
  goal: 'What they hope to get from it',
  needs: 'What they need support with',
  whatMatters: 'What matters to them',
}

/** What was shared with the group, in the order a group reads it. */
export function presentShared(shared: Record<string, string>): { key: { text: string }; value: { text: string } }[] {
  return Object.keys(SHARED_LABELS)
    .filter((key) => shared[key])
    .map((key) => ({ key: { text: SHARED_LABELS[key]! }, value: { text: shared[key]! } }))
}

/** The summary of one connection for the link worker. */
const STILL_GOING_AT_CLOSE: Record<NonNullable<Connection['stillAttending']>, string> = {
  yes: 'Yes',
  no: 'No',
  unknown: 'Not known',
}

export function presentConnection(connection: Connection): { key: { text: string }; value: { text: string } }[] {
  const rows: [string, string][] = [
    ['Service', connection.serviceName],
    ['Goal it serves', connection.goalText || 'Not linked to a goal'],
    ['Shared with the group', SHARING_LABELS[connection.sharing]],
    ['Going with them the first time', ACCOMPANIED_BY_LABELS[connection.accompaniedBy]],
    ['First session arrangements', connection.firstSessionNote || 'None recorded'],
    ['Connected', `${formatDay(connection.createdAt)} by ${connection.createdByName}`],
  ]
  if (connection.sharing !== 'self-contact')
    rows.push(['Sent to', connection.providerEmail ?? 'No email address in the directory'])
  if (connection.nudgedAt) rows.push(['Reminder sent to the group', formatDay(connection.nudgedAt)])
  if (connection.checkInCode) rows.push(['Their check-in code', formatCheckInCode(connection.checkInCode)])
  if (connection.stillAttending)
    rows.push(['Still going when support ended', STILL_GOING_AT_CLOSE[connection.stillAttending]])
  return rows.map(([key, value]) => ({ key: { text: key }, value: { text: value } }))
}

/** How busy a group is, in the words the link worker reads before sending someone else there. */
export function demandHint(sent: number, monthlyPlaces: number | null): string {
  const recently =
    sent === 0
      ? 'Nobody else from your service has been sent there in the last 30 days'
      : `${sent} ${sent === 1 ? 'person' : 'people'} from your service sent there in the last 30 days`
  if (monthlyPlaces === null) return recently
  const full = sent >= monthlyPlaces ? ' – it may be full: ask them before sending someone else' : ''
  const places = `${monthlyPlaces} new ${monthlyPlaces === 1 ? 'person' : 'people'}`
  return `${recently}. It can take ${places} a month${full}`
}

/** The group's answer page, from its emailed link or its account: what was shared, and the answer form. */
export function answerPageModel(
  connection: Connection,
  form: { action: string; values: Partial<StatusValues>; errors: FieldErrors },
) {
  const answers = PROVIDER_ANSWERS.filter((a) => providerMayAnswer(connection.status, a))
  return {
    action: form.action,
    serviceName: connection.serviceName,
    onWaitingList: connection.status === 'waiting-list',
    answered: answers.length === 0,
    statusTag: statusTag(connection),
    sharedRows: presentShared(connection.shared),
    accompanied: ACCOMPANIED_BY_FOR_GROUP[connection.accompaniedBy],
    firstSessionNote: connection.firstSessionNote,
    answerItems: choicesFrom(PROVIDER_ANSWER_LABELS, form.values.status ?? '', answers),
    declineItems: choicesFrom(DECLINE_REASON_LABELS, form.values.declineReason ?? ''),
    values: form.values,
    errors: form.errors,
    errorList: errorListFor(form.errors, { status: 'status', declineReason: 'declineReason' }),
  }
}

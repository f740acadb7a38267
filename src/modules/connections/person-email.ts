// SPDX-License-Identifier: AGPL-3.0-or-later
// The email a person gets about a group they are connected to, when they have an email address, have not asked us
// not to email, and agreed when connected: the group's details and the first-session arrangements. Nothing about
// their health or needs (email is not a safe place for it).
import type { SheetItem } from '../directory/index.ts'
import { ACCOMPANIED_BY_FOR_PERSON, type Connection } from './connection.ts'
import { formatCheckInCode } from './link-token.ts'

export function personEmail(
  givenName: string,
  connection: Pick<Connection, 'serviceName' | 'accompaniedBy' | 'firstSessionNote' | 'checkInCode' | 'sharing'>,
  group: SheetItem | undefined,
  from: { linkWorkerName: string; serviceName: string },
): { subject: string; text: string } {
  const lines: string[] = [`Hello ${givenName},`, '']
  lines.push(
    connection.sharing === 'self-contact'
      ? `As we talked about, here are the details of ${connection.serviceName}, so you can get in touch with them when you are ready.`
      : `As we talked about, I have let ${connection.serviceName} know you would like to come along. They should be in touch.`,
    '',
  )
  if (group?.active) {
    if (group.when.length > 0) lines.push(`When: ${group.when.join('; ')}`)
    if (group.next) lines.push(`Next session: ${group.next}`)
    if (group.where) lines.push(`Where: ${group.where}`)
    if (group.cost) lines.push(`Cost: ${group.cost}`)
    if (group.phones[0]) lines.push(`Phone: ${group.phones[0]}`)
    if (group.email) lines.push(`Email: ${group.email}`)
    if (group.url) lines.push(`Website: ${group.url}`)
    lines.push('')
  }
  if (connection.firstSessionNote) lines.push(`Your first session: ${connection.firstSessionNote}`, '')
  const going = ACCOMPANIED_BY_FOR_PERSON[connection.accompaniedBy]
  if (going) lines.push(going, '')
  if (connection.checkInCode)
    lines.push(
      `Your check-in code is ${formatCheckInCode(connection.checkInCode)}. If the group has a register on a tablet or ` +
        'phone, type it in when you arrive so I know you got there.',
      '',
    )
  lines.push(
    'If anything changes, or you would rather not go, just let me know.',
    '',
    from.linkWorkerName,
    `Link worker, ${from.serviceName}`,
  )
  return { subject: `Your visit to ${connection.serviceName}`, text: `${lines.join('\n')}\n` }
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// One connection: what was agreed and shared, where it stands, and the link worker's record of how it goes.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../../../../config.ts'
import type { EmailSender } from '../../../../platform/email/email.ts'
import { choicesFrom } from '../../../../platform/http/choices.ts'
import { formPage } from '../../../../platform/http/form-page.ts'
import { queryField } from '../../../../platform/http/forms.ts'
import { changeActorOf, openCase, referralIdOf } from '../../../casework/index.ts'
import {
  DECLINE_REASON_LABELS,
  isFinished,
  REGISTER_LINK_DAYS,
  RESPONSE_LINK_DAYS,
  STOP_REASON_LABELS,
  WORKER_UPDATE_LABELS,
  WORKER_UPDATES,
  workerMayRecord,
  type Connection,
} from '../../connection.ts'
import { listSessions, MAY_ATTEND } from '../../sessions.service.ts'
import { openConnectionCase, recordProgress, viewConnection } from '../../connections.service.ts'
import { createRegisterLink, renewResponseLink } from '../../group-links.service.ts'
import { parseProgressForm, readProgressForm } from '../connections.form.ts'
import { formatDay, presentConnection, presentShared, reasonText, statusTag } from '../connections.presenter.ts'
import { groupEmail, registerEmail } from '../../group-email.ts'

export type ConnectionParams = { Params: { referralId: string; connectionId: string } }

const FLASHES: Record<string, string> = {
  sent: 'The group has been emailed a link to see their details and answer. You will see their answer here.',
  'not-emailed':
    'The connection is recorded, but the group could not be emailed. Make a link below and give it to the group yourself.',
  'self-contact':
    'The connection is recorded. Nothing was sent to the group: give them a sheet with the group’s details so they can get in touch.',
  progress: 'Their progress has been recorded.',
  session: 'The session has been recorded.',
}

const PERSON_FLASHES: Record<string, string> = {
  emailed: 'They have been emailed the group’s details and their first-session arrangements.',
  'not-emailed': 'The email to them could not be sent: give them the details on paper (their plan leaflet has them).',
}

/** What the page says after connecting: what happened with the group, then with the person's own email. */
function flashFor(query: unknown): string | undefined {
  const parts = [FLASHES[queryField(query, 'saved', 20)], PERSON_FLASHES[queryField(query, 'person', 20)]]
  return parts.filter(Boolean).join(' ') || undefined
}

/** The case and one of its connections, the read audited: what the connection's pages stand on. */
export async function loadConnection(request: FastifyRequest<ConnectionParams>) {
  const scope = request.orgScope()
  const actor = changeActorOf(request)
  const found = await openCase(scope, referralIdOf(request), actor)
  const connection = await viewConnection(scope, found, request.params.connectionId, actor)
  return { found, connection }
}

const page = formPage({
  async load(request: FastifyRequest<ConnectionParams>) {
    const { found, connection } = await loadConnection(request)
    return { found, connection, sessions: await listSessions(request.orgScope(), connection) }
  },
  initial: ({ connection }) => ({ rowVersion: String(connection.rowVersion) }),
  view({ found, connection, sessions }, { values }, request) {
    const p = found.referral.person
    const updates = WORKER_UPDATES.filter((u) => workerMayRecord(connection.status, u))
    return {
      template: 'modules/connections/web/connection/connection.njk',
      model: {
        pageTitle: `${connection.serviceName}: connection for ${p.givenName} ${p.familyName}`,
        flash: flashFor(request.query),
        backLinkHref: `/caseload/${found.referral.id}/connections`,
        action: `/caseload/${found.referral.id}/connections/${connection.id}`,
        personName: `${p.givenName} ${p.familyName}`,
        serviceName: connection.serviceName,
        statusTag: statusTag(connection),
        reason: reasonText(connection),
        statusNote: connection.statusNote,
        summaryRows: presentConnection(connection),
        sharedRows: presentShared(connection.shared),
        selfContact: connection.sharing === 'self-contact',
        sheetHref: `/directory/signpost?service=${connection.directoryServiceId}`,
        mayRenewLink: connection.sharing !== 'self-contact' && connection.status === 'sent',
        mayMakeRegister:
          connection.sharing !== 'self-contact' && ['accepted', 'started', 'attended'].includes(connection.status),
        sessions: sessions.map((on) => formatDay(new Date(`${on}T12:00:00Z`))),
        finished: isFinished(connection.status),
        mayRecordSession: MAY_ATTEND.includes(connection.status),
        updateItems: choicesFrom(WORKER_UPDATE_LABELS, values.status ?? '', updates),
        declineAllowed: updates.includes('declined'),
        stopAllowed: updates.includes('stopped'),
        declineItems: choicesFrom(DECLINE_REASON_LABELS, values.declineReason ?? ''),
        stopItems: choicesFrom(STOP_REASON_LABELS, values.stopReason ?? ''),
      },
    }
  },
  fieldIds: { status: 'status', declineReason: 'declineReason', stopReason: 'stopReason' },
  read: readProgressForm,
  parse: parseProgressForm,
  async save(request, { change, rowVersion }) {
    const scope = request.orgScope()
    const actor = changeActorOf(request)
    const found = await openCase(scope, referralIdOf(request), actor)
    await recordProgress(scope, found, request.params.connectionId, rowVersion, change, actor)
    return `/caseload/${found.referral.id}/connections/${request.params.connectionId}?saved=progress`
  },
  conflict: {
    code: 'CONNECTIONS_CHANGED_BY_SOMEONE_ELSE',
    field: 'status',
    refresh: ({ connection }, values) => ({ ...values, rowVersion: String(connection.rowVersion) }),
  },
})

export const showConnection = page.show
export const submitProgress = page.submit

type LinkMaker = (
  request: FastifyRequest<ConnectionParams>,
) => Promise<{ connection: Connection; token: string; message: { subject: string; text: string }; path: string }>

/**
 * A link for the group, shown once (and emailed when email is set up and the listing has an address): a new
 * answer link while the group has not answered, or the group's register once someone is accepted or going.
 */
function linkPage(
  config: Config,
  email: EmailSender,
  page: { heading: string; purpose: string; days: number },
  make: LinkMaker,
) {
  return async (request: FastifyRequest<ConnectionParams>, reply: FastifyReply) => {
    const { connection, message, path } = await make(request)
    let emailed = false
    if (connection.providerEmail && email.kind !== 'log') {
      try {
        await email.send({ to: connection.providerEmail, ...message })
        emailed = true
      } catch (error) {
        request.log.warn({ err: error, connectionId: connection.id }, 'connection email not sent')
      }
    }
    const connectionHref = `/caseload/${connection.referralId}/connections/${connection.id}`
    return reply.page('modules/connections/web/connection/new-link.njk', {
      pageTitle: `${page.heading}: ${connection.serviceName}`,
      heading: `${page.heading} for ${connection.serviceName}`,
      purpose: page.purpose,
      backLinkHref: connectionHref,
      emailedTo: emailed ? connection.providerEmail : null,
      link: `${config.publicUrl.replace(/\/$/, '')}${path}`,
      days: page.days,
      connectionHref,
    })
  }
}

export function submitNewLink(config: Config, email: EmailSender) {
  return linkPage(
    config,
    email,
    {
      heading: 'A new link',
      purpose: 'The group uses it to see the details the person agreed to share, and to answer.',
      days: RESPONSE_LINK_DAYS,
    },
    async (request) => {
      const scope = request.orgScope()
      const actor = changeActorOf(request)
      const found = await openConnectionCase(scope, referralIdOf(request), actor)
      const { connection, token } = await renewResponseLink(scope, found, request.params.connectionId, actor)
      const message = groupEmail(config.publicUrl, token, connection.serviceName, request.actor!.organisation!.name)
      return { connection, token, message, path: `/connections/respond/${token}` }
    },
  )
}

export function submitRegisterLink(config: Config, email: EmailSender) {
  return linkPage(
    config,
    email,
    {
      heading: 'A register link',
      purpose:
        'After each session the group ticks who came, so you know they got there. It lists everyone your service has connected to the group who agreed to share their details.',
      days: REGISTER_LINK_DAYS,
    },
    async (request) => {
      const scope = request.orgScope()
      const actor = changeActorOf(request)
      const found = await openConnectionCase(scope, referralIdOf(request), actor)
      const { connection, token } = await createRegisterLink(scope, found, request.params.connectionId, actor)
      const message = registerEmail(config.publicUrl, token, connection.serviceName, request.actor!.organisation!.name)
      return { connection, token, message, path: `/connections/register/${token}` }
    },
  )
}

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
  RESPONSE_LINK_DAYS,
  STOP_REASON_LABELS,
  WORKER_UPDATE_LABELS,
  WORKER_UPDATES,
  workerMayRecord,
} from '../../connection.ts'
import { openConnectionCase, recordProgress, renewResponseLink, viewConnection } from '../../connections.service.ts'
import { parseProgressForm, readProgressForm } from '../connections.form.ts'
import { presentConnection, presentShared, reasonText, statusTag } from '../connections.presenter.ts'
import { groupEmail } from '../new/group-email.ts'

type ConnectionParams = { Params: { referralId: string; connectionId: string } }

const FLASHES: Record<string, string> = {
  sent: 'The group has been emailed a link to see their details and answer. You will see their answer here.',
  'not-emailed':
    'The connection is recorded, but the group could not be emailed. Make a link below and give it to the group yourself.',
  'self-contact':
    'The connection is recorded. Nothing was sent to the group: give them a sheet with the group’s details so they can get in touch.',
  progress: 'Their progress has been recorded.',
}

const page = formPage({
  async load(request: FastifyRequest<ConnectionParams>) {
    const scope = request.orgScope()
    const actor = changeActorOf(request)
    const found = await openCase(scope, referralIdOf(request), actor)
    const connection = await viewConnection(scope, found, request.params.connectionId, actor)
    return { found, connection }
  },
  initial: ({ connection }) => ({ rowVersion: String(connection.rowVersion) }),
  view({ found, connection }, { values }, request) {
    const p = found.referral.person
    const updates = WORKER_UPDATES.filter((u) => workerMayRecord(connection.status, u))
    return {
      template: 'modules/connections/web/connection/connection.njk',
      model: {
        pageTitle: `${connection.serviceName}: connection for ${p.givenName} ${p.familyName}`,
        flash: FLASHES[queryField(request.query, 'saved', 20)],
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
        finished: isFinished(connection.status),
        updateItems: choicesFrom(WORKER_UPDATE_LABELS, values.status ?? '', updates),
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

/** A new link for the group, shown once (and emailed when email is set up and the listing has an address). */
export function submitNewLink(config: Config, email: EmailSender) {
  return async (request: FastifyRequest<ConnectionParams>, reply: FastifyReply) => {
    const scope = request.orgScope()
    const actor = changeActorOf(request)
    const found = await openConnectionCase(scope, referralIdOf(request), actor)
    const { connection, token } = await renewResponseLink(scope, found, request.params.connectionId, actor)
    const message = groupEmail(config.publicUrl, token, connection.serviceName, request.actor!.organisation!.name)
    let emailed = false
    if (connection.providerEmail && email.kind !== 'log') {
      try {
        await email.send({ to: connection.providerEmail, ...message })
        emailed = true
      } catch (error) {
        request.log.warn({ err: error, connectionId: connection.id }, 'connection email not sent')
      }
    }
    return reply.page('modules/connections/web/connection/new-link.njk', {
      pageTitle: `A new link for ${connection.serviceName}`,
      backLinkHref: `/caseload/${found.referral.id}/connections/${connection.id}`,
      serviceName: connection.serviceName,
      emailedTo: emailed ? connection.providerEmail : null,
      link: `${config.publicUrl.replace(/\/$/, '')}/connections/respond/${token}`,
      days: RESPONSE_LINK_DAYS,
      connectionHref: `/caseload/${found.referral.id}/connections/${connection.id}`,
    })
  }
}

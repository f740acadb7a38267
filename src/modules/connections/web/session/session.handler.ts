// SPDX-License-Identifier: AGPL-3.0-or-later
// The link worker records a session the person went to (they said so, or the link worker went with them): dated,
// once per day, as the group's register and the person's check-in are.
import type { FastifyRequest } from 'fastify'
import { dateParts } from '../../../../platform/http/choices.ts'
import { formPage } from '../../../../platform/http/form-page.ts'
import { textField, type FieldErrors, type FormResult } from '../../../../platform/http/forms.ts'
import { changeActorOf, londonToday, openCase, referralIdOf } from '../../../casework/index.ts'
import { MAY_ATTEND, recordSessionByWorker } from '../../sessions.service.ts'
import { loadConnection, type ConnectionParams } from '../connection/connection.handler.ts'
import { parseSessionDate } from '../register/register.form.ts'

interface SessionValues {
  day: string
  month: string
  year: string
}

function readSessionForm(body: unknown): SessionValues {
  return { day: textField(body, 'day', 2), month: textField(body, 'month', 2), year: textField(body, 'year', 4) }
}

function parseSessionForm(values: SessionValues): FormResult<string> {
  const errors: FieldErrors = {}
  const attendedOn = parseSessionDate(values, londonToday(), errors)
  return attendedOn ? { ok: true, value: attendedOn } : { ok: false, errors }
}

const page = formPage({
  load: (request: FastifyRequest<ConnectionParams>) => loadConnection(request),
  // Someone waiting, declined or stopped is not recorded as going: back to the connection.
  redirectFrom: ({ found, connection }) =>
    MAY_ATTEND.includes(connection.status) ? undefined : `/caseload/${found.referral.id}/connections/${connection.id}`,
  initial: () => dateParts(londonToday()),
  view: ({ found, connection }) => {
    const p = found.referral.person
    const connectionHref = `/caseload/${found.referral.id}/connections/${connection.id}`
    return {
      template: 'modules/connections/web/session/session.njk',
      model: {
        pageTitle: `Record a session at ${connection.serviceName} for ${p.givenName} ${p.familyName}`,
        backLinkHref: connectionHref,
        action: `${connectionHref}/session`,
        personName: `${p.givenName} ${p.familyName}`,
        serviceName: connection.serviceName,
      },
    }
  },
  fieldIds: { attendedOn: 'attendedDay' },
  read: readSessionForm,
  parse: parseSessionForm,
  async save(request, attendedOn) {
    const scope = request.orgScope()
    const actor = changeActorOf(request)
    const found = await openCase(scope, referralIdOf(request), actor)
    const connection = await recordSessionByWorker(scope, found, request.params.connectionId, attendedOn, actor)
    return `/caseload/${found.referral.id}/connections/${connection.id}?saved=session`
  },
})

export const showRecordSession = page.show
export const submitRecordSession = page.submit

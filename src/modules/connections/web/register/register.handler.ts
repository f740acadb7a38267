// SPDX-License-Identifier: AGPL-3.0-or-later
// The group's register: no account, the link is the credential. It lists, by name only, the people the service
// connected there who agreed to share and are accepted or going; the group ticks who came on a day.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Database } from '../../../../platform/db/database.ts'
import { dateParts } from '../../../../platform/http/choices.ts'
import { errorListFor, queryField, textField, type FieldErrors } from '../../../../platform/http/forms.ts'
import { londonToday } from '../../../casework/index.ts'
import { ConnectionsError } from '../../connections.errors.ts'
import { readRegister, recordCheckIn, recordRegister, type OpenedRegister } from '../../group-links.service.ts'
import { formatDay } from '../connections.presenter.ts'
import { parseRegisterForm, readRegisterForm, type RegisterValues } from './register.form.ts'

type TokenParams = { Params: { token: string } }

function linkEnded(reply: FastifyReply): FastifyReply {
  return reply.page(
    'platform/views/confirmation.njk',
    {
      pageTitle: 'This register link has expired',
      panelTitle: 'This register link has expired or is not valid',
      paragraphs: [
        'Register links work for 180 days, and a newer link replaces an older one. Ask the link worker who sent it for a new one.',
      ],
    },
    404,
  )
}

function render(
  reply: FastifyReply,
  token: string,
  opened: OpenedRegister,
  values: RegisterValues,
  errors: FieldErrors,
  flash: string | undefined,
  status = 200,
  checkIn: { code: string; error: string | null } = { code: '', error: null },
): FastifyReply {
  const errorList = errorListFor(errors, { attendedOn: 'attendedDay', people: 'people' })
  if (checkIn.error) errorList.push({ text: checkIn.error, href: '#checkInCode' })
  return reply.page(
    'modules/connections/web/register/register.njk',
    {
      pageTitle: `Register for ${opened.serviceName}`,
      flash,
      token,
      serviceName: opened.serviceName,
      peopleItems: opened.people.map((p) => ({
        value: p.connectionId,
        text: p.name,
        checked: values.people.includes(p.connectionId),
      })),
      values,
      errors,
      errorList,
      checkIn,
    },
    status,
  )
}

export function showRegister(db: Database) {
  return async (request: FastifyRequest<TokenParams>, reply: FastifyReply) => {
    try {
      const opened = await readRegister(db, request.params.token, request.auditActor())
      const recorded = queryField(request.query, 'recorded', 4)
      const on = queryField(request.query, 'on', 10)
      const flash =
        /^\d{1,3}$/.test(recorded) && /^\d{4}-\d{2}-\d{2}$/.test(on)
          ? `${recorded === '1' ? '1 person' : `${recorded} people`} recorded for ${formatDay(new Date(`${on}T12:00:00Z`))}.`
          : undefined
      return render(reply, request.params.token, opened, { ...dateParts(londonToday()), people: [] }, {}, flash)
    } catch (error) {
      if (error instanceof ConnectionsError) return linkEnded(reply)
      throw error
    }
  }
}

export function submitRegister(db: Database) {
  return async (request: FastifyRequest<TokenParams>, reply: FastifyReply) => {
    const { token } = request.params
    try {
      const values = readRegisterForm(request.body)
      const parsed = parseRegisterForm(values, londonToday())
      if (!parsed.ok) {
        const opened = await readRegister(db, token, request.auditActor())
        return render(reply, token, opened, values, parsed.errors, undefined, 400)
      }
      const { recorded } = await recordRegister(
        db,
        token,
        parsed.value.attendedOn,
        parsed.value.people,
        request.auditActor(),
      )
      return reply.redirect(`/connections/register/${token}?recorded=${recorded}&on=${parsed.value.attendedOn}`, 303)
    } catch (error) {
      // Someone ticked who is no longer on the register (taken off since the page was shown): show it as it is now.
      if (error instanceof ConnectionsError && error.code === 'CONNECTIONS_NOT_ALLOWED_NOW') {
        const opened = await readRegister(db, token, request.auditActor())
        const values = readRegisterForm(request.body)
        return render(
          reply,
          token,
          opened,
          values,
          { people: 'Tick the people who came from the list' },
          undefined,
          400,
        )
      }
      if (error instanceof ConnectionsError) return linkEnded(reply)
      throw error
    }
  }
}

/** A person checks in with their own code on the group's device: a page that says they are, or what went wrong. */
export function submitCheckIn(db: Database) {
  return async (request: FastifyRequest<TokenParams>, reply: FastifyReply) => {
    const { token } = request.params
    const typed = textField(request.body, 'checkInCode', 20)
    try {
      const error = typed.trim() ? null : 'Enter your check-in code'
      const result = error ? null : await recordCheckIn(db, token, typed, request.auditActor())
      if (!result || result.outcome === 'unknown-code') {
        const opened = await readRegister(db, token, request.auditActor())
        const message =
          error ??
          'We could not find that code for this group. Check it on your leaflet, or ask the group to tick you on the register'
        return render(reply, token, opened, { ...dateParts(londonToday()), people: [] }, {}, undefined, 400, {
          code: typed,
          error: message,
        })
      }
      const hello = result.firstName ? `Thank you, ${result.firstName}. ` : 'Thank you. '
      return reply.page('platform/views/confirmation.njk', {
        pageTitle: 'You are checked in',
        panelTitle: result.outcome === 'already' ? 'You were already checked in today' : 'You are checked in',
        paragraphs: [
          `${hello}Your link worker will see that you came to ${result.serviceName} today. Enjoy the session.`,
        ],
        nextHref: `/connections/register/${token}`,
        nextText: 'Back to the register',
      })
    } catch (error) {
      if (error instanceof ConnectionsError) return linkEnded(reply)
      throw error
    }
  }
}

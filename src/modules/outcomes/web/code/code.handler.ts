// SPDX-License-Identifier: AGPL-3.0-or-later
// The person types the short code from the letter their link worker printed (`/q`), and is taken to their
// questionnaires. Public and rate-limited: a wrong or expired code says so and keeps what was typed.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Database } from '../../../../platform/db/database.ts'
import { errorListFor, textField, type FieldErrors } from '../../../../platform/http/forms.ts'
import { normaliseShortCode } from '../../../../platform/security/secrets.ts'
import { findShortCode } from '../../invitations.service.ts'

const TEMPLATE = 'modules/outcomes/web/code/code.njk'

function render(reply: FastifyReply, code: string, errors: FieldErrors, status = 200) {
  return reply.page(
    TEMPLATE,
    { pageTitle: 'Enter the code from your letter', values: { code }, errors, errorList: errorListFor(errors) },
    status,
  )
}

export async function showCode(_request: FastifyRequest, reply: FastifyReply) {
  return render(reply, '', {})
}

export function submitCode(db: Database) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const typed = textField(request.body, 'code', 30)
    const code = normaliseShortCode(typed)
    if (!typed) return render(reply, typed, { code: 'Enter the code from your letter' }, 400)
    if (!code)
      return render(
        reply,
        typed,
        { code: 'The code is 10 letters and numbers, like K7PM3-QXD2A: check it and try again' },
        400,
      )
    if (!(await findShortCode(db, code)))
      return render(
        reply,
        typed,
        { code: 'That code is not right, or it has expired. Check it, or ask your link worker for a new one' },
        400,
      )
    return reply.redirect(`/questionnaires/${code}`, 303)
  }
}

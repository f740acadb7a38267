// SPDX-License-Identifier: AGPL-3.0-or-later
// Break-glass (ADR 0024): a link worker gives a reason and may then read anyone's record in the service for a
// short time. The window, its reason and every record opened in it are the supervisor's to review.
import { randomUUID } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { formPage } from '../../../../../platform/http/form-page.ts'
import { queryField, textField } from '../../../../../platform/http/forms.ts'
import { endBreakGlassNow, openBreakGlass, personAccessFor } from '../../../person-access.service.ts'
import {
  BREAK_GLASS_MINUTES,
  BREAK_GLASS_REASON_MAX,
  parseBreakGlass,
  safeThen,
  type BreakGlassValues,
} from '../../../person-access.ts'
import { viewerOf } from '../shared.ts'

const page = formPage({
  async load(request: FastifyRequest) {
    const access = await personAccessFor(request.orgScope(), viewerOf(request))
    const then = safeThen(queryField(request.query, 'then', 60))
    return { open: access.kind === 'service' || access.breakGlass !== null, then }
  },
  // A supervisor sees everyone already; a link worker with a window open goes straight on.
  redirectFrom: (context) => (context.open ? context.then : undefined),
  initial: (context) => ({ submissionKey: randomUUID(), then: context.then }),
  view(context, { values }) {
    return {
      template: 'modules/casework/web/person/break-glass/break-glass.njk',
      model: {
        pageTitle: 'Use break-glass access',
        backLinkHref: '/people',
        cancelHref: safeThen(values.then ?? context.then),
        minutes: BREAK_GLASS_MINUTES,
        reasonMax: BREAK_GLASS_REASON_MAX,
      },
    }
  },
  read(body: unknown): BreakGlassValues {
    return {
      reason: textField(body, 'reason', BREAK_GLASS_REASON_MAX + 1),
      then: textField(body, 'then', 60),
      submissionKey: textField(body, 'submissionKey', 64),
    }
  },
  parse: parseBreakGlass,
  async save(request, input) {
    await openBreakGlass(request.orgScope(), viewerOf(request), input)
    return input.then
  },
})

export const showBreakGlass = page.show
export const submitBreakGlass = page.submit

export async function submitEndBreakGlass(request: FastifyRequest, reply: FastifyReply) {
  await endBreakGlassNow(request.orgScope(), viewerOf(request))
  return reply.redirect('/people?ended=break-glass', 303)
}

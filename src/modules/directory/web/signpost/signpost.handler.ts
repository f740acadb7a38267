// SPDX-License-Identifier: AGPL-3.0-or-later
import { randomUUID } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../../../../config.ts'
import type { EmailSender } from '../../../../platform/email/email.ts'
import { NotFoundError, UnauthenticatedError } from '../../../../platform/http/errors.ts'
import { errorListFor, queryField, type FieldErrors } from '../../../../platform/http/forms.ts'
import { NEEDS_TAXONOMY, labelFor } from '../../taxonomies.ts'
import { formatDate } from '../../schedules.ts'
import { feedbackSignature, findSignpostingRecord, recordSignposting } from '../../signposting.service.ts'
import { buildSheet, sheetAsPdf, sheetAsText } from '../../sheet.ts'

import { parseSignpost, readServiceIds, type SignpostValues } from './signpost.form.ts'

const FORM_TEMPLATE = 'modules/directory/web/signpost/signpost.njk'
const SHEET_TEMPLATE = 'modules/directory/web/signpost/sheet.njk'

const SHEET_TITLE = 'Things you could try'
const SHEET_INTRO =
  'Your link worker suggested these groups and services. They are free to contact. If something is not right for you, that is fine: talk to your link worker about other ideas.'

function feedbackUrls(config: Config, areaId: string) {
  return (serviceId: string): string =>
    `${config.publicUrl}/directory/feedback/${areaId}/${serviceId}/${feedbackSignature(config.sessionSecret, areaId, serviceId)}`
}

async function renderForm(
  request: FastifyRequest,
  reply: FastifyReply,
  values: SignpostValues,
  errors: FieldErrors,
  email: EmailSender,
  status = 200,
): Promise<FastifyReply> {
  const items = await buildSheet(request.orgScope(), values.services, null)
  return reply.page(
    FORM_TEMPLATE,
    {
      pageTitle: 'Make a signposting sheet',
      backLinkHref: '/directory',
      values,
      errors,
      errorList: errorListFor(errors, { services: 'services', needs: 'needs' }),
      serviceItems: items.map((item) => ({
        value: item.id,
        text: item.name,
        hint: { text: [item.when[0], item.where].filter(Boolean).join(' – ') || item.organizationName },
        checked: values.services.includes(item.id),
      })),
      needItems: NEEDS_TAXONOMY.terms.map((t) => ({
        value: t.code,
        text: t.name,
        checked: values.needs.includes(t.code),
      })),
      emailConfigured: email.kind !== 'log',
    },
    status,
  )
}

export function showSignpost(email: EmailSender) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const values: SignpostValues = {
      services: readServiceIds(request.query),
      personLabel: '',
      needs: [],
      note: '',
      email: '',
      // A new key for each form shown: submitting the same form twice records once.
      idempotencyKey: randomUUID(),
    }
    return renderForm(request, reply, values, {}, email)
  }
}

export function submitSignpost(config: Config, email: EmailSender) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const actor = request.actor
    if (!actor?.organisation) throw new UnauthenticatedError()
    const scope = request.orgScope()
    const form = parseSignpost(request.body)
    if (!form.ok) return renderForm(request, reply, form.values, form.errors, email, 400)
    const items = await buildSheet(scope, form.values.services, feedbackUrls(config, scope.areaId))
    if (items.length !== form.values.services.length)
      return renderForm(
        request,
        reply,
        form.values,
        { services: 'One of the services is no longer in the directory' },
        email,
        400,
      )
    const canEmail = Boolean(form.values.email) && email.kind !== 'log'
    const result = await recordSignposting(
      scope,
      actor.userId,
      {
        personLabel: form.values.personLabel || null,
        needs: form.values.needs,
        serviceIds: form.values.services,
        note: form.values.note || null,
        emailed: canEmail,
        idempotencyKey: form.values.idempotencyKey,
      },
      request.auditActor(),
    )
    // Only the first submission sends the email; the address itself is never stored.
    if (canEmail && result.created) {
      await email.send({
        to: form.values.email,
        subject: `${SHEET_TITLE}, from ${actor.organisation.name}`,
        text: sheetAsText(items, SHEET_INTRO),
      })
    }
    const outcome = !form.values.email ? 'recorded' : canEmail ? 'emailed' : 'not-emailed'
    return reply.redirect(`/directory/signpostings/${result.id}?outcome=${outcome}`, 303)
  }
}

async function loadSheet(request: FastifyRequest<{ Params: { id: string } }>, config: Config) {
  const scope = request.orgScope()
  const signposting = await findSignpostingRecord(scope, request.params.id)
  if (!signposting) throw new NotFoundError('signposting')
  await request.audit({
    action: 'directory.signposting.view',
    recordType: 'directory-signposting',
    recordId: signposting.id,
  })
  const items = await buildSheet(scope, signposting.serviceIds, feedbackUrls(config, scope.areaId))
  return { signposting, items }
}

const OUTCOMES: Record<string, string> = {
  recorded: 'Signposting recorded. Print the sheet or download it as a PDF to give to them.',
  emailed: 'Signposting recorded and the sheet has been emailed to them.',
  'not-emailed':
    'Signposting recorded, but email is not set up on this server so the sheet was not emailed. Print it or download the PDF instead.',
}

export function showSheet(config: Config) {
  return async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
    const { signposting, items } = await loadSheet(request, config)
    return reply.page(SHEET_TEMPLATE, {
      pageTitle: SHEET_TITLE,
      flash: OUTCOMES[queryField(request.query, 'outcome', 20)],
      intro: SHEET_INTRO,
      items,
      id: signposting.id,
      personLabel: signposting.personLabel,
      needs: signposting.needs.map((n) => labelFor(NEEDS_TAXONOMY, n)).join(', '),
      date: formatDate(signposting.createdAt.toISOString().slice(0, 10), true),
    })
  }
}

export function downloadSheet(config: Config) {
  return async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
    const { items } = await loadSheet(request, config)
    const pdf = await sheetAsPdf(items, SHEET_TITLE, SHEET_INTRO)
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', 'attachment; filename="things-you-could-try.pdf"')
      .header('cache-control', 'no-store')
      .send(pdf)
  }
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import { randomUUID } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { errorListFor, textField, type FieldErrors } from '../../../../platform/http/forms.ts'
import type { TextSender } from '../../../../platform/notify/notify.ts'
import type { Booking } from '../../bookings.ts'
import { listUpcomingBookings } from '../../bookings.service.ts'
import { openCase, type Case } from '../../casework.service.ts'
import { ukMobileOf } from '../../../../shared/uk-mobile.ts'
import { OWN_MESSAGE_MAX, ownText, reminderText, signature } from '../../texts.ts'
import { sendText, whyNoText } from '../../texts.service.ts'
import { changeActorOf, referralIdOf, type CaseParams } from '../shared.ts'

interface TextFormValues {
  submissionKey: string
  template: string
  message: string
}

function readTextForm(body: unknown): TextFormValues {
  return {
    submissionKey: textField(body, 'submissionKey', 64),
    template: textField(body, 'template', 60),
    message: textField(body, 'message', 2000),
  }
}

interface Composed {
  text: string
  template: 'reminder' | 'own'
}

function compose(
  values: TextFormValues,
  bookings: Booking[],
  words: { givenName: string; worker: string; service: string },
): { ok: true; value: Composed } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {}
  if (!/^[A-Za-z0-9-]{16,64}$/.test(values.submissionKey))
    errors['template'] = 'This form has expired. Reload the page and try again'
  else if (values.template === 'own') {
    if (!values.message.trim()) errors['message'] = 'Enter your message'
    else if (values.message.length > OWN_MESSAGE_MAX)
      errors['message'] = `Your message must be ${OWN_MESSAGE_MAX} characters or fewer`
    else return { ok: true, value: { text: ownText(values.message, words.worker, words.service), template: 'own' } }
  } else {
    const booking = bookings.find((b) => `reminder:${b.id}` === values.template)
    if (booking)
      return {
        ok: true,
        value: { text: reminderText(booking, words.givenName, words.worker, words.service), template: 'reminder' },
      }
    errors['template'] = 'Select the message to send'
  }
  return { ok: false, errors }
}

function wordsFor(request: FastifyRequest, found: Case) {
  return {
    givenName: found.referral.person.givenName,
    worker: request.actor!.displayName,
    service: found.referral.organisationName,
  }
}

async function render(
  request: FastifyRequest,
  reply: FastifyReply,
  found: Case,
  texts: TextSender,
  values: Partial<TextFormValues>,
  errors: FieldErrors,
  status = 200,
  upcoming?: Booking[],
) {
  const p = found.referral.person
  const refused = whyNoText(found, texts)
  const bookings = refused ? [] : (upcoming ?? (await listUpcomingBookings(request.orgScope(), found.episode.id)))
  const words = wordsFor(request, found)
  return reply.page(
    'modules/casework/web/text/text.njk',
    {
      pageTitle: `Send a text message to ${p.givenName} ${p.familyName}`,
      backLinkHref: `/caseload/${found.referral.id}`,
      referralId: found.referral.id,
      personName: `${p.givenName} ${p.familyName}`,
      refused,
      mobile: ukMobileOf(p.phone),
      values,
      errors,
      errorList: errorListFor(errors, { template: 'template' }),
      maxLength: OWN_MESSAGE_MAX,
      signature: signature(words.worker, words.service),
      templateItems: [
        ...bookings.map((b) => ({
          value: `reminder:${b.id}`,
          text: 'Reminder of a booked contact',
          hint: { text: reminderText(b, words.givenName, words.worker, words.service) },
          checked: values.template === `reminder:${b.id}`,
        })),
      ],
    },
    status,
  )
}

export function showSendText(texts: TextSender) {
  return async (request: FastifyRequest<CaseParams>, reply: FastifyReply) => {
    const found = await openCase(request.orgScope(), referralIdOf(request), changeActorOf(request))
    return render(request, reply, found, texts, { submissionKey: randomUUID() }, {})
  }
}

export function submitSendText(texts: TextSender) {
  return async (request: FastifyRequest<CaseParams>, reply: FastifyReply) => {
    const referralId = referralIdOf(request)
    const scope = request.orgScope()
    const actor = changeActorOf(request)
    const found = await openCase(scope, referralId, actor)
    const values = readTextForm(request.body)
    if (whyNoText(found, texts)) return render(request, reply, found, texts, values, {}, 409)
    const upcoming = await listUpcomingBookings(scope, found.episode.id)
    const composed = compose(values, upcoming, wordsFor(request, found))
    if (!composed.ok) return render(request, reply, found, texts, values, composed.errors, 400, upcoming)
    try {
      await sendText(
        scope,
        found,
        { submissionKey: values.submissionKey, message: composed.value.text, template: composed.value.template },
        actor,
        texts,
      )
    } catch (error) {
      request.log.warn({ err: error }, 'text message not sent')
      const errors = {
        template: 'The text message could not be sent. Nothing was recorded. Try again in a few minutes',
      }
      return render(request, reply, found, texts, values, errors, 502, upcoming)
    }
    return reply.redirect(`/caseload/${referralId}?saved=text`, 303)
  }
}

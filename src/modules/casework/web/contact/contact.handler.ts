// SPDX-License-Identifier: AGPL-3.0-or-later
import { randomUUID } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { errorListFor, type FieldErrors } from '../../../../platform/http/forms.ts'
import { CONTACT_TYPE_LABELS, londonToday } from '../../casework.ts'
import { CaseworkError } from '../../casework.errors.ts'
import { openCase, recordContact, type Case } from '../../casework.service.ts'
import { changeActorOf, choicesFrom, referralIdOf, yesNo, type CaseParams } from '../shared.ts'
import { parseContactForm, readContactForm, type ContactFormValues } from './contact.form.ts'

const FIELD_IDS: Record<string, string> = {
  type: 'type',
  day: 'contactDate-day',
  nextDay: 'nextDate-day',
  someoneKnows: 'someoneKnows',
  knownRisks: 'knownRisks',
  checkIn: 'checkIn',
}

function render(
  request: FastifyRequest<CaseParams>,
  reply: FastifyReply,
  found: Case,
  values: Partial<ContactFormValues>,
  errors: FieldErrors,
  status = 200,
) {
  const p = found.referral.person
  return reply.page(
    'modules/casework/web/contact/contact.njk',
    {
      pageTitle: `Record a contact with ${p.givenName} ${p.familyName}`,
      backLinkHref: `/caseload/${found.referral.id}`,
      referralId: found.referral.id,
      personName: `${p.givenName} ${p.familyName}`,
      risks: found.referral.risks,
      values,
      errors,
      errorList: errorListFor(errors, FIELD_IDS),
      typeItems: choicesFrom(CONTACT_TYPE_LABELS, values.type ?? ''),
      someoneKnowsItems: yesNo(values.someoneKnows ?? ''),
      knownRisksItems: yesNo(values.knownRisks ?? ''),
      checkInItems: yesNo(values.checkIn ?? ''),
    },
    status,
  )
}

export async function showRecordContact(request: FastifyRequest<CaseParams>, reply: FastifyReply) {
  const found = await openCase(request.orgScope(), referralIdOf(request), changeActorOf(request))
  if (found.referral.status === 'on-hold') throw new CaseworkError('CASEWORK_PAUSED')
  const [year, month, day] = londonToday().split('-')
  return render(request, reply, found, { submissionKey: randomUUID(), day, month, year }, {})
}

export async function submitRecordContact(request: FastifyRequest<CaseParams>, reply: FastifyReply) {
  const referralId = referralIdOf(request)
  const scope = request.orgScope()
  const actor = changeActorOf(request)
  const values = readContactForm(request.body)
  const parsed = parseContactForm(values, londonToday())
  if (!parsed.ok) return render(request, reply, await openCase(scope, referralId, actor), values, parsed.errors, 400)
  await recordContact(scope, referralId, parsed.value, actor)
  return reply.redirect(`/caseload/${referralId}?saved=contact`, 303)
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import { yesNo as yesNoItems } from '../../../../../platform/http/choices.ts'
import { randomUUID } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { errorListFor, type FieldErrors } from '../../../../../platform/http/forms.ts'
import {
  CONSENT_METHOD_LABELS,
  CONSENT_METHODS,
  CONSENT_SCOPE_LABELS,
  CONSENT_SCOPES,
  recordConsentDecision,
  type Person,
} from '../../../../people/index.ts'
import { loadRecordOrRedirect, nameOf, peopleActorOf, type PersonParams } from '../shared.ts'
import { parseConsentForm, readConsentForm, type ConsentFormValues } from './consent.form.ts'

const FIELD_IDS = { scope: 'scope', given: 'given', method: 'method' }

function render(reply: FastifyReply, person: Person, values: ConsentFormValues, errors: FieldErrors, status = 200) {
  return reply.page(
    'modules/casework/web/person/consent/consent.njk',
    {
      pageTitle: `Record a consent decision for ${nameOf(person)}`,
      backLinkHref: `/people/${person.id}`,
      personId: person.id,
      personName: nameOf(person),
      values,
      errors,
      errorList: errorListFor(errors, FIELD_IDS),
      scopeItems: CONSENT_SCOPES.map((s) => ({ value: s, text: CONSENT_SCOPE_LABELS[s], checked: values.scope === s })),
      givenItems: yesNoItems(values.given),
      methodItems: CONSENT_METHODS.map((m) => ({
        value: m,
        text: CONSENT_METHOD_LABELS[m],
        checked: values.method === m,
      })),
    },
    status,
  )
}

export async function showRecordConsent(request: FastifyRequest<PersonParams>, reply: FastifyReply) {
  const record = await loadRecordOrRedirect(request, reply, '/consents/new')
  if (!record) return reply
  return render(reply, record.person, { submissionKey: randomUUID(), scope: '', given: '', method: '' }, {})
}

export async function submitRecordConsent(request: FastifyRequest<PersonParams>, reply: FastifyReply) {
  const record = await loadRecordOrRedirect(request, reply, '/consents/new')
  if (!record) return reply
  const values = readConsentForm(request.body)
  const parsed = parseConsentForm(values)
  if (!parsed.ok) {
    const fresh = values.submissionKey ? values : { ...values, submissionKey: randomUUID() }
    return render(reply, record.person, fresh, parsed.errors, 400)
  }
  await recordConsentDecision(request.orgScope(), record.person.id, parsed.value, peopleActorOf(request))
  return reply.redirect(`/people/${record.person.id}?saved=consent`, 303)
}

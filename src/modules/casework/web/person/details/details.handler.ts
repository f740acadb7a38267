// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import { errorListFor, type FieldErrors } from '../../../../../platform/http/forms.ts'
import {
  changePersonDetails,
  PeopleError,
  PERSON_FIELD_IDS,
  personFormChoices,
  personFormValuesFrom,
  type Person,
} from '../../../../people/index.ts'
import { loadRecordOrRedirect, nameOf, peopleActorOf, type PersonParams } from '../shared.ts'
import { parseDetailsForm, readDetailsForm, type DetailsFormValues } from './details.form.ts'

const FIELD_IDS: Record<string, string> = { ...PERSON_FIELD_IDS, version: 'givenName' }

function render(reply: FastifyReply, person: Person, values: DetailsFormValues, errors: FieldErrors, status = 200) {
  return reply.page(
    'modules/casework/web/person/details/details.njk',
    {
      pageTitle: `Edit details of ${nameOf(person)}`,
      backLinkHref: `/people/${person.id}`,
      personId: person.id,
      personName: nameOf(person),
      values,
      errors,
      errorList: errorListFor(errors, FIELD_IDS),
      options: personFormChoices(values),
    },
    status,
  )
}

export async function showEditDetails(request: FastifyRequest<PersonParams>, reply: FastifyReply) {
  const record = await loadRecordOrRedirect(request, reply, '/details')
  if (!record) return reply
  const values = { ...personFormValuesFrom(record.person), version: String(record.person.version) }
  return render(reply, record.person, values, {})
}

export async function submitEditDetails(request: FastifyRequest<PersonParams>, reply: FastifyReply) {
  const record = await loadRecordOrRedirect(request, reply, '/details')
  if (!record) return reply
  const values = readDetailsForm(request.body)
  const parsed = parseDetailsForm(values, new Date())
  if (!parsed.ok) return render(reply, record.person, values, parsed.errors, 400)
  try {
    await changePersonDetails(
      request.orgScope(),
      record.person.id,
      parsed.value.details,
      parsed.value.version,
      peopleActorOf(request),
    )
  } catch (error) {
    if (error instanceof PeopleError && error.code === 'PEOPLE_CHANGED_BY_SOMEONE_ELSE') {
      // Keep what they typed, but carry the current version so a second save is a deliberate overwrite.
      return render(
        reply,
        record.person,
        { ...values, version: String(record.person.version) },
        { version: error.userMessage ?? error.message },
        409,
      )
    }
    throw error
  }
  return reply.redirect(`/people/${record.person.id}?saved=details`, 303)
}

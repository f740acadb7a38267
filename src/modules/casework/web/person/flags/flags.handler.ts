// SPDX-License-Identifier: AGPL-3.0-or-later
import { randomUUID } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { errorListFor, type FieldErrors } from '../../../../../platform/http/forms.ts'
import {
  endPersonFlag,
  FLAG_KIND_HINTS,
  FLAG_KIND_LABELS,
  FLAG_KINDS,
  PeopleError,
  raisePersonFlagFromPage,
  type Person,
  type PersonFlag,
} from '../../../../people/index.ts'
import type { PersonRecord } from '../../../person.service.ts'
import { loadRecordOrRedirect, nameOf, peopleActorOf, uuidOf, type PersonParams } from '../shared.ts'
import { parseEndReason, parseRaiseFlag, readEndReason, readRaiseFlag, type RaiseFlagValues } from './flags.form.ts'

type FlagParams = { Params: { personId: string; flagId: string } }

function renderRaise(reply: FastifyReply, person: Person, values: RaiseFlagValues, errors: FieldErrors, status = 200) {
  return reply.page(
    'modules/casework/web/person/flags/raise.njk',
    {
      pageTitle: `Raise a flag for ${nameOf(person)}`,
      backLinkHref: `/people/${person.id}`,
      personId: person.id,
      personName: nameOf(person),
      values,
      errors,
      errorList: errorListFor(errors),
      kindItems: FLAG_KINDS.map((k) => ({
        value: k,
        text: FLAG_KIND_LABELS[k],
        hint: { text: FLAG_KIND_HINTS[k] },
        checked: values.kind === k,
      })),
    },
    status,
  )
}

export async function showRaiseFlag(request: FastifyRequest<PersonParams>, reply: FastifyReply) {
  const record = await loadRecordOrRedirect(request, reply, '/flags/new')
  if (!record) return reply
  return renderRaise(reply, record.person, { submissionKey: randomUUID(), kind: '', details: '' }, {})
}

export async function submitRaiseFlag(request: FastifyRequest<PersonParams>, reply: FastifyReply) {
  const record = await loadRecordOrRedirect(request, reply, '/flags/new')
  if (!record) return reply
  const values = readRaiseFlag(request.body)
  const parsed = parseRaiseFlag(values)
  if (!parsed.ok) {
    const fresh = values.submissionKey ? values : { ...values, submissionKey: randomUUID() }
    return renderRaise(reply, record.person, fresh, parsed.errors, 400)
  }
  await raisePersonFlagFromPage(request.orgScope(), record.person.id, parsed.value, peopleActorOf(request))
  return reply.redirect(`/people/${record.person.id}?saved=flag`, 303)
}

function findShownFlag(record: PersonRecord, flagId: string): PersonFlag {
  const flag = [...record.activeFlags, ...record.endedFlags].find((f) => f.id === flagId)
  if (!flag) throw new PeopleError('PEOPLE_FLAG_NOT_FOUND')
  return flag
}

function renderEnd(
  reply: FastifyReply,
  person: Person,
  flag: PersonFlag,
  reason: string,
  errors: FieldErrors,
  status = 200,
) {
  return reply.page(
    'modules/casework/web/person/flags/end.njk',
    {
      pageTitle: `End a flag for ${nameOf(person)}`,
      backLinkHref: `/people/${person.id}`,
      personId: person.id,
      personName: nameOf(person),
      flag: { ...flag, kindLabel: FLAG_KIND_LABELS[flag.kind] },
      reason,
      errors,
      errorList: errorListFor(errors),
    },
    status,
  )
}

export async function showEndFlag(request: FastifyRequest<FlagParams>, reply: FastifyReply) {
  const flagId = uuidOf(request.params.flagId)
  const record = await loadRecordOrRedirect(request, reply, `/flags/${flagId}/end`)
  if (!record) return reply
  const flag = findShownFlag(record, flagId)
  if (flag.endedAt) return reply.redirect(`/people/${record.person.id}?saved=flag-ended`, 303)
  return renderEnd(reply, record.person, flag, '', {})
}

export async function submitEndFlag(request: FastifyRequest<FlagParams>, reply: FastifyReply) {
  const flagId = uuidOf(request.params.flagId)
  const record = await loadRecordOrRedirect(request, reply, `/flags/${flagId}/end`)
  if (!record) return reply
  const flag = findShownFlag(record, flagId)
  const reason = readEndReason(request.body)
  const parsed = parseEndReason(reason)
  if (!parsed.ok) return renderEnd(reply, record.person, flag, reason, parsed.errors, 400)
  try {
    await endPersonFlag(request.orgScope(), record.recordIds, flagId, parsed.value, peopleActorOf(request))
  } catch (error) {
    // A second click after it worked: the flag is ended, which is what they asked for.
    if (!(error instanceof PeopleError && error.code === 'PEOPLE_FLAG_ALREADY_ENDED')) throw error
  }
  return reply.redirect(`/people/${record.person.id}?saved=flag-ended`, 303)
}

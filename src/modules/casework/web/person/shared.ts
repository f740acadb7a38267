// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import {
  CONTACT_METHOD_LABELS,
  CONTACT_METHODS,
  PeopleError,
  type PeopleActor,
  type Person,
} from '../../../people/index.ts'
import { viewPersonRecord, type PersonRecord } from '../../person.service.ts'
import { changeActorOf } from '../shared.ts'
import { isUuid } from '../../../../shared/uuid.ts'

export type PersonParams = { Params: { personId: string } }

/** A path id, refused before it reaches the database if it is not a UUID. */
export function uuidOf(value: string): string {
  if (!isUuid(value)) throw new PeopleError('PEOPLE_NOT_FOUND')
  return value
}

export function personIdOf(request: FastifyRequest<PersonParams>): string {
  return uuidOf(request.params.personId)
}

export function peopleActorOf(request: FastifyRequest): PeopleActor {
  return changeActorOf(request)
}

export function isSupervisor(request: FastifyRequest): boolean {
  return request.actor!.roles.includes('supervisor')
}

/**
 * Loads the person a page is about and audits the view. A record merged into another redirects to the same
 * page of the record kept (`suffix`, e.g. "/details"), with a note; returns undefined when it has redirected.
 */
export async function loadRecordOrRedirect(
  request: FastifyRequest<PersonParams>,
  reply: FastifyReply,
  suffix = '',
): Promise<PersonRecord | undefined> {
  const found = await viewPersonRecord(request.orgScope(), personIdOf(request), changeActorOf(request))
  if (!found) throw new PeopleError('PEOPLE_NOT_FOUND')
  if (found.kind === 'merged') {
    await reply.redirect(`/people/${found.keptPersonId}${suffix}?from=merged`, 303)
    return undefined
  }
  return found.record
}

export function contactMethodItems(chosen: string | readonly string[]) {
  const selected = typeof chosen === 'string' ? [chosen] : chosen
  return CONTACT_METHODS.map((value) => ({
    value,
    text: CONTACT_METHOD_LABELS[value],
    checked: selected.includes(value),
  }))
}

/** A person's name for a heading. */
export function nameOf(person: Pick<Person, 'givenName' | 'familyName'>): string {
  return `${person.givenName} ${person.familyName}`
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import { PeopleError, type PeopleActor, type Person } from '../../../people/index.ts'
import type { PersonViewer } from '../../person-access.service.ts'
import { viewPersonRecord, type PersonLookup, type PersonRecord } from '../../person.service.ts'
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

/** The person asking, for the rule on who may see a person (ADR 0024). */
export function viewerOf(request: FastifyRequest): PersonViewer {
  const actor = request.actor!
  return {
    userId: actor.userId,
    name: actor.displayName,
    supervisor: actor.roles.includes('supervisor'),
    audit: request.auditActor(),
  }
}

/**
 * Loads the person a page is about if the viewer may see it for this purpose, and audits the read. A record
 * merged into another redirects to the same page of the record kept (`suffix`, e.g. "/details"), with a note;
 * a record the viewer may not open gets the page that says so (403) and the way to break-glass. Returns
 * undefined when it has answered.
 */
export async function loadPersonOrAnswer(
  request: FastifyRequest<PersonParams>,
  reply: FastifyReply,
  suffix: string,
  purpose: 'read' | 'change',
): Promise<Extract<PersonLookup, { kind: 'found' }> | undefined> {
  const personId = personIdOf(request)
  const found = await viewPersonRecord(request.orgScope(), personId, viewerOf(request), purpose)
  if (!found) throw new PeopleError('PEOPLE_NOT_FOUND')
  if (found.kind === 'merged') {
    await reply.redirect(`/people/${found.keptPersonId}${suffix}?from=merged`, 303)
    return undefined
  }
  if (found.kind === 'refused') {
    await reply.page(
      'modules/casework/web/person/refused.njk',
      {
        pageTitle: found.breakGlass ? 'Break-glass access is for reading only' : 'You do not support this person',
        breakGlass: found.breakGlass,
        personHref: `/people/${personId}`,
        breakGlassHref: `/people/break-glass?then=${encodeURIComponent(`/people/${personId}`)}`,
        backLinkHref: '/people',
      },
      403,
    )
    return undefined
  }
  return found
}

/** The same for the pages that change a record (its forms): break-glass does not open them. */
export async function loadRecordOrRedirect(
  request: FastifyRequest<PersonParams>,
  reply: FastifyReply,
  suffix = '',
): Promise<PersonRecord | undefined> {
  return (await loadPersonOrAnswer(request, reply, suffix, 'change'))?.record
}

/** A person's name for a heading. */
export function nameOf(person: Pick<Person, 'givenName' | 'familyName'>): string {
  return `${person.givenName} ${person.familyName}`
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import { queryField } from '../../../../platform/http/forms.ts'
import { listPersonOutcomes } from '../../follow-ups.service.ts'
import { listPossibleDuplicates } from '../../person.service.ts'
import { presentDetails, presentPersonRecord } from './person.presenter.ts'
import { breakGlassBanner } from './break-glass/break-glass.presenter.ts'
import { isSupervisor, loadPersonOrAnswer, type PersonParams } from './shared.ts'

const FLASHES: Record<string, string> = {
  details: 'The details have been saved.',
  consent: 'The consent decision has been recorded.',
  flag: 'The flag has been raised. It shows wherever this person appears.',
  'flag-ended': 'The flag has been ended. It stays in the flag history.',
  merged: 'The records have been merged. Everything recorded on either now shows here.',
  unmerged: 'The merge has been undone. The other record is separate again.',
}

export async function showPerson(request: FastifyRequest<PersonParams>, reply: FastifyReply) {
  const found = await loadPersonOrAnswer(request, reply, '', 'read')
  if (!found) return reply
  const { record, access } = found
  const supervisor = isSupervisor(request)
  const [duplicates, outcomes] = await Promise.all([
    supervisor ? listPossibleDuplicates(request.orgScope(), record) : Promise.resolve([]),
    listPersonOutcomes(request.orgScope(), record.recordIds),
  ])
  const saved = queryField(request.query, 'saved', 20)
  const fromMerged = queryField(request.query, 'from', 20) === 'merged'
  const model = presentPersonRecord(record, { userId: request.actor!.userId, supervisor })
  return reply.page('modules/casework/web/person/person.njk', {
    pageTitle: model.details.name,
    flash: fromMerged
      ? 'The record you opened was merged into this one, so you have been brought here.'
      : FLASHES[saved],
    backLinkHref: '/people',
    personId: record.person.id,
    ...model,
    supervisor,
    // Read under break-glass: the page says so, and offers no changes.
    breakGlass:
      found.grant === 'break-glass' && access.kind === 'supported' ? breakGlassBanner(access.breakGlass) : null,
    outcomes,
    duplicates: duplicates.map((p) => ({
      ...presentDetails(p),
      compareHref: `/people/${record.person.id}/merge/${p.id}`,
    })),
  })
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import { errorListFor, type FieldErrors } from '../../../../../platform/http/forms.ts'
import { mergePeople, PeopleError, undoPersonMerge } from '../../../../people/index.ts'
import { FINAL_STATUSES } from '../../../../referrals/index.ts'
import { viewPersonRecord, type PersonRecord } from '../../../person.service.ts'
import { flagTags, presentDetails } from '../person.presenter.ts'
import { peopleActorOf, uuidOf, viewerOf } from '../shared.ts'
import { parseMergeForm, readMergeForm, type MergeFormValues } from './merge.form.ts'

type PairParams = { Params: { personId: string; otherId: string } }
type UndoParams = { Params: { personId: string; mergeId: string } }

/** Both records of a pair, audited as viewed; a record already merged away cannot be merged again. */
async function loadPair(request: FastifyRequest<PairParams>): Promise<[PersonRecord, PersonRecord]> {
  const scope = request.orgScope()
  const actor = viewerOf(request)
  const personId = uuidOf(request.params.personId)
  const otherId = uuidOf(request.params.otherId)
  if (personId === otherId) throw new PeopleError('PEOPLE_MERGE_SAME_RECORD')
  const [a, b] = await Promise.all([viewPersonRecord(scope, personId, actor), viewPersonRecord(scope, otherId, actor)])
  if (!a || !b) throw new PeopleError('PEOPLE_NOT_FOUND')
  if (a.kind === 'merged' || b.kind === 'merged') throw new PeopleError('PEOPLE_MERGE_ALREADY_MERGED')
  if (a.kind === 'refused' || b.kind === 'refused') throw new PeopleError('PEOPLE_NOT_FOUND')
  return [a.record, b.record]
}

function presentSide(record: PersonRecord) {
  return {
    ...presentDetails(record.person),
    flags: flagTags(record.activeFlags),
    referrals: record.referrals.length,
    openReferrals: record.referrals.filter((r) => !FINAL_STATUSES.includes(r.status)).length,
    consents: record.consents.length,
    mergedRecords: record.mergedRecords.length,
  }
}

function keepHint(side: ReturnType<typeof presentSide>): string {
  const created = side.createdAt.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/London',
  })
  return `Created ${created}; ${side.nhsNumber ? `NHS number ${side.nhsNumber}` : 'no NHS number'}`
}

function renderCompare(
  reply: FastifyReply,
  pair: [PersonRecord, PersonRecord],
  values: MergeFormValues,
  errors: FieldErrors,
  status = 200,
) {
  const [a, b] = pair
  const left = presentSide(a)
  const right = presentSide(b)
  return reply.page(
    'modules/casework/web/person/merge/compare.njk',
    {
      pageTitle: `Compare records of ${left.name}`,
      backLinkHref: `/people/${a.person.id}`,
      action: `/people/${a.person.id}/merge/${b.person.id}/check`,
      left,
      right,
      values,
      errors,
      errorList: errorListFor(errors, { keep: 'keep', reason: 'reason' }),
      keepItems: [
        {
          value: a.person.id,
          text: 'Keep this record',
          hint: { text: keepHint(left) },
          checked: values.keep === a.person.id,
        },
        {
          value: b.person.id,
          text: 'Keep the other record',
          hint: { text: keepHint(right) },
          checked: values.keep === b.person.id,
        },
      ],
    },
    status,
  )
}

export async function showCompare(request: FastifyRequest<PairParams>, reply: FastifyReply) {
  const pair = await loadPair(request)
  // Suggest keeping the older record: it is the one other people are most likely to have used.
  const older = pair[0].person.createdAt <= pair[1].person.createdAt ? pair[0] : pair[1]
  return renderCompare(reply, pair, { keep: older.person.id, reason: '' }, {})
}

export async function submitCheckMerge(request: FastifyRequest<PairParams>, reply: FastifyReply) {
  const pair = await loadPair(request)
  const values = readMergeForm(request.body)
  const parsed = parseMergeForm(values, pair[0].person.id, pair[1].person.id)
  if (!parsed.ok) return renderCompare(reply, pair, values, parsed.errors, 400)
  const kept = parsed.value.keptPersonId === pair[0].person.id ? pair[0] : pair[1]
  const merged = kept === pair[0] ? pair[1] : pair[0]
  return reply.page('modules/casework/web/person/merge/confirm.njk', {
    pageTitle: 'Check the merge',
    backLinkHref: `/people/${pair[0].person.id}/merge/${pair[1].person.id}`,
    action: `/people/${pair[0].person.id}/merge/${pair[1].person.id}`,
    kept: presentSide(kept),
    merged: presentSide(merged),
    values,
  })
}

export async function submitMerge(request: FastifyRequest<PairParams>, reply: FastifyReply) {
  const pair = await loadPair(request)
  const values = readMergeForm(request.body)
  const parsed = parseMergeForm(values, pair[0].person.id, pair[1].person.id)
  if (!parsed.ok) return renderCompare(reply, pair, values, parsed.errors, 400)
  try {
    await mergePeople(request.orgScope(), parsed.value, peopleActorOf(request))
  } catch (error) {
    if (error instanceof PeopleError && error.statusCode === 409)
      return renderCompare(reply, pair, values, { keep: error.userMessage ?? error.message }, 409)
    throw error
  }
  return reply.redirect(`/people/${parsed.value.keptPersonId}?saved=merged`, 303)
}

export async function submitUndoMerge(request: FastifyRequest<UndoParams>, reply: FastifyReply) {
  const personId = uuidOf(request.params.personId)
  const mergeId = uuidOf(request.params.mergeId)
  const found = await viewPersonRecord(request.orgScope(), personId, viewerOf(request), 'change')
  if (!found || found.kind !== 'found') throw new PeopleError('PEOPLE_MERGE_NOT_FOUND')
  const merge = found.record.merges.find((m) => m.id === mergeId && m.keptPersonId === personId)
  if (!merge) throw new PeopleError('PEOPLE_MERGE_NOT_FOUND')
  try {
    await undoPersonMerge(request.orgScope(), mergeId, peopleActorOf(request))
  } catch (error) {
    // A second click after it worked: the merge is undone, which is what they asked for.
    if (!(error instanceof PeopleError && error.code === 'PEOPLE_MERGE_ALREADY_UNDONE')) throw error
  }
  return reply.redirect(`/people/${personId}?saved=unmerged`, 303)
}

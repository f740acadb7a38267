// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import { errorListFor, paginationFor, pagingFrom, type FieldErrors } from '../../../../../platform/http/forms.ts'
import { searchPeople, type Person } from '../../../../people/index.ts'
import { activeFlagsFor } from '../../../person.service.ts'
import { flagTags, presentDetails } from '../person.presenter.ts'
import { isEmptySearch, parseSearch, readSearch, type SearchValues } from './search.form.ts'

const PAGE_SIZE = 20

export async function showSearch(request: FastifyRequest, reply: FastifyReply) {
  const values = readSearch(request.query)
  const render = (
    results: { rows: Person[]; total: number } | null,
    flags: Map<string, { kind: 'safeguarding' | 'lone-working' | 'other-risk' }[]>,
    errors: FieldErrors,
    pagination?: ReturnType<typeof paginationFor>,
    status = 200,
  ) =>
    reply.page(
      'modules/casework/web/person/search/search.njk',
      {
        pageTitle: 'Find a person',
        values,
        errors,
        errorList: errorListFor(errors, { dateOfBirth: 'dobDay' }),
        searched: results !== null,
        total: results?.total ?? 0,
        results: (results?.rows ?? []).map((p) => ({
          ...presentDetails(p),
          href: `/people/${p.id}`,
          flags: flagTags(flags.get(p.id) ?? []),
        })),
        pagination,
      },
      status,
    )
  if (isEmptySearch(values)) return render(null, new Map(), {})
  const parsed = parseSearch(values, new Date())
  if (!parsed.ok) return render(null, new Map(), parsed.errors, undefined, 400)
  const scope = request.orgScope()
  const paging = pagingFrom(request.query, PAGE_SIZE)
  const results = await searchPeople(scope, parsed.value, { limit: paging.pageSize, offset: paging.offset })
  const flags = await activeFlagsFor(
    scope,
    results.rows.map((p) => p.id),
  )
  await request.audit({
    action: 'search',
    recordType: 'person',
    recordId: request.actor!.userId,
    details: { count: results.rows.length, byNhsNumber: Boolean(parsed.value.nhsNumber) },
  })
  const query: Record<string, string> = { ...(values as unknown as Record<string, string>) }
  return render(results, flags, {}, paginationFor('/people', query, paging, results.total))
}

export type { SearchValues }

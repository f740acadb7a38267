// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import {
  errorListFor,
  paginationFor,
  pagingFrom,
  queryField,
  type FieldErrors,
} from '../../../../../platform/http/forms.ts'
import { searchPeople, type Person } from '../../../../people/index.ts'
import { personAccessFor, searchableRecords } from '../../../person-access.service.ts'
import { activeFlagsFor } from '../../../person.service.ts'
import { breakGlassBanner } from '../break-glass/break-glass.presenter.ts'
import { viewerOf } from '../shared.ts'
import { flagTags, presentDetails } from '../person.presenter.ts'
import { isEmptySearch, parseSearch, readSearch, type SearchValues } from './search.form.ts'

const PAGE_SIZE = 20

export async function showSearch(request: FastifyRequest, reply: FastifyReply) {
  const values = readSearch(request.query)
  const scope = request.orgScope()
  const access = await personAccessFor(scope, viewerOf(request))
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
        // A link worker sees the people they support; the page says so and offers break-glass.
        limitedToSupported: access.kind === 'supported' && !access.breakGlass,
        breakGlass: access.kind === 'supported' ? breakGlassBanner(access.breakGlass) : null,
        flash: queryField(request.query, 'ended', 20) === 'break-glass' ? 'Break-glass access has ended.' : undefined,
        breakGlassHref: '/people/break-glass',
      },
      status,
    )
  if (isEmptySearch(values)) return render(null, new Map(), {})
  const parsed = parseSearch(values, new Date())
  if (!parsed.ok) return render(null, new Map(), parsed.errors, undefined, 400)
  const paging = pagingFrom(request.query, PAGE_SIZE)
  const within = await searchableRecords(scope, access)
  const results = await searchPeople(
    scope,
    { ...parsed.value, ...(within ? { within } : {}) },
    { limit: paging.pageSize, offset: paging.offset },
  )
  const flags = await activeFlagsFor(
    scope,
    results.rows.map((p) => p.id),
  )
  await request.audit({
    action: 'search',
    recordType: 'person',
    recordId: request.actor!.userId,
    details: {
      count: results.rows.length,
      byNhsNumber: Boolean(parsed.value.nhsNumber),
      within: within ? 'supported' : 'service',
      ...(access.kind === 'supported' && access.breakGlass ? { breakGlassId: access.breakGlass.id } : {}),
    },
  })
  const query: Record<string, string> = { ...(values as unknown as Record<string, string>) }
  return render(results, flags, {}, paginationFor('/people', query, paging, results.total))
}

export type { SearchValues }

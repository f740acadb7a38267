// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../../../../config.ts'
import { errorListFor, pagingFrom } from '../../../../platform/http/forms.ts'
import { searchDirectory } from '../../search.service.ts'
import { lookUpPostcode } from '../../postcodes.service.ts'
import { parseSearch, queryParams, readSearchQuery } from './search.form.ts'
import { activeFilters, filterOptions, hrefWith, pagerFor, presentResult } from './search.presenter.ts'
import { readSentence } from './sentence.ts'

const PAGE_SIZE = 20

export function showSearch(config: Config) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const scope = request.orgScope()
    const values = readSearchQuery(request.query)
    // "free walking group Tuesday evening near AB10 1AA": move the filters the words name into the filters,
    // where they are shown and can be removed, and search for the rest.
    const read = values.q ? readSentence(values) : null
    if (read) return reply.redirect(hrefWith('/directory', queryParams(read)), 303)
    const paging = pagingFrom(request.query, PAGE_SIZE)
    const { criteria, errors } = parseSearch(values)
    let centre: { latitude: number; longitude: number } | null = null
    if (criteria.postcode && !errors['postcode']) {
      const found = await lookUpPostcode(scope.db, criteria.postcode)
      if (found.ok) centre = { latitude: found.postcode.latitude, longitude: found.postcode.longitude }
      else errors['postcode'] = found.message
    }
    const searched = request.url.includes('?')
    const hasErrors = Object.keys(errors).length > 0
    const result =
      searched && !hasErrors
        ? await searchDirectory(
            scope,
            {
              ...criteria,
              centre,
              radiusMetres: centre ? criteria.radiusMetres : null,
              limit: paging.pageSize,
              offset: paging.offset,
            },
            config.directoryFreshnessDays,
          )
        : null
    return reply.page(
      'modules/directory/web/search/search.njk',
      {
        pageTitle: 'Find community services',
        values,
        errors,
        errorList: errorListFor(errors, { day: 'day', need: 'need', postcode: 'postcode' }),
        ...filterOptions(values),
        searched,
        total: result?.total ?? 0,
        broadened: result?.broadened ?? false,
        didYouMean: result?.didYouMean
          ? { text: result.didYouMean, href: hrefWith('/directory', queryParams({ ...values, q: result.didYouMean })) }
          : null,
        firstShown: paging.offset + 1,
        lastShown: paging.offset + (result?.items.length ?? 0),
        results: result?.items.map((item) => presentResult(item, config.directoryFreshnessDays)) ?? [],
        pagination: result
          ? pagerFor(
              { ...values, match: result.textMode === 'all' ? '' : result.textMode },
              paging.page,
              PAGE_SIZE,
              result.total,
            )
          : undefined,
        postcodeQuery: centre ? values.postcode : '',
        filters: activeFilters(values),
        canEdit: request.actor?.roles.includes('directory-editor') ?? false,
      },
      hasErrors ? 400 : 200,
    )
  }
}

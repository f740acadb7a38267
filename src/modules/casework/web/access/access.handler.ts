// SPDX-License-Identifier: AGPL-3.0-or-later
// The supervisor's side of who may see a person (ADR 0024): cover while a link worker is away, and the review
// of every break-glass window with its reason and the records opened in it.
import { randomUUID } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { selectItemsFrom } from '../../../../platform/http/choices.ts'
import { formPage } from '../../../../platform/http/form-page.ts'
import { paginationFor, pagingFrom, queryField, textField } from '../../../../platform/http/forms.ts'
import { isUuid } from '../../../../shared/uuid.ts'
import { londonToday } from '../../casework.ts'
import { CaseworkError } from '../../casework.errors.ts'
import { endCover, listBreakGlassForReview, readCover, setCover } from '../../person-access.service.ts'
import { parseCover, type CoverValues } from '../../person-access.ts'
import { viewerOf } from '../person/shared.ts'
import { presentBreakGlassWindows, presentCover } from './access.presenter.ts'

/** How far back the review reaches: a quarter, the usual period of a supervision audit. */
export const BREAK_GLASS_REVIEW_DAYS = 92
const REVIEW_PAGE_SIZE = 20

const COVER_FLASHES: Record<string, string> = { cover: 'Cover has been set.', ended: 'Cover has ended.' }

const coverPage = formPage({
  load: (request: FastifyRequest) => readCover(request.orgScope()),
  initial: (): Partial<CoverValues> => ({ submissionKey: randomUUID() }),
  view(context, { values }, request) {
    const workers = context.workers.map((w) => ({ value: w.userId, text: w.displayName }))
    return {
      template: 'modules/casework/web/access/cover.njk',
      model: {
        pageTitle: 'Cover while a link worker is away',
        backLinkHref: '/team',
        flash: COVER_FLASHES[queryField(request.query, 'saved', 20)],
        current: presentCover(context.current),
        coveredItems: selectItemsFrom(workers, values.covered ?? '', 'Select a link worker'),
        coveringItems: selectItemsFrom(workers, values.covering ?? '', 'Select a link worker'),
      },
    }
  },
  fieldIds: { endsOn: 'endsOnDay' },
  read(body: unknown): CoverValues {
    return {
      covered: textField(body, 'covered', 40),
      covering: textField(body, 'covering', 40),
      endsOnDay: textField(body, 'endsOnDay', 2),
      endsOnMonth: textField(body, 'endsOnMonth', 2),
      endsOnYear: textField(body, 'endsOnYear', 4),
      submissionKey: textField(body, 'submissionKey', 64),
    }
  },
  parse: (values) => parseCover(values, londonToday()),
  async save(request, input) {
    await setCover(request.orgScope(), viewerOf(request), input)
    return '/team/cover?saved=cover'
  },
  // The same two link workers already have cover in force: say so on the form, keeping what was chosen.
  conflict: { code: 'CASEWORK_COVER_EXISTS', field: 'covering', refresh: (_context, values) => values },
})

export const showCover = coverPage.show
export const submitCover = coverPage.submit

type CoverParams = { Params: { coverId: string } }

export async function submitEndCover(request: FastifyRequest<CoverParams>, reply: FastifyReply) {
  const coverId = request.params.coverId
  if (!isUuid(coverId)) throw new CaseworkError('CASEWORK_NOT_FOUND')
  await endCover(request.orgScope(), viewerOf(request), coverId)
  return reply.redirect('/team/cover?saved=ended', 303)
}

export async function showBreakGlassReview(request: FastifyRequest, reply: FastifyReply) {
  const paging = pagingFrom(request.query, REVIEW_PAGE_SIZE)
  const windows = await listBreakGlassForReview(request.orgScope(), BREAK_GLASS_REVIEW_DAYS, {
    limit: paging.pageSize,
    offset: paging.offset,
  })
  await request.audit({
    action: 'review-break-glass',
    recordType: 'break-glass',
    recordId: null,
    details: { windows: windows.rows.length },
  })
  return reply.page('modules/casework/web/access/break-glass-review.njk', {
    pageTitle: 'Break-glass access',
    backLinkHref: '/team',
    days: BREAK_GLASS_REVIEW_DAYS,
    total: windows.total,
    windows: presentBreakGlassWindows(windows.rows),
    pagination: paginationFor('/team/break-glass', {}, paging, windows.total),
  })
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import { paginationFor, pagingFrom, queryField } from '../../../../platform/http/forms.ts'
import {
  CASELOAD_FILTER_LABELS,
  CASELOAD_FILTERS,
  CASELOAD_SORT_LABELS,
  CASELOAD_SORTS,
  CONTACT_TYPE_LABELS,
  isCaseloadFilter,
  isCaseloadSort,
  londonToday,
  matchesFilter,
  sortCaseload,
} from '../../casework.ts'
import { getCaseworkSettings, listCaseload } from '../../casework.service.ts'
import { describeBookingTime } from '../../bookings.ts'
import { listTodaysBookings } from '../../bookings.service.ts'
import { listCaseloadFollowUps } from '../../follow-ups.service.ts'
import { presentCaseloadRow } from './caseload.presenter.ts'

const PAGE_SIZE = 25

export async function showCaseload(request: FastifyRequest, reply: FastifyReply) {
  const actor = request.actor!
  const scope = request.orgScope()
  const sortParam = queryField(request.query, 'sort', 20)
  const filterParam = queryField(request.query, 'show', 20)
  const sort = isCaseloadSort(sortParam) ? sortParam : 'due'
  const filter = isCaseloadFilter(filterParam) ? filterParam : 'all'
  const paging = pagingFrom(request.query, PAGE_SIZE)
  const today = londonToday()

  const [entries, settings, booked] = await Promise.all([
    listCaseload(scope, actor.userId),
    getCaseworkSettings(scope),
    listTodaysBookings(scope, actor.userId),
  ])
  const names = new Map(entries.map((e) => [e.referralId, e.personName]))
  const followUps = await listCaseloadFollowUps(
    scope,
    entries.flatMap((e) =>
      e.episode ? [{ id: e.episode.id, referralId: e.referralId, firstContactOn: e.episode.firstContactOn }] : [],
    ),
    today,
  )
  await request.audit({
    action: 'list',
    recordType: 'caseload',
    recordId: actor.userId,
    details: { count: entries.length },
  })

  const active = entries.filter((e) => e.status !== 'on-hold')
  const shown = sortCaseload(
    entries.filter((e) => matchesFilter(e, filter, today)),
    sort,
    today,
  )
  const pageRows = shown.slice(paging.offset, paging.offset + paging.pageSize)
  const query = { sort: sort === 'due' ? '' : sort, show: filter === 'all' ? '' : filter }
  return reply.page('modules/casework/web/caseload/caseload.njk', {
    pageTitle: 'My caseload',
    summary: {
      total: entries.length,
      paused: entries.length - active.length,
      notContacted: active.filter((e) => !e.episode?.firstContactOn).length,
      needsAction: entries.filter((e) => matchesFilter(e, 'needs-action', today)).length,
    },
    sortNote: sort === 'due' ? 'new people first, then what is overdue or due soonest' : '',
    rows: pageRows.map((e) => presentCaseloadRow(e, today, settings)),
    // Booked for today, in time order (only people still on this caseload).
    bookedToday: booked.flatMap((b) => {
      const personName = names.get(b.referralId)
      if (!personName) return []
      const when = describeBookingTime(b.startsAt, b.durationMinutes)
      return [
        {
          href: `/caseload/${b.referralId}`,
          personName,
          time: when.time,
          until: when.until,
          typeLabel: CONTACT_TYPE_LABELS[b.type],
          place: b.place,
        },
      ]
    }),
    // To follow up: groups that have not answered, people who have stopped going, questionnaires due.
    followUps: followUps.flatMap((f) => {
      const personName = names.get(f.referralId)
      return personName ? [{ ...f, personName }] : []
    }),
    total: shown.length,
    filterLabel: CASELOAD_FILTER_LABELS[filter],
    sortItems: CASELOAD_SORTS.map((s) => ({ value: s, text: CASELOAD_SORT_LABELS[s], selected: s === sort })),
    filterItems: CASELOAD_FILTERS.map((f) => ({ value: f, text: CASELOAD_FILTER_LABELS[f], selected: f === filter })),
    pagination: paginationFor('/caseload', query, paging, shown.length),
  })
}

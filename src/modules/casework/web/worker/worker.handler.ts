// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import { paginationFor, pagingFrom, queryField } from '../../../../platform/http/forms.ts'
import { londonToday, sortCaseload } from '../../casework.ts'
import { getCaseworkSettings, listCaseload } from '../../casework.service.ts'
import { findTeamMemberOrThrow } from '../../team.service.ts'
import { presentCaseloadRow } from '../caseload/caseload.presenter.ts'

const PAGE_SIZE = 25

export type WorkerParams = { Params: { userId: string } }

export function workerIdOf(request: FastifyRequest<WorkerParams>): string {
  return request.params.userId
}

const FLASHES: Record<string, string> = {
  reallocated: 'The person has been reallocated. Their history of support moves with them.',
  capacity: 'The capacity has been saved.',
}

export async function showWorker(request: FastifyRequest<WorkerParams>, reply: FastifyReply) {
  const scope = request.orgScope()
  const member = await findTeamMemberOrThrow(scope, workerIdOf(request))
  const entries = await listCaseload(scope, member.userId)
  const settings = await getCaseworkSettings(scope)
  await request.audit({
    action: 'list',
    recordType: 'caseload',
    recordId: member.userId,
    details: { count: entries.length },
  })
  const today = londonToday()
  const paging = pagingFrom(request.query, PAGE_SIZE)
  const sorted = sortCaseload(entries, 'due', today)
  return reply.page('modules/casework/web/worker/worker.njk', {
    pageTitle: `${member.displayName}’s caseload`,
    backLinkHref: '/team',
    flash: FLASHES[queryField(request.query, 'saved', 20)],
    member,
    capacity: member.annualCapacity ?? settings.defaultAnnualCapacity,
    capacityIsDefault: member.annualCapacity === null,
    summary: {
      total: entries.length,
      paused: entries.filter((e) => e.status === 'on-hold').length,
      notContacted: entries.filter((e) => !e.episode?.firstContactOn).length,
    },
    rows: sorted.slice(paging.offset, paging.offset + PAGE_SIZE).map((e) => ({
      ...presentCaseloadRow(e, today, settings),
      reallocateHref: `/team/${member.userId}/reallocate/${e.referralId}`,
    })),
    pagination: paginationFor(`/team/${member.userId}`, {}, paging, sorted.length),
  })
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import { queryField } from '../../../../platform/http/forms.ts'
import { viewTeam } from '../../team.service.ts'
import { changeActorOf } from '../shared.ts'
import { presentTeamRow } from './team.presenter.ts'

const FLASHES: Record<string, string> = {
  settings: 'The casework settings have been saved.',
}

export async function showTeam(request: FastifyRequest, reply: FastifyReply) {
  const team = await viewTeam(request.orgScope(), changeActorOf(request))
  const rows = team.rows.map(presentTeamRow)
  return reply.page('modules/casework/web/team/team.njk', {
    pageTitle: 'Your team',
    flash: FLASHES[queryField(request.query, 'saved', 20)],
    rows,
    totals: {
      active: rows.reduce((n, r) => n + r.active, 0),
      paused: rows.reduce((n, r) => n + r.paused, 0),
      supported: rows.reduce((n, r) => n + r.supportedThisYear, 0),
    },
    yearStart: team.yearStart,
    settings: team.settings,
    truncated: team.truncated,
  })
}

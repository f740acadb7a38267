// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import { changeActorOf, openCase, referralIdOf, type CaseParams } from '../../../casework/index.ts'
import { listConnectionsForCase } from '../../connections.service.ts'
import { presentConnectionRows } from '../connections.presenter.ts'

export async function showConnections(request: FastifyRequest<CaseParams>, reply: FastifyReply) {
  const scope = request.orgScope()
  const actor = changeActorOf(request)
  const found = await openCase(scope, referralIdOf(request), actor)
  const list = await listConnectionsForCase(scope, found, actor)
  const p = found.referral.person
  return reply.page('modules/connections/web/list/list.njk', {
    pageTitle: `Connections for ${p.givenName} ${p.familyName}`,
    backLinkHref: `/caseload/${found.referral.id}`,
    referralId: found.referral.id,
    personName: `${p.givenName} ${p.familyName}`,
    rows: presentConnectionRows(found.referral.id, list),
  })
}

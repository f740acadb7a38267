// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import { errorListFor, type FieldErrors } from '../../../../platform/http/forms.ts'
import { findCaseToReallocate, reallocateCase, type CaseToReallocate } from '../../reallocation.service.ts'
import { findTeamMemberOrThrow, listTeamMembers } from '../../team.service.ts'
import type { TeamMember } from '../../team.ts'
import { changeActorOf } from '../shared.ts'
import { workerIdOf } from '../worker/worker.handler.ts'
import { parseReallocateForm, readReallocateForm, type ReallocateFormValues } from './reallocate.form.ts'

type Params = { Params: { userId: string; referralId: string } }

function referralIdOf(request: FastifyRequest<Params>): string {
  return request.params.referralId
}

function render(
  reply: FastifyReply,
  from: TeamMember,
  found: CaseToReallocate,
  others: TeamMember[],
  values: Partial<ReallocateFormValues>,
  errors: FieldErrors,
  status = 200,
) {
  return reply.page(
    'modules/casework/web/reallocate/reallocate.njk',
    {
      pageTitle: `Reallocate ${found.personName}`,
      backLinkHref: `/team/${from.userId}`,
      from,
      found,
      values,
      errors,
      errorList: errorListFor(errors, { toUserId: 'toUserId' }),
      workerItems: others.map((m) => ({
        value: m.userId,
        text: m.displayName,
        checked: values.toUserId === m.userId,
      })),
    },
    status,
  )
}

async function load(request: FastifyRequest<Params>) {
  const scope = request.orgScope()
  const from = await findTeamMemberOrThrow(scope, workerIdOf(request))
  const found = await findCaseToReallocate(scope, from.userId, referralIdOf(request))
  await request.audit({ action: 'view', recordType: 'referral', recordId: found.referralId })
  const others = (await listTeamMembers(scope)).filter((m) => m.userId !== from.userId)
  return { from, found, others }
}

export async function showReallocate(request: FastifyRequest<Params>, reply: FastifyReply) {
  const { from, found, others } = await load(request)
  return render(reply, from, found, others, { version: String(found.version) }, {})
}

export async function submitReallocate(request: FastifyRequest<Params>, reply: FastifyReply) {
  const scope = request.orgScope()
  const fromUserId = workerIdOf(request)
  const referralId = referralIdOf(request)
  const values = readReallocateForm(request.body)
  const members = await listTeamMembers(scope)
  const parsed = parseReallocateForm(
    values,
    members.filter((m) => m.userId !== fromUserId).map((m) => m.userId),
  )
  if (!parsed.ok) {
    const { from, found, others } = await load(request)
    return render(reply, from, found, others, values, parsed.errors, 400)
  }
  await reallocateCase(
    scope,
    referralId,
    { fromUserId, toUserId: parsed.value.toUserId, reason: parsed.value.reason },
    parsed.value.version,
    changeActorOf(request),
  )
  return reply.redirect(`/team/${fromUserId}?saved=reallocated`, 303)
}

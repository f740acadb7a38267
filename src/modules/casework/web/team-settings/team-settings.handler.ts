// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import { errorListFor, type FieldErrors } from '../../../../platform/http/forms.ts'
import { getCaseworkSettings } from '../../casework.service.ts'
import { saveCaseworkSettings, setAnnualCapacity, findTeamMemberOrThrow } from '../../team.service.ts'
import type { TeamMember } from '../../team.ts'
import { changeActorOf } from '../shared.ts'
import { workerIdOf, type WorkerParams } from '../worker/worker.handler.ts'
import {
  parseCapacityForm,
  parseSettingsForm,
  readSettingsForm,
  type SettingsFormValues,
} from './team-settings.form.ts'

function renderSettings(reply: FastifyReply, values: SettingsFormValues, errors: FieldErrors, status = 200) {
  return reply.page(
    'modules/casework/web/team-settings/team-settings.njk',
    { pageTitle: 'Casework settings', backLinkHref: '/team', values, errors, errorList: errorListFor(errors) },
    status,
  )
}

export async function showSettings(request: FastifyRequest, reply: FastifyReply) {
  const s = await getCaseworkSettings(request.orgScope())
  return renderSettings(
    reply,
    {
      updatedAt: s.updatedAt?.toISOString() ?? '',
      defaultContactAllowance: String(s.defaultContactAllowance),
      longTermContactAllowance: String(s.longTermContactAllowance),
      defaultAnnualCapacity: String(s.defaultAnnualCapacity),
      followUpAfterWeeks: String(s.followUpAfterWeeks),
      noContactAlertWeeks: String(s.noContactAlertWeeks),
    },
    {},
  )
}

export async function submitSettings(request: FastifyRequest, reply: FastifyReply) {
  const values = readSettingsForm(request.body)
  const parsed = parseSettingsForm(values)
  if (!parsed.ok) return renderSettings(reply, values, parsed.errors, 400)
  await saveCaseworkSettings(
    request.orgScope(),
    parsed.value.settings,
    parsed.value.expectedUpdatedAt,
    changeActorOf(request),
  )
  return reply.redirect('/team?saved=settings', 303)
}

async function renderCapacity(
  request: FastifyRequest<WorkerParams>,
  reply: FastifyReply,
  member: TeamMember,
  value: string,
  errors: FieldErrors,
  status = 200,
) {
  const settings = await getCaseworkSettings(request.orgScope())
  return reply.page(
    'modules/casework/web/team-settings/capacity.njk',
    {
      pageTitle: `Capacity for ${member.displayName}`,
      backLinkHref: `/team/${member.userId}`,
      member,
      value,
      defaultCapacity: settings.defaultAnnualCapacity,
      errors,
      errorList: errorListFor(errors),
    },
    status,
  )
}

export async function showCapacity(request: FastifyRequest<WorkerParams>, reply: FastifyReply) {
  const member = await findTeamMemberOrThrow(request.orgScope(), workerIdOf(request))
  return renderCapacity(request, reply, member, member.annualCapacity === null ? '' : String(member.annualCapacity), {})
}

export async function submitCapacity(request: FastifyRequest<WorkerParams>, reply: FastifyReply) {
  const scope = request.orgScope()
  const member = await findTeamMemberOrThrow(scope, workerIdOf(request))
  const parsed = parseCapacityForm(request.body)
  if (!parsed.ok) return renderCapacity(request, reply, member, parsed.raw, parsed.errors, 400)
  await setAnnualCapacity(scope, member.userId, parsed.value.annualCapacity, changeActorOf(request))
  return reply.redirect(`/team/${member.userId}?saved=capacity`, 303)
}

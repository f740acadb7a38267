// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import { formPage } from '../../../../platform/http/form-page.ts'
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

const settingsPage = formPage({
  load: (request: FastifyRequest) => getCaseworkSettings(request.orgScope()),
  initial: (s): Partial<SettingsFormValues> => ({
    updatedAt: s.updatedAt?.toISOString() ?? '',
    defaultContactAllowance: String(s.defaultContactAllowance),
    longTermContactAllowance: String(s.longTermContactAllowance),
    defaultAnnualCapacity: String(s.defaultAnnualCapacity),
    followUpAfterWeeks: String(s.followUpAfterWeeks),
    noContactAlertWeeks: String(s.noContactAlertWeeks),
  }),
  view: () => ({
    template: 'modules/casework/web/team-settings/team-settings.njk',
    model: { pageTitle: 'Casework settings', backLinkHref: '/team' },
  }),
  read: readSettingsForm,
  parse: parseSettingsForm,
  async save(request, { settings, expectedUpdatedAt }) {
    await saveCaseworkSettings(request.orgScope(), settings, expectedUpdatedAt, changeActorOf(request))
    return '/team?saved=settings'
  },
  // Another supervisor saved first: show their numbers' timestamp with what this one typed, to check and save again.
  conflict: {
    code: 'CASEWORK_SETTINGS_CHANGED',
    field: 'defaultContactAllowance',
    refresh: (fresh, values) => ({ ...values, updatedAt: fresh.updatedAt?.toISOString() ?? '' }),
  },
})

export const showSettings = settingsPage.show
export const submitSettings = settingsPage.submit

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

// SPDX-License-Identifier: AGPL-3.0-or-later
// The supervisor's contact targets: how many working days a routine and an urgent referral may wait for first
// contact, and whose bank holidays count. They apply to referrals received from the next save on.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { errorListFor, textField, type FieldErrors } from '../../../../platform/http/forms.ts'
import { contactTargetProblems, COUNTRIES, COUNTRY_LABELS, isCountry } from '../../contact-target.ts'
import { getContactTargets, saveContactTargets } from '../../referral-settings.service.ts'

interface TargetFormValues {
  country: string
  routineTargetWorkingDays: string
  urgentTargetWorkingDays: string
}

function render(reply: FastifyReply, values: TargetFormValues, errors: FieldErrors, status = 200) {
  return reply.page(
    'modules/referrals/web/contact-targets/contact-targets.njk',
    {
      pageTitle: 'Contact targets',
      backLinkHref: '/referrals',
      values,
      errors,
      errorList: errorListFor(errors),
      countryItems: COUNTRIES.map((c) => ({ value: c, text: COUNTRY_LABELS[c], checked: values.country === c })),
    },
    status,
  )
}

export async function showContactTargets(request: FastifyRequest, reply: FastifyReply) {
  const targets = await getContactTargets(request.orgScope())
  return render(
    reply,
    {
      country: targets.country,
      routineTargetWorkingDays: String(targets.routineTargetWorkingDays),
      urgentTargetWorkingDays: String(targets.urgentTargetWorkingDays),
    },
    {},
  )
}

export async function submitContactTargets(request: FastifyRequest, reply: FastifyReply) {
  const values: TargetFormValues = {
    country: textField(request.body, 'country', 40),
    routineTargetWorkingDays: textField(request.body, 'routineTargetWorkingDays', 8),
    urgentTargetWorkingDays: textField(request.body, 'urgentTargetWorkingDays', 8),
  }
  const errors = contactTargetProblems(values)
  if (Object.keys(errors).length > 0 || !isCountry(values.country)) return render(reply, values, errors, 400)
  const actor = request.actor!
  await saveContactTargets(
    request.orgScope(),
    {
      country: values.country,
      routineTargetWorkingDays: Number(values.routineTargetWorkingDays),
      urgentTargetWorkingDays: Number(values.urgentTargetWorkingDays),
    },
    { audit: request.auditActor(), name: actor.displayName },
  )
  return reply.redirect('/referrals?saved=targets', 303)
}

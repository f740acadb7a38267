// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import { errorListFor, type FieldErrors } from '../../../../platform/http/forms.ts'
import { COMPLEXITY_LABELS, MAX_CONTACT_ALLOWANCE, PATHWAY_LABELS } from '../../casework.ts'
import { CaseworkError } from '../../casework.errors.ts'
import { changeEpisodeDetails, openCase, type Case } from '../../casework.service.ts'
import { changeActorOf, choicesFrom, referralIdOf, type CaseParams } from '../shared.ts'
import { parseDetailsForm, readDetailsForm, type DetailsFormValues } from './details.form.ts'

function render(
  reply: FastifyReply,
  found: Case,
  values: Partial<DetailsFormValues>,
  errors: FieldErrors,
  status = 200,
) {
  const p = found.referral.person
  return reply.page(
    'modules/casework/web/details/details.njk',
    {
      pageTitle: `Pathway, complexity and contacts for ${p.givenName} ${p.familyName}`,
      backLinkHref: `/caseload/${found.referral.id}`,
      referralId: found.referral.id,
      personName: `${p.givenName} ${p.familyName}`,
      maxAllowance: MAX_CONTACT_ALLOWANCE,
      values,
      errors,
      errorList: errorListFor(errors, { pathway: 'pathway', complexity: 'complexity' }),
      pathwayItems: choicesFrom(PATHWAY_LABELS, values.pathway ?? ''),
      complexityItems: choicesFrom(COMPLEXITY_LABELS, values.complexity ?? ''),
    },
    status,
  )
}

export async function showDetails(request: FastifyRequest<CaseParams>, reply: FastifyReply) {
  const found = await openCase(request.orgScope(), referralIdOf(request), changeActorOf(request))
  const e = found.episode
  return render(
    reply,
    found,
    {
      pathway: e.pathway,
      complexity: e.complexity ? String(e.complexity) : '',
      complexityReason: e.complexityReason,
      contactAllowance: String(e.contactAllowance),
      version: String(e.version),
    },
    {},
  )
}

export async function submitDetails(request: FastifyRequest<CaseParams>, reply: FastifyReply) {
  const referralId = referralIdOf(request)
  const scope = request.orgScope()
  const actor = changeActorOf(request)
  const values = readDetailsForm(request.body)
  const parsed = parseDetailsForm(values)
  if (!parsed.ok) return render(reply, await openCase(scope, referralId, actor), values, parsed.errors, 400)
  const { version, ...details } = parsed.value
  try {
    await changeEpisodeDetails(scope, referralId, details, version, actor)
  } catch (error) {
    if (error instanceof CaseworkError && error.code === 'CASEWORK_CHANGED_BY_SOMEONE_ELSE') {
      const fresh = await openCase(scope, referralId, actor)
      return render(
        reply,
        fresh,
        { ...values, version: String(fresh.episode.version) },
        { pathway: error.message },
        409,
      )
    }
    throw error
  }
  return reply.redirect(`/caseload/${referralId}?saved=details`, 303)
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import { errorListFor, type FieldErrors } from '../../../../platform/http/forms.ts'
import { COMPLEXITY_LABELS, MAX_CONTACT_ALLOWANCE, PATHWAY_LABELS } from '../../casework.ts'
import { CaseworkError } from '../../casework.errors.ts'
import { changeEpisodeDetails, getCaseworkSettings, openCase, type Case } from '../../casework.service.ts'
import { contactAllowanceFor } from '../../team.ts'
import { changeActorOf, choicesFrom, referralIdOf, type CaseParams } from '../shared.ts'
import { parseDetailsForm, readDetailsForm, type DetailsFormValues } from './details.form.ts'

async function render(
  request: FastifyRequest,
  reply: FastifyReply,
  found: Case,
  values: Partial<DetailsFormValues>,
  errors: FieldErrors,
  status = 200,
) {
  const p = found.referral.person
  const settings = await getCaseworkSettings(request.orgScope())
  return reply.page(
    'modules/casework/web/details/details.njk',
    {
      pageTitle: `Pathway, complexity and contacts for ${p.givenName} ${p.familyName}`,
      backLinkHref: `/caseload/${found.referral.id}`,
      referralId: found.referral.id,
      personName: `${p.givenName} ${p.familyName}`,
      maxAllowance: MAX_CONTACT_ALLOWANCE,
      allowanceHint:
        `The service allows ${contactAllowanceFor(settings, 'short-term')} on the short-term pathway and ` +
        `${contactAllowanceFor(settings, 'long-term')} on the long-term. If you change pathway and leave this at the ` +
        `old pathway’s number, it takes the new pathway’s. Up to ${MAX_CONTACT_ALLOWANCE}.`,
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
    request,
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
  if (!parsed.ok) return render(request, reply, await openCase(scope, referralId, actor), values, parsed.errors, 400)
  const { version, ...details } = parsed.value
  let saved = 'details'
  try {
    const { allowanceFollowedPathway } = await changeEpisodeDetails(scope, referralId, details, version, actor)
    if (allowanceFollowedPathway) saved = `details-${details.pathway}`
  } catch (error) {
    if (error instanceof CaseworkError && error.code === 'CASEWORK_CHANGED_BY_SOMEONE_ELSE') {
      const fresh = await openCase(scope, referralId, actor)
      return render(
        request,
        reply,
        fresh,
        { ...values, version: String(fresh.episode.version) },
        { pathway: error.message },
        409,
      )
    }
    throw error
  }
  return reply.redirect(`/caseload/${referralId}?saved=${saved}`, 303)
}

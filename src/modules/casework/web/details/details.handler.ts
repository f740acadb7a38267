// SPDX-License-Identifier: AGPL-3.0-or-later
import { choicesFrom } from '../../../../platform/http/choices.ts'
import type { FastifyRequest } from 'fastify'
import { formPage } from '../../../../platform/http/form-page.ts'
import { COMPLEXITY_LABELS, MAX_CONTACT_ALLOWANCE, PATHWAY_LABELS } from '../../casework.ts'
import { changeEpisodeDetails } from '../../episode-changes.service.ts'
import { getCaseworkSettings, openCase } from '../../casework.service.ts'
import { contactAllowanceFor } from '../../team.ts'
import { changeActorOf, referralIdOf, type CaseParams } from '../shared.ts'
import { parseDetailsForm, readDetailsForm } from './details.form.ts'

const page = formPage({
  load: (request: FastifyRequest<CaseParams>) =>
    openCase(request.orgScope(), referralIdOf(request), changeActorOf(request)),
  initial: ({ episode: e }) => ({
    pathway: e.pathway,
    complexity: e.complexity ? String(e.complexity) : '',
    complexityReason: e.complexityReason,
    contactAllowance: String(e.contactAllowance),
    version: String(e.version),
  }),
  async view(found, { values }, request) {
    const p = found.referral.person
    const settings = await getCaseworkSettings(request.orgScope())
    return {
      template: 'modules/casework/web/details/details.njk',
      model: {
        pageTitle: `Pathway, complexity and contacts for ${p.givenName} ${p.familyName}`,
        backLinkHref: `/caseload/${found.referral.id}`,
        referralId: found.referral.id,
        personName: `${p.givenName} ${p.familyName}`,
        maxAllowance: MAX_CONTACT_ALLOWANCE,
        allowanceHint:
          `The service allows ${contactAllowanceFor(settings, 'short-term')} on the short-term pathway and ` +
          `${contactAllowanceFor(settings, 'long-term')} on the long-term. If you change pathway and leave this at the ` +
          `old pathway’s number, it takes the new pathway’s. Up to ${MAX_CONTACT_ALLOWANCE}.`,
        pathwayItems: choicesFrom(PATHWAY_LABELS, values.pathway ?? ''),
        complexityItems: choicesFrom(COMPLEXITY_LABELS, values.complexity ?? ''),
      },
    }
  },
  fieldIds: { pathway: 'pathway', complexity: 'complexity' },
  read: readDetailsForm,
  parse: parseDetailsForm,
  async save(request, { version, ...details }) {
    const referralId = referralIdOf(request)
    const changed = await changeEpisodeDetails(request.orgScope(), referralId, details, version, changeActorOf(request))
    return `/caseload/${referralId}?saved=${changed.allowanceFollowedPathway ? `details-${details.pathway}` : 'details'}`
  },
  conflict: {
    code: 'CASEWORK_CHANGED_BY_SOMEONE_ELSE',
    field: 'pathway',
    refresh: (fresh, values) => ({ ...values, version: String(fresh.episode.version) }),
  },
})

export const showDetails = page.show
export const submitDetails = page.submit

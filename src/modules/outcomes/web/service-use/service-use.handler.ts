// SPDX-License-Identifier: AGPL-3.0-or-later
// Health and care use for one person: GP appointments, A&E attendances, 999 calls and hospital admissions in the
// months before the referral and the same span after, entered by staff (or corrected after an import).
import type { FastifyRequest } from 'fastify'
import { formPage } from '../../../../platform/http/form-page.ts'
import { changeActorOf, openCase, referralIdOf } from '../../../casework/index.ts'
import { COUNT_LABELS, COUNTS, DEFAULT_MONTHS, PERIODS } from '../../service-use.ts'
import { getServiceUse, saveServiceUse } from '../../service-use.service.ts'
import { countField, parseServiceUseForm, readServiceUseForm, type ServiceUseValues } from './service-use.form.ts'

type CaseRequest = FastifyRequest<{ Params: { referralId: string } }>

const page = formPage({
  async load(request: CaseRequest) {
    const scope = request.orgScope()
    const found = await openCase(scope, referralIdOf(request), changeActorOf(request))
    return { found, stored: await getServiceUse(scope, found.episode.id) }
  },
  initial: ({ stored }): Partial<ServiceUseValues> => {
    const values: ServiceUseValues = { months: String(stored[0]?.months ?? DEFAULT_MONTHS) }
    for (const row of stored)
      for (const count of COUNTS) values[countField(row.period, count)] = row[count] === null ? '' : String(row[count])
    return values
  },
  view: ({ found, stored }) => {
    const p = found.referral.person
    return {
      template: 'modules/outcomes/web/service-use/service-use.njk',
      model: {
        pageTitle: `Health and care use for ${p.givenName} ${p.familyName}`,
        backLinkHref: `/caseload/${found.referral.id}/outcomes`,
        action: `/caseload/${found.referral.id}/outcomes/service-use`,
        personName: `${p.givenName} ${p.familyName}`,
        imported: stored.some((s) => s.source === 'imported'),
        periods: PERIODS.map((period) => ({
          period,
          legend: period === 'before' ? 'Before the referral' : 'After the referral',
          counts: COUNTS.map((count) => ({ field: countField(period, count), label: COUNT_LABELS[count] })),
        })),
      },
    }
  },
  read: readServiceUseForm,
  parse: parseServiceUseForm,
  async save(request, entry) {
    const scope = request.orgScope()
    const actor = changeActorOf(request)
    const found = await openCase(scope, referralIdOf(request), actor)
    await saveServiceUse(scope, found, entry, actor)
    return `/caseload/${found.referral.id}/outcomes?saved=service-use`
  },
})

export const showServiceUse = page.show
export const submitServiceUse = page.submit

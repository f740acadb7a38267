// SPDX-License-Identifier: AGPL-3.0-or-later
// "No service fits": the link worker records the need and why in one form, from the suggestions or from a
// suggested listing that does not fit (then the listing is named). The gaps add up in the reports.
import { randomUUID } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import { choicesFrom } from '../../../../platform/http/choices.ts'
import { formPage } from '../../../../platform/http/form-page.ts'
import { textField } from '../../../../platform/http/forms.ts'
import { isUuid } from '../../../../shared/uuid.ts'
import { changeActorOf, referralIdOf, type CaseParams } from '../../../casework/index.ts'
import { NEED_LABELS, NEEDS, type Need } from '../../../referrals/index.ts'
import { findListingName, openConnectionCase } from '../../connections.service.ts'
import { DETAILS_MAX, parseUnmetNeed, UNMET_REASON_LABELS } from '../../unmet-need.ts'
import { recordUnmetNeed } from '../../unmet-needs.service.ts'

interface UnmetNeedValues {
  need: string
  reason: string
  details: string
  service: string
  submissionKey: string
}

function readUnmetNeedForm(body: unknown): UnmetNeedValues {
  return {
    need: textField(body, 'need', 40),
    reason: textField(body, 'reason', 40),
    // textField keeps one character more than allowed, so an over-long entry is refused rather than cut short.
    details: textField(body, 'details', DETAILS_MAX),
    service: textField(body, 'service', 40),
    submissionKey: textField(body, 'submissionKey', 60),
  }
}

const page = formPage({
  async load(request: FastifyRequest<CaseParams>) {
    const scope = request.orgScope()
    const found = await openConnectionCase(scope, referralIdOf(request), changeActorOf(request))
    const chosen = textField(request.method === 'GET' ? request.query : request.body, 'service', 40)
    const serviceName = isUuid(chosen) ? ((await findListingName(scope, chosen)) ?? null) : null
    return { ...found, serviceId: serviceName ? chosen : '', serviceName }
  },
  initial: (found) => ({
    submissionKey: randomUUID(),
    service: found.serviceId,
    // One need: it is the one.
    need: found.referral.needs.length === 1 ? found.referral.needs[0] : '',
  }),
  view(found, { values }) {
    const p = found.referral.person
    // Their needs first, then every other need (a gap found in conversation may not be on the referral).
    const order: Need[] = [...found.referral.needs, ...NEEDS.filter((n) => !found.referral.needs.includes(n))]
    return {
      template: 'modules/connections/web/unmet-need/unmet-need.njk',
      model: {
        pageTitle: `Record a need no service could meet for ${p.givenName} ${p.familyName}`,
        backLinkHref: `/caseload/${found.referral.id}/connections/suggestions`,
        referralId: found.referral.id,
        personName: `${p.givenName} ${p.familyName}`,
        serviceName: found.serviceName,
        theirNeeds: found.referral.needs.length,
        needItems: choicesFrom(NEED_LABELS, values.need ?? '', order),
        reasonItems: choicesFrom(UNMET_REASON_LABELS, values.reason ?? ''),
        detailsMax: DETAILS_MAX,
      },
    }
  },
  read: readUnmetNeedForm,
  parse: parseUnmetNeed,
  async save(request, input) {
    const scope = request.orgScope()
    const actor = changeActorOf(request)
    const found = await openConnectionCase(scope, referralIdOf(request), actor)
    await recordUnmetNeed(scope, found, input, actor)
    return `/caseload/${found.referral.id}/connections/suggestions?saved=unmet-need`
  },
})

export const showUnmetNeed = page.show
export const submitUnmetNeed = page.submit

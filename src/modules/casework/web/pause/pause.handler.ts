// SPDX-License-Identifier: AGPL-3.0-or-later
import { choicesFrom } from '../../../../platform/http/choices.ts'
import type { FastifyRequest } from 'fastify'
import { formPage } from '../../../../platform/http/form-page.ts'
import { PAUSE_REASON_LABELS } from '../../casework.ts'
import { CaseworkError } from '../../casework.errors.ts'
import { openCase } from '../../casework.service.ts'
import { pauseEpisode } from '../../episode-changes.service.ts'
import { changeActorOf, referralIdOf, type CaseParams } from '../shared.ts'
import { parsePauseForm, readPauseForm } from './pause.form.ts'

const page = formPage({
  load: (request: FastifyRequest<CaseParams>) =>
    openCase(request.orgScope(), referralIdOf(request), changeActorOf(request)),
  redirectFrom: (found) => (found.referral.status === 'on-hold' ? `/caseload/${found.referral.id}` : undefined),
  view(found, { values }) {
    const p = found.referral.person
    return {
      template: 'modules/casework/web/pause/pause.njk',
      model: {
        pageTitle: `Pause support for ${p.givenName} ${p.familyName}`,
        backLinkHref: `/caseload/${found.referral.id}`,
        referralId: found.referral.id,
        personName: `${p.givenName} ${p.familyName}`,
        reasonItems: choicesFrom(PAUSE_REASON_LABELS, values.reason ?? ''),
      },
    }
  },
  read: readPauseForm,
  parse: parsePauseForm,
  async save(request, { reason, reasonText }) {
    const referralId = referralIdOf(request)
    try {
      await pauseEpisode(request.orgScope(), referralId, reason, reasonText, changeActorOf(request))
    } catch (error) {
      // A second click after the pause worked: show the page as it now is.
      if (!(error instanceof CaseworkError && error.code === 'CASEWORK_ALREADY_PAUSED')) throw error
    }
    return `/caseload/${referralId}?saved=paused`
  },
})

export const showPause = page.show
export const submitPause = page.submit

// SPDX-License-Identifier: AGPL-3.0-or-later
// "How often do you want to hear about your referrals?": immediate (coalesced) or a morning digest.
import type { FastifyRequest } from 'fastify'
import { formPage } from '../../../../platform/http/form-page.ts'
import { queryField, textField, type FormResult } from '../../../../platform/http/forms.ts'
import { getUpdateFrequency, saveUpdateFrequency } from '../../referrer-updates.service.ts'
import {
  isUpdateFrequency,
  UPDATE_FREQUENCIES,
  UPDATE_FREQUENCY_LABELS,
  type UpdateFrequency,
} from '../../referrer-updates.ts'

type Values = { updates: string }

function parse({ updates }: Values): FormResult<UpdateFrequency> {
  if (!isUpdateFrequency(updates))
    return { ok: false, errors: { updates: 'Select how often you want to hear about your referrals' } }
  return { ok: true, value: updates }
}

const page = formPage({
  // The setting belongs to the signed-in person, whichever organisation they refer from.
  load: (request: FastifyRequest) => getUpdateFrequency(request.server.db, request.actor!.userId),
  initial: (chosen): Partial<Values> => ({ updates: chosen }),
  view: (_chosen, { values }, request) => ({
    template: 'modules/referrals/web/my-referrals/update-settings.njk',
    model: {
      pageTitle: 'How often you hear about your referrals',
      backLinkHref: '/my-referrals',
      flash:
        queryField(request.query, 'saved') === '1'
          ? 'Saved. Updates already waiting keep the time they were due.'
          : undefined,
      items: UPDATE_FREQUENCIES.map((f) => ({
        value: f,
        text: UPDATE_FREQUENCY_LABELS[f],
        checked: values.updates === f,
      })),
    },
  }),
  read: (body): Values => ({ updates: textField(body, 'updates', 20) }),
  parse,
  async save(request, updates) {
    await saveUpdateFrequency(request.server.db, request.actor!.userId, updates, request.auditActor())
    return '/my-referrals/settings?saved=1'
  },
})

export const showUpdateSettings = page.show
export const submitUpdateSettings = page.submit

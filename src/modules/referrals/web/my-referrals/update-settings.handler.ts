// SPDX-License-Identifier: AGPL-3.0-or-later
// "How often do you want to hear about your referrals?": immediate (coalesced) or a morning digest.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { errorListFor, queryField, textField, type FieldErrors } from '../../../../platform/http/forms.ts'
import { getUpdateFrequency, saveUpdateFrequency } from '../../referrer-updates.service.ts'
import { isUpdateFrequency, UPDATE_FREQUENCIES, UPDATE_FREQUENCY_LABELS } from '../../referrer-updates.ts'

function render(reply: FastifyReply, chosen: string, errors: FieldErrors, flash?: string, status = 200) {
  return reply.page(
    'modules/referrals/web/my-referrals/update-settings.njk',
    {
      pageTitle: 'How often you hear about your referrals',
      backLinkHref: '/my-referrals',
      flash,
      errors,
      errorList: errorListFor(errors),
      items: UPDATE_FREQUENCIES.map((f) => ({ value: f, text: UPDATE_FREQUENCY_LABELS[f], checked: chosen === f })),
    },
    status,
  )
}

export async function showUpdateSettings(request: FastifyRequest, reply: FastifyReply) {
  const chosen = await getUpdateFrequency(request.server.db, request.actor!.userId)
  const saved = queryField(request.query, 'saved') === '1'
  return render(reply, chosen, {}, saved ? 'Saved. Updates already waiting keep the time they were due.' : undefined)
}

export async function submitUpdateSettings(request: FastifyRequest, reply: FastifyReply) {
  const updates = textField(request.body, 'updates', 20)
  if (!isUpdateFrequency(updates))
    return render(reply, '', { updates: 'Select how often you want to hear about your referrals' }, undefined, 400)
  await saveUpdateFrequency(request.server.db, request.actor!.userId, updates, request.auditActor())
  return reply.redirect('/my-referrals/settings?saved=1', 303)
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import { appendAuditEvent } from '../../platform/audit/audit.service.ts'
import { inTransaction, type OrgScope } from '../../platform/db/org-scope.ts'
import type { TextSender } from '../../platform/notify/notify.ts'
import { londonToday } from './casework.ts'
import { CaseworkError } from './casework.errors.ts'
import * as repo from './casework.repository.ts'
import type { Case, ChangeActor } from './casework.service.ts'
import { ukMobileOf } from '../../shared/uk-mobile.ts'

/** Why a text cannot be sent to this person, in words for the page; undefined when it can. */
export function whyNoText(found: Case, texts: TextSender): string | undefined {
  const person = found.referral.person
  if (texts.kind === 'none')
    return 'Text messages are not set up for this service yet. An administrator adds a GOV.UK Notify key to turn them on.'
  if (person.contactMethodsToAvoid.includes('text'))
    return `${person.givenName} has asked not to be contacted by text message.`
  if (!ukMobileOf(person.phone)) return `There is no UK mobile number on ${person.givenName}’s record.`
  return undefined
}

/**
 * Sends a text and records it on the contact history, in one transaction holding the episode's row: a retried
 * submission finds its record and sends nothing; a failed send records nothing. A text does not count against
 * the contact allowance or as a first contact: it may never be read. `found` is the case as `openCase` gave it to
 * the caller, for this link worker.
 */
export async function sendText(
  scope: OrgScope,
  found: Case,
  text: { submissionKey: string; message: string; template: 'reminder' | 'own' },
  actor: ChangeActor,
  texts: TextSender,
  now = new Date(),
): Promise<{ sent: boolean }> {
  const referralId = found.referral.id
  const refused = whyNoText(found, texts)
  if (refused) throw new CaseworkError('CASEWORK_TEXT_NOT_ALLOWED', { refused })
  const to = ukMobileOf(found.referral.person.phone)!
  return scope.db.transaction(async (tx) => {
    const txScope = inTransaction(scope, tx)
    const episode = await repo.lockEpisodeByReferral(txScope, referralId)
    if (!episode) throw new CaseworkError('CASEWORK_NOT_FOUND')
    const submissionKey = `${episode.id}:text:${text.submissionKey}`
    if (await repo.findContactBySubmissionKey(txScope, submissionKey)) return { sent: false }
    const { id: notificationId } = await texts.send({ to, message: text.message, reference: submissionKey })
    const contactId = await repo.insertContactIfNew(txScope, {
      episodeId: episode.id,
      submissionKey,
      type: 'text-or-email',
      contactOn: londonToday(now),
      durationMinutes: 0,
      whoWasThere: '',
      notes: `Text message sent to ${to}: “${text.message}”`,
      riskCheck: null,
      recordedByUserId: actor.userId,
      recordedByName: actor.name,
      recordedAt: now,
    })
    await appendAuditEvent(tx, actor.audit, {
      action: 'text-send',
      recordType: 'episode',
      recordId: episode.id,
      details: { contactId: contactId ?? null, template: text.template, notificationId },
    })
    return { sent: true }
  })
}

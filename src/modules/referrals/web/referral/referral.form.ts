// SPDX-License-Identifier: AGPL-3.0-or-later
import { textField, type FieldErrors } from '../../../../platform/http/forms.ts'
import { isDeclineReason } from '../../referral.ts'
import { PROGRESS_STEPS, type ProgressStep } from '../../referral-status.ts'
import { type ReferralChange, type ReferralChangeKind } from '../../referral-change.ts'
import { isUuid } from '../../../../shared/uuid.ts'

const TEXT_MAX = 2000
const KINDS: readonly ReferralChangeKind[] = [
  'accept',
  'reallocate',
  'decline',
  'redirect',
  'progress',
  'pause',
  'resume',
  'close',
  'declined-by-person',
  'could-not-contact',
  'entered-in-error',
]

export interface ChangeFormValues {
  kind: string
  ownerUserId: string
  declineReason: string
  text: string
  toOrganisationId: string
  /** For a redirect: how the person agreed to it ("verbal", "written"), or "no". */
  agreedBy: string
  step: string
  connectedTo: string
  outcomes: string
  version: string
  /** The identity form's answer (see submitIdentity). */
  resolution?: string
}

export function readChange(body: unknown): ChangeFormValues {
  return {
    kind: textField(body, 'kind', 40),
    ownerUserId: textField(body, 'ownerUserId', 40),
    declineReason: textField(body, 'declineReason', 40),
    text: textField(body, 'text', TEXT_MAX),
    toOrganisationId: textField(body, 'toOrganisationId', 40),
    agreedBy: textField(body, 'agreedBy', 10),
    step: textField(body, 'step', 40),
    connectedTo: textField(body, 'connectedTo', TEXT_MAX),
    outcomes: textField(body, 'outcomes', TEXT_MAX),
    version: textField(body, 'version', 12),
  }
}

/** Parses one of the referral page's forms; field names are prefixed by kind so each form shows its own errors. */
export function parseChange(
  values: ChangeFormValues,
): { ok: true; value: ReferralChange; version: number | undefined } | { ok: false; kind: string; errors: FieldErrors } {
  const errors: FieldErrors = {}
  const kind = values.kind as ReferralChangeKind
  const version = /^\d+$/.test(values.version) ? Number(values.version) : undefined
  if (!KINDS.includes(kind)) return { ok: false, kind: '', errors: { kind: 'Choose what to do with the referral' } }
  if (values.text.length > TEXT_MAX) errors[`${kind}-text`] = `The reason must be ${TEXT_MAX} characters or fewer`
  const needText = (message: string): void => {
    if (!values.text) errors[`${kind}-text`] = message
  }
  let change: ReferralChange | undefined
  switch (kind) {
    case 'accept':
    case 'reallocate':
      if (!isUuid(values.ownerUserId)) errors[`${kind}-ownerUserId`] = 'Select a link worker'
      else change = { kind, ownerUserId: values.ownerUserId }
      break
    case 'decline':
      if (!isDeclineReason(values.declineReason))
        errors['decline-declineReason'] = 'Select why the referral is declined'
      if (values.declineReason === 'other') needText('Explain why the referral is declined')
      if (isDeclineReason(values.declineReason)) change = { kind, reason: values.declineReason, text: values.text }
      break
    case 'redirect':
      if (!isUuid(values.toOrganisationId))
        errors['redirect-toOrganisationId'] = 'Select the service to redirect the referral to'
      if (values.agreedBy === 'no')
        errors['redirect-agreedBy'] =
          'Ask them first: without their agreement the referral cannot go to another service. Decline it instead'
      else if (values.agreedBy !== 'verbal' && values.agreedBy !== 'written')
        errors['redirect-agreedBy'] = 'Select whether the person has agreed to their referral going to this service'
      if (isUuid(values.toOrganisationId) && (values.agreedBy === 'verbal' || values.agreedBy === 'written'))
        change = { kind, toOrganisationId: values.toOrganisationId, text: values.text, agreedBy: values.agreedBy }
      break
    case 'progress':
      if (!(PROGRESS_STEPS as readonly string[]).includes(values.step))
        errors['progress-step'] = 'Select the step reached'
      else change = { kind, step: values.step as ProgressStep }
      break
    case 'pause':
      needText('Say why the referral is on hold')
      change = { kind, reason: values.text }
      break
    case 'resume':
      change = { kind }
      break
    case 'close':
      if (values.connectedTo.length > TEXT_MAX || values.outcomes.length > TEXT_MAX)
        errors['close-connectedTo'] = `Each answer must be ${TEXT_MAX} characters or fewer`
      change = { kind, connectedTo: values.connectedTo, outcomes: values.outcomes }
      break
    case 'declined-by-person':
      needText('Say what the person said, or why they declined')
      change = { kind, reason: values.text }
      break
    case 'could-not-contact':
      needText('Say how you tried to contact them')
      change = { kind, reason: values.text }
      break
    case 'entered-in-error':
      needText('Say why the referral was entered in error')
      change = { kind, reason: values.text }
      break
    case 'withdraw':
      break
  }
  if (Object.keys(errors).length > 0 || !change) return { ok: false, kind, errors }
  return { ok: true, value: change, version }
}

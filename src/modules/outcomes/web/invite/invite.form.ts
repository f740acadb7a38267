// SPDX-License-Identifier: AGPL-3.0-or-later
import { listField, textField, type FieldErrors, type FormResult } from '../../../../platform/http/forms.ts'
import { inAskingOrder } from '../../catalogue.ts'
import { SEND_VIA, type InvitationRequest, type SendVia } from '../../invitations.service.ts'
import { TIMEPOINTS, type Timepoint } from '../../outcome.ts'

export interface InviteValues {
  timepoint: string
  instruments: string[]
  via: string
}

export function readInviteForm(body: unknown): InviteValues {
  return {
    timepoint: textField(body, 'inviteTimepoint', 20),
    instruments: listField(body, 'inviteInstruments').slice(0, 20),
    via: textField(body, 'via', 10),
  }
}

export function parseInviteForm(values: InviteValues, askable: readonly string[]): FormResult<InvitationRequest> {
  const errors: FieldErrors = {}
  if (!(TIMEPOINTS as readonly string[]).includes(values.timepoint))
    errors['inviteTimepoint'] = 'Select when in their support this is'
  if (values.instruments.length === 0) errors['inviteInstruments'] = 'Select the questionnaires to send'
  else if (!values.instruments.every((k) => askable.includes(k)))
    errors['inviteInstruments'] = 'Select questionnaires from the list'
  if (!(SEND_VIA as readonly string[]).includes(values.via)) errors['via'] = 'Select how to give them the link'
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return {
    ok: true,
    value: {
      timepoint: values.timepoint as Timepoint,
      instrumentKeys: inAskingOrder([...new Set(values.instruments)]),
      via: values.via as SendVia,
    },
  }
}

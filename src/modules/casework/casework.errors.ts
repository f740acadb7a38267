// SPDX-License-Identifier: AGPL-3.0-or-later
import { moduleError } from '../../platform/http/errors.ts'

export const CASEWORK_ERRORS = {
  CASEWORK_NOT_FOUND: { status: 404, message: 'Page not found' },
  CASEWORK_NOT_ON_CASELOAD: { status: 404, message: 'Page not found' },
  CASEWORK_COVER_EXISTS: {
    status: 409,
    message: 'They already cover for this link worker. End that cover first to change its last day',
  },
  CASEWORK_NOT_A_LINK_WORKER: { status: 400, message: 'Choose link workers of this service' },
  CASEWORK_NOT_OPEN: { status: 409, message: 'This person’s support has ended, so it cannot be changed here' },
  CASEWORK_ALREADY_PAUSED: { status: 409, message: 'Support is already paused' },
  CASEWORK_NOT_PAUSED: { status: 409, message: 'Support is not paused' },
  CASEWORK_AVOIDED_METHOD: {
    status: 409,
    message: 'They asked not to be contacted this way: say why you did before recording the contact',
  },
  CASEWORK_PAUSED: { status: 409, message: 'Resume support before recording a contact' },
  CASEWORK_TEXT_NOT_ALLOWED: { status: 409, message: 'A text message cannot be sent to this person' },
  CASEWORK_CHANGED_BY_SOMEONE_ELSE: {
    status: 409,
    message: 'Someone else changed this episode while you were working on it. Check the details and try again',
  },
  CASEWORK_SETTINGS_CHANGED: {
    status: 409,
    message: 'Someone else saved the casework settings while you were changing them. Check the numbers and save again',
  },
} as const satisfies Record<string, { status: number; message: string }>

export type CaseworkErrorCode = keyof typeof CASEWORK_ERRORS

export class CaseworkError extends moduleError(CASEWORK_ERRORS) {}

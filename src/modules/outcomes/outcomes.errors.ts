// SPDX-License-Identifier: AGPL-3.0-or-later
import { moduleError } from '../../platform/http/errors.ts'

export const OUTCOMES_ERRORS = {
  OUTCOMES_NOT_FOUND: { status: 404, message: 'Page not found' },
  OUTCOMES_INSTRUMENT_UNAVAILABLE: {
    status: 409,
    message: 'This questionnaire is licensed and your organisation has not loaded its wording, so it cannot be asked',
  },
  OUTCOMES_CANNOT_SEND: { status: 409, message: 'The link cannot be sent that way' },
  OUTCOMES_LINK_INVALID: { status: 404, message: 'This link has expired or is not valid' },
  OUTCOMES_PACK_INVALID: { status: 422, message: 'The content pack does not fit the questionnaire' },
} as const satisfies Record<string, { status: number; message: string }>

export class OutcomesError extends moduleError(OUTCOMES_ERRORS) {}

// SPDX-License-Identifier: AGPL-3.0-or-later
import { moduleError } from '../../platform/http/errors.ts'

export const REFERRALS_ERRORS = {
  REFERRALS_NOT_FOUND: { status: 404, message: 'Referral not found' },
  REFERRALS_INVALID_SUBMISSION: { status: 400, message: 'Check the details of the referral' },
  REFERRALS_SERVICE_NOT_FOUND: { status: 400, message: 'Choose a social prescribing service in your area' },
  REFERRALS_SUBMISSION_KEY_CONFLICT: {
    status: 409,
    message: 'This submission key was already used for a different referral',
  },
  REFERRALS_TRANSITION_NOT_ALLOWED: {
    status: 409,
    message: 'The referral cannot move to that status from where it is now',
  },
  REFERRALS_REASON_REQUIRED: { status: 400, message: 'Give a reason for this change' },
  REFERRALS_NO_CHANGE: { status: 409, message: 'The referral is already at that step' },
  REFERRALS_CHANGED_BY_SOMEONE_ELSE: {
    status: 409,
    message: 'Someone else changed this referral while you were looking at it. Check it and try again',
  },
  REFERRALS_CONSENT_WITHDRAWN: {
    status: 409,
    message: 'They have withdrawn their consent, so the referral cannot be accepted. Decline it instead',
  },
  REFERRALS_OWNER_NOT_A_LINK_WORKER: { status: 400, message: 'Choose a link worker of this service' },
  REFERRALS_DRAFT_NOT_FOUND: { status: 404, message: 'This referral form has expired. Start a new referral' },
  REFERRALS_IDENTITY_CONFIRMED: { status: 409, message: 'This referral’s identity has already been confirmed' },
  REFERRALS_NO_MESSAGE_BACK: { status: 404, message: 'There is no message back for this referral yet' },
} as const satisfies Record<string, { status: number; message: string }>

export type ReferralsErrorCode = keyof typeof REFERRALS_ERRORS

export class ReferralsError extends moduleError(REFERRALS_ERRORS) {}

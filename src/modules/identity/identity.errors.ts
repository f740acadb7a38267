// SPDX-License-Identifier: AGPL-3.0-or-later
import { moduleError } from '../../platform/http/errors.ts'

export const IDENTITY_ERRORS = {
  IDENTITY_ORGANISATION_NOT_FOUND: { status: 404, message: 'Organisation not found' },
  IDENTITY_ORGANISATION_EXISTS: { status: 409, message: 'An organisation with that name or ODS code already exists' },
  IDENTITY_AREA_NOT_FOUND: { status: 404, message: 'Area not found' },
  IDENTITY_USER_NOT_FOUND: { status: 404, message: 'User not found' },
  IDENTITY_USER_EXISTS: { status: 409, message: 'A user with that email address already exists' },
  IDENTITY_NOT_A_MEMBER: { status: 403, message: 'You are not a member of that organisation' },
  IDENTITY_LAST_ADMINISTRATOR: { status: 409, message: 'An organisation must keep at least one administrator' },
  IDENTITY_INVITATION_INVALID: { status: 404, message: 'This invitation link is not valid or has expired' },
  IDENTITY_WRONG_PASSWORD: { status: 400, message: 'Your current password is not correct' },
  IDENTITY_INVALID_ROLE: { status: 400, message: 'Unknown role' },
  IDENTITY_INVALID_INPUT: { status: 400, message: 'Check the details you entered' },
} as const satisfies Record<string, { status: number; message: string }>

export type IdentityErrorCode = keyof typeof IDENTITY_ERRORS

export class IdentityError extends moduleError(IDENTITY_ERRORS) {}

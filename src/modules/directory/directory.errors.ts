// SPDX-License-Identifier: AGPL-3.0-or-later
import { moduleError } from '../../platform/http/errors.ts'

export const DIRECTORY_ERRORS = {
  DIRECTORY_SERVICE_NOT_FOUND: { status: 404, message: 'Service not found' },
  DIRECTORY_PROVIDER_NOT_FOUND: { status: 400, message: 'Select an organisation from the list, or none' },
  DIRECTORY_VERSION_NOT_FOUND: { status: 404, message: 'Change not found' },
  DIRECTORY_VERSION_DECIDED: { status: 409, message: 'Someone has already approved or rejected this change' },
  DIRECTORY_LINK_INVALID: {
    status: 404,
    message: 'This link is not valid or has expired. Ask the directory team for a new one',
  },
  DIRECTORY_NO_CONTACT_EMAIL: { status: 409, message: 'This listing has no contact email address to send a link to' },
  DIRECTORY_SIGNPOSTING_NOT_FOUND: { status: 404, message: 'Signposting record not found' },
} as const satisfies Record<string, { status: number; message: string }>

export type DirectoryErrorCode = keyof typeof DIRECTORY_ERRORS

export class DirectoryError extends moduleError(DIRECTORY_ERRORS) {}

// SPDX-License-Identifier: AGPL-3.0-or-later
import { moduleError } from '../../platform/http/errors.ts'

export const API_CLIENTS_ERRORS = {
  API_CLIENTS_NOT_FOUND: { status: 404, message: 'API key not found' },
  API_CLIENTS_ORGANISATION_NOT_FOUND: { status: 404, message: 'Organisation not found' },
  API_CLIENTS_ALREADY_CREATED: {
    status: 409,
    message: 'This form was already submitted and its key created. A key is shown only once',
  },
  API_CLIENTS_INVALID_NAME: { status: 400, message: 'Enter a name for the API key' },
  API_CLIENTS_UNAUTHENTICATED: {
    status: 401,
    message: 'Send a valid, unrevoked API key as "Authorization: Bearer <key>"',
  },
} as const satisfies Record<string, { status: number; message: string }>

export type ApiClientsErrorCode = keyof typeof API_CLIENTS_ERRORS

export class ApiClientsError extends moduleError(API_CLIENTS_ERRORS) {}

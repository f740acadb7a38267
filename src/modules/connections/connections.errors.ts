// SPDX-License-Identifier: AGPL-3.0-or-later
import { moduleError } from '../../platform/http/errors.ts'

export const CONNECTIONS_ERRORS = {
  CONNECTIONS_NOT_FOUND: { status: 404, message: 'Page not found' },
  CONNECTIONS_SERVICE_NOT_FOUND: {
    status: 422,
    message: 'That service is not in your area’s directory. Choose a service from the list',
  },
  CONNECTIONS_SERVICE_CLOSED: {
    status: 422,
    message: 'That service is no longer running. Choose another service',
  },
  CONNECTIONS_NO_CONSENT: {
    status: 409,
    message: 'They have not agreed to share their details with community groups, so nothing can be sent',
  },
  CONNECTIONS_CHANGED_BY_SOMEONE_ELSE: {
    status: 409,
    message: 'Someone else updated this connection while you were working on it. Check it and try again',
  },
  CONNECTIONS_ALREADY_CONNECTED: {
    status: 409,
    message: 'They are already connected to this service. Update that connection instead',
  },
  CONNECTIONS_NOT_ALLOWED_NOW: { status: 409, message: 'This connection cannot be updated that way now' },
  CONNECTIONS_LINK_INVALID: { status: 404, message: 'This link has expired or is not valid' },
  CONNECTIONS_LINK_ANSWERED: { status: 409, message: 'This connection has already been answered' },
  CONNECTIONS_CONSENT_WITHDRAWN: {
    status: 410,
    message: 'The person has withdrawn their agreement to share their details',
  },
} as const satisfies Record<string, { status: number; message: string }>

export type ConnectionsErrorCode = keyof typeof CONNECTIONS_ERRORS

export class ConnectionsError extends moduleError(CONNECTIONS_ERRORS) {}

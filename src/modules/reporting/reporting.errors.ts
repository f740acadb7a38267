// SPDX-License-Identifier: AGPL-3.0-or-later
import { moduleError } from '../../platform/http/errors.ts'

export const REPORTING_ERRORS = {
  REPORTING_NO_SERVICES: { status: 403, message: 'Reports are for a social prescribing service or its commissioner' },
  REPORTING_UNKNOWN_TABLE: { status: 404, message: 'Page not found' },
} as const satisfies Record<string, { status: number; message: string }>

export type ReportingErrorCode = keyof typeof REPORTING_ERRORS

export class ReportingError extends moduleError(REPORTING_ERRORS) {}

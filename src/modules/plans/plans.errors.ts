// SPDX-License-Identifier: AGPL-3.0-or-later
import { moduleError } from '../../platform/http/errors.ts'

export const PLANS_ERRORS = {
  PLANS_NOT_FOUND: { status: 404, message: 'Page not found' },
  PLANS_CHANGED_BY_SOMEONE_ELSE: {
    status: 409,
    message: 'Someone else changed this plan while you were working on it. Check it and try again',
  },
  PLANS_NOTHING_TO_AGREE: { status: 409, message: 'There is no draft plan to agree. Make or change the plan first' },
  PLANS_NOT_AGREED: { status: 409, message: 'Record the person’s agreement to the plan before reviewing it' },
} as const satisfies Record<string, { status: number; message: string }>

export type PlansErrorCode = keyof typeof PLANS_ERRORS

export class PlansError extends moduleError(PLANS_ERRORS) {}

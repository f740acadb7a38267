// SPDX-License-Identifier: AGPL-3.0-or-later
import { moduleError } from '../../platform/http/errors.ts'

export const PEOPLE_ERRORS = {
  PEOPLE_NOT_FOUND: { status: 404, message: 'Page not found' },
  PEOPLE_CHANGED_BY_SOMEONE_ELSE: {
    status: 409,
    message: 'Someone else changed these details while you were editing them. Check the details and try again',
  },
  PEOPLE_FLAG_NOT_FOUND: { status: 404, message: 'Page not found' },
  PEOPLE_FLAG_ALREADY_ENDED: { status: 409, message: 'This flag has already been ended' },
  PEOPLE_MERGE_SAME_RECORD: { status: 409, message: 'A record cannot be merged with itself' },
  PEOPLE_MERGE_ALREADY_MERGED: {
    status: 409,
    message: 'One of these records has already been merged into another. Start again from the record kept',
  },
  PEOPLE_MERGE_CHAIN: {
    status: 409,
    message:
      'Other records have been merged into the record you chose to merge away. Keep that record instead, or undo its merges first',
  },
  PEOPLE_MERGE_NOT_FOUND: { status: 404, message: 'Page not found' },
  PEOPLE_MERGE_ALREADY_UNDONE: { status: 409, message: 'This merge has already been undone' },
} as const satisfies Record<string, { status: number; message: string }>

export type PeopleErrorCode = keyof typeof PEOPLE_ERRORS

/** The people module's one error type; codes are PEOPLE_*. */
export class PeopleError extends moduleError(PEOPLE_ERRORS) {}

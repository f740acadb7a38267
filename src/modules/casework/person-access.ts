// SPDX-License-Identifier: AGPL-3.0-or-later
// Who may see a person (ADR 0024). Supervisors see everyone the service supports. A link worker sees the people
// they support (whose referral they hold), the people of colleagues they cover for, and, through break-glass
// with a reason, anyone else in the service for a short time, to read only.
import { isoDateFrom, type FieldErrors, type FormResult } from '../../platform/http/forms.ts'
import { isUuid } from '../../shared/uuid.ts'
import { addDays } from './casework.ts'

/** How long a break-glass window lasts: long enough for a phone call and its follow-up, short enough to lapse. */
export const BREAK_GLASS_MINUTES = 60
export const BREAK_GLASS_REASON_MIN = 10
export const BREAK_GLASS_REASON_MAX = 500
/** The longest cover a supervisor can set in one go (a long absence is a reallocation, not cover). */
export const COVER_MAX_DAYS = 92

export interface BreakGlassWindow {
  id: string
  userId: string
  userName: string
  reason: string
  startedAt: Date
  expiresAt: Date
  endedAt: Date | null
  reads: { personId: string; name: string; firstReadAt: Date }[]
}

export interface NewBreakGlass {
  userId: string
  userName: string
  reason: string
  submissionKey: string
  startedAt: Date
  expiresAt: Date
}

export interface CoverRow {
  id: string
  coveringUserId: string
  coveringName: string
  coveredUserId: string
  coveredName: string
  endsOn: string
  setByName: string
  createdAt: Date
}

export interface NewCover {
  coveringUserId: string
  coveredUserId: string
  endsOn: string
  submissionKey: string
  setByName: string
  createdAt: Date
}

/** What the person asking may see of people's records. */
export type PersonAccess =
  | { kind: 'service' }
  | { kind: 'supported'; userIds: string[]; breakGlass: Omit<BreakGlassWindow, 'reads'> | null }

/** Why a person's record may be opened, or that it may not. */
export type PersonAccessGrant = 'service' | 'support' | 'break-glass' | 'refused'

/** Whether a grant lets the person asking change the record (break-glass is for reading only). */
export function grantAllows(grant: PersonAccessGrant, purpose: 'read' | 'change'): boolean {
  if (grant === 'refused') return false
  return purpose === 'read' || grant !== 'break-glass'
}

export interface BreakGlassValues {
  reason: string
  then: string
  submissionKey: string
}

/** Where to go after opening a window: only a person page, so the form cannot be used to redirect elsewhere. */
export function safeThen(value: string): string {
  return /^\/people(\/[0-9a-f-]{36})?$/.test(value) ? value : '/people'
}

export function parseBreakGlass(
  values: BreakGlassValues,
): FormResult<{ reason: string; then: string; submissionKey: string }> {
  const errors: FieldErrors = {}
  const reason = values.reason.trim()
  if (!reason) errors['reason'] = 'Enter why you need to see records of people you do not support'
  else if (reason.length < BREAK_GLASS_REASON_MIN)
    errors['reason'] = `Reason must be at least ${BREAK_GLASS_REASON_MIN} characters: say what has happened`
  else if (reason.length > BREAK_GLASS_REASON_MAX)
    errors['reason'] = `Reason must be ${BREAK_GLASS_REASON_MAX} characters or fewer`
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return {
    ok: true,
    value: { reason, then: safeThen(values.then), submissionKey: values.submissionKey || crypto.randomUUID() },
  }
}

export interface CoverValues {
  covering: string
  covered: string
  endsOnDay: string
  endsOnMonth: string
  endsOnYear: string
  submissionKey: string
}

/** Checks the cover form against today's date (the service checks both are the team's link workers). */
export function parseCover(values: CoverValues, today: string): FormResult<Omit<NewCover, 'setByName' | 'createdAt'>> {
  const errors: FieldErrors = {}
  if (!isUuid(values.covered)) errors['covered'] = 'Select the link worker who is away'
  if (!isUuid(values.covering)) errors['covering'] = 'Select the link worker who will cover'
  else if (values.covering === values.covered) errors['covering'] = 'Select a different link worker to cover'
  const latest = addDays(today, COVER_MAX_DAYS)
  const endsOn = isoDateFrom(values.endsOnDay, values.endsOnMonth, values.endsOnYear)
  if (!values.endsOnDay && !values.endsOnMonth && !values.endsOnYear) errors['endsOn'] = 'Enter the last day of cover'
  else if (!endsOn) errors['endsOn'] = 'The last day of cover must be a real date'
  else if (endsOn < today) errors['endsOn'] = 'The last day of cover must be today or in the future'
  else if (endsOn > latest)
    errors['endsOn'] =
      `Cover can be set for up to ${COVER_MAX_DAYS} days; for a longer absence, reallocate the caseload`
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return {
    ok: true,
    value: {
      coveringUserId: values.covering,
      coveredUserId: values.covered,
      endsOn: endsOn!,
      submissionKey: values.submissionKey || crypto.randomUUID(),
    },
  }
}

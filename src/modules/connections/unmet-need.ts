// SPDX-License-Identifier: AGPL-3.0-or-later
// A need no service could meet (issue #14): when nothing fits, the link worker records the need and why, so the
// gaps add up into the list commissioners must fund and the start of community development.
import { isUuid } from '../../shared/uuid.ts'
import { isNeed, NEED_LABELS, type Need } from '../referrals/index.ts'

export const UNMET_REASONS = [
  'none-exists',
  'too-far',
  'wrong-time',
  'cost',
  'access',
  'waiting-list',
  'full',
  'other',
] as const
export type UnmetReason = (typeof UNMET_REASONS)[number]
export const UNMET_REASON_LABELS: Record<UnmetReason, string> = {
  'none-exists': 'No service for this need exists',
  'too-far': 'Too far away, or hard to get to',
  'wrong-time': 'Not at a time they can go',
  cost: 'Costs more than they can pay',
  access: 'Not accessible to them (disability, language, culture)',
  'waiting-list': 'Waiting list too long',
  full: 'Full, not taking new people',
  other: 'Another reason',
}

export function isUnmetReason(value: string): value is UnmetReason {
  return (UNMET_REASONS as readonly string[]).includes(value)
}

export interface UnmetNeedInput {
  need: Need
  reason: UnmetReason
  /** The listing that did not fit, when it was one. */
  directoryServiceId: string | null
  details: string
  submissionKey: string
}

export interface UnmetNeed extends Omit<UnmetNeedInput, 'submissionKey'> {
  id: string
  serviceName: string | null
  recordedOn: string
  recordedByName: string
}

export const DETAILS_MAX = 500

/** What the form's values become, or what is wrong with them. */
export function parseUnmetNeed(values: {
  need: string
  reason: string
  details: string
  service: string
  submissionKey: string
}): { ok: true; value: UnmetNeedInput } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {}
  if (!isNeed(values.need)) errors['need'] = 'Select the need no service could meet'
  if (!isUnmetReason(values.reason)) errors['reason'] = 'Select why no service could meet it'
  const details = values.details.trim()
  if (values.reason === 'other' && details === '') errors['details'] = 'Say what the other reason is'
  if (details.length > DETAILS_MAX) errors['details'] = `Details must be ${DETAILS_MAX} characters or fewer`
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return {
    ok: true,
    value: {
      need: values.need as Need,
      reason: values.reason as UnmetReason,
      directoryServiceId: isUuid(values.service) ? values.service : null,
      details,
      submissionKey: values.submissionKey,
    },
  }
}

/** The outward code of a UK postcode ("AB24 5AX" → "AB24"), where a gap is, without saying who. */
export function postcodeDistrict(postcode: string): string {
  const compact = postcode.replace(/\s+/g, '').toUpperCase()
  return compact.length > 3 ? compact.slice(0, -3) : compact
}

export function needLabel(need: Need): string {
  return NEED_LABELS[need]
}

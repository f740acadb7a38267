// SPDX-License-Identifier: AGPL-3.0-or-later
// When a referral's NHS number and date of birth match a record the service holds, are the name and address
// the same too? If not, the referral must not silently take the held record's identity (issue: "a referral can
// silently take another person's name"): it keeps its own record until a link worker confirms who it is.
import type { PersonDetails } from './person.ts'

export type IdentityDifference = 'name' | 'address'

export const IDENTITY_RESOLUTIONS = ['new-details', 'details-held', 'different-person'] as const
export type IdentityResolution = (typeof IDENTITY_RESOLUTIONS)[number]
export const IDENTITY_RESOLUTION_LABELS: Record<IdentityResolution, string> = {
  'new-details': 'The same person, who has a new name or address: update their record with the referral’s details',
  'details-held': 'The same person: the details we hold are right and the referral’s are out of date or mistyped',
  'different-person': 'Different people: the NHS number or date of birth on the referral is wrong',
}
export function isIdentityResolution(value: unknown): value is IdentityResolution {
  return typeof value === 'string' && (IDENTITY_RESOLUTIONS as readonly string[]).includes(value)
}

/** Letters and digits only, accents folded and case ignored: "O’Brien" and "o brien" are the same name. */
function folded(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
}

type Identity = Pick<PersonDetails, 'givenName' | 'familyName' | 'addressLine1' | 'postcode'>

/**
 * How a referral's person differs from the record its identifiers matched. Spelling of case, spaces,
 * punctuation and accents is not a difference; a detail one side leaves blank is not a difference either.
 */
export function identityDifferences(held: Identity, referred: Identity): IdentityDifference[] {
  const differences: IdentityDifference[] = []
  if (folded(held.givenName) !== folded(referred.givenName) || folded(held.familyName) !== folded(referred.familyName))
    differences.push('name')
  const heldPostcode = folded(held.postcode)
  const referredPostcode = folded(referred.postcode)
  const heldLine = folded(held.addressLine1)
  const referredLine = folded(referred.addressLine1)
  if (
    (heldPostcode && referredPostcode && heldPostcode !== referredPostcode) ||
    (heldLine && referredLine && heldLine !== referredLine)
  )
    differences.push('address')
  return differences
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// UK postcode format (BS 7666, translated for JavaScript). A valid format does not mean the postcode exists:
// existence and coordinates come from the postcodes table (ONS Postcode Directory).

const UK_POSTCODE =
  /^(?:GIR ?0AA|(?:[A-PR-UWYZ][0-9][0-9A-HJKSTUW]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9ABEHMNPRVWXY]?) ?[0-9][ABD-HJLNP-UW-Z]{2})$/

/** Upper-cases, removes spaces and puts one space before the inward code: " ab10 1aa" → "AB10 1AA". */
export function normalisePostcode(input: string): string {
  const compact = input.toUpperCase().replace(/\s+/g, '')
  return compact.length > 3 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact
}

/** True when the text has the shape of a UK postcode. */
export function isValidPostcodeFormat(input: string): boolean {
  return UK_POSTCODE.test(normalisePostcode(input))
}

/**
 * The NHS pseudo-postcodes for people without a usable address (NHS Data Dictionary): a referral for someone of
 * no fixed abode must be possible. They have no place, so distance searches never look them up.
 */
export const PSEUDO_POSTCODES: Readonly<Record<string, string>> = {
  'ZZ99 3VZ': 'No fixed abode',
  'ZZ99 3WZ': 'Address not known',
}

/** "No fixed abode" for ZZ99 3VZ (any spacing or case), or null for every other postcode. */
export function pseudoPostcodeMeaning(input: string): string | null {
  return PSEUDO_POSTCODES[normalisePostcode(input)] ?? null
}

/** True for a postcode a person's details may carry: the shape of a real one, or an NHS pseudo-postcode. */
export function isAcceptedPostcode(input: string): boolean {
  return isValidPostcodeFormat(input) || pseudoPostcodeMeaning(input) !== null
}

/** A postcode as people read it: "No fixed abode (ZZ99 3VZ)" for a pseudo-postcode, else the postcode. */
export function describePostcode(postcode: string): string {
  const meaning = pseudoPostcodeMeaning(postcode)
  return meaning ? `${meaning} (${normalisePostcode(postcode)})` : postcode
}

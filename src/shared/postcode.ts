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

// SPDX-License-Identifier: AGPL-3.0-or-later
// NHS number rules from the NHS Data Dictionary: 10 digits, the tenth a Modulus 11 check digit.

/** Strips spaces and hyphens, the ways people commonly type an NHS number. */
export function compactNhsNumber(input: string): string {
  return input.replace(/[\s-]/g, '')
}

/** True when `input` is a 10-digit NHS number whose check digit is right. */
export function isValidNhsNumber(input: string): boolean {
  const digits = compactNhsNumber(input)
  if (!/^\d{10}$/.test(digits)) return false
  let total = 0
  for (let i = 0; i < 9; i++) total += Number(digits[i]) * (10 - i)
  let check = 11 - (total % 11)
  if (check === 11) check = 0
  // A check digit of 10 means the number can never be valid.
  if (check === 10) return false
  if (check !== Number(digits[9])) return false
  return isInScottishChiRange(digits) ? hasPossibleChiDate(digits) : true
}

// Scotland's CHI numbers (the range 010100 0000 to 311299 9999) begin with the person's date of birth as
// DDMMYY, so an impossible date there means a mistyped number even when the check digit happens to match.
function isInScottishChiRange(digits: string): boolean {
  const value = Number(digits)
  return value >= 100_000_000 && value <= 3_112_999_999
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function hasPossibleChiDate(digits: string): boolean {
  const day = Number(digits.slice(0, 2))
  const month = Number(digits.slice(2, 4))
  return month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1]!
}

/** Formats a valid NHS number as "3 3 4" (e.g. 943 476 5919). */
export function formatNhsNumber(input: string): string {
  const digits = compactNhsNumber(input)
  return digits.length === 10 ? `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}` : input
}

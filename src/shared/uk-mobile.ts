// SPDX-License-Identifier: AGPL-3.0-or-later

/** A UK mobile number in the form GOV.UK Notify takes, or undefined for a landline or something else. */
export function ukMobileOf(phone: string | null | undefined): string | undefined {
  const digits = (phone ?? '').replace(/[\s()-]/g, '')
  const national = digits.startsWith('+44')
    ? `0${digits.slice(3)}`
    : digits.startsWith('0044')
      ? `0${digits.slice(4)}`
      : digits
  return /^07\d{9}$/.test(national) ? national : undefined
}

// SPDX-License-Identifier: AGPL-3.0-or-later

/** Whether `value` is one of a closed list of codes (a form's radio value, a stored status). */
export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value)
}

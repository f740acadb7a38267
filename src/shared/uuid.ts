// SPDX-License-Identifier: AGPL-3.0-or-later
/** A UUID in its canonical text form, any version (ids are made by the database's gen_random_uuid()). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function isUuid(value: string | null | undefined): boolean {
  return typeof value === 'string' && UUID_PATTERN.test(value)
}

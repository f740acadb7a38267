// SPDX-License-Identifier: AGPL-3.0-or-later
// Roles are cross-cutting: every route declares them (platform), memberships grant them (identity).
export const ROLES = [
  'referrer',
  'link-worker',
  'supervisor',
  'provider',
  'commissioner',
  'directory-editor',
  'administrator',
] as const
export type Role = (typeof ROLES)[number]

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value)
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Role } from '../auth/roles.ts'

/** A link in the header navigation, shown to people holding any of `roles` in their active organisation. */
export interface NavigationItem {
  readonly href: string
  readonly text: string
  readonly roles: readonly Role[]
  /** Lower comes first. */
  readonly order: number
}

export interface NavigationLink {
  href: string
  text: string
  current: boolean
}

export function navigationFor(
  items: readonly NavigationItem[],
  roles: readonly Role[],
  currentPath: string,
): NavigationLink[] {
  return items
    .filter((item) => item.roles.some((role) => roles.includes(role)))
    .sort((a, b) => a.order - b.order)
    .map((item) => ({
      href: item.href,
      text: item.text,
      current: currentPath === item.href || (item.href !== '/' && currentPath.startsWith(item.href + '/')),
    }))
}

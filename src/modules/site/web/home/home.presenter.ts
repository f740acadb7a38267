// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Actor } from '../../../../platform/auth/actor.ts'
import type { Role } from '../../../../platform/auth/roles.ts'
import type { HomeAction } from '../../../../platform/module.ts'
import { ROLE_LABELS } from '../../../identity/index.ts'

const ROLE_INTRODUCTIONS: Record<Role, string> = {
  referrer: 'Refer people to social prescribing and follow what happens to each referral.',
  'link-worker': 'Give people time: manage your caseload, hold "what matters to you" conversations and agree plans.',
  supervisor: 'Triage new referrals, allocate them fairly and keep an eye on your team.',
  provider: 'Keep your service listing right and answer the people who are connected to you.',
  commissioner: 'See how the service is doing across the area, in aggregate and never about one person.',
  'directory-editor':
    'Keep the directory of community groups and services true: edit listings, approve providers’ changes and check stale ones.',
  administrator: 'Look after who can use Waymark in your organisation and what they can do.',
}

export interface HomeSection {
  roleLabel: string
  introduction: string
  actions: { href: string; title: string; description: string }[]
}

// A first word that is a title, not a name: "Hello, Dr" is no greeting.
const TITLES = new Set(['dr', 'mr', 'mrs', 'ms', 'miss', 'mx', 'prof', 'professor', 'sir', 'dame', 'rev', 'revd'])

/** How the home page greets someone: their first name, or their whole name when it starts with a title. */
export function greetingFor(displayName: string): string {
  const words = displayName.trim().split(/\s+/)
  const first = words[0] ?? ''
  const isTitle = TITLES.has(first.toLowerCase().replace(/\.$/, ''))
  return `Hello, ${isTitle && words.length > 1 ? words.join(' ') : first || displayName}`
}

/**
 * One section per role the person holds in their active organisation, each with the actions open to it. An
 * action open to two of their roles shows once, under the first.
 */
export function presentHome(
  actor: Actor,
  actions: readonly HomeAction[],
): { greeting: string; sections: HomeSection[] } {
  const shown = new Set<string>()
  return {
    greeting: greetingFor(actor.displayName),
    sections: actor.roles.map((role) => ({
      roleLabel: ROLE_LABELS[role],
      introduction: ROLE_INTRODUCTIONS[role],
      actions: actions
        .filter((action) => action.roles.includes(role))
        .sort((a, b) => a.order - b.order)
        .filter((action) => !shown.has(action.href) && shown.add(action.href))
        .map(({ href, title, description }) => ({ href, title, description })),
    })),
  }
}

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
  'directory-editor': 'Keep the directory of community groups and services true: edit listings, approve providers’ changes and check stale ones.',
  administrator: 'Look after who can use Waymark in your organisation and what they can do.',
}

export interface HomeSection {
  roleLabel: string
  introduction: string
  actions: { href: string; title: string; description: string }[]
}

/** One section per role the person holds in their active organisation, each with the actions open to it. */
export function presentHome(
  actor: Actor,
  actions: readonly HomeAction[],
): { greeting: string; sections: HomeSection[] } {
  const firstName = actor.displayName.split(' ')[0] ?? actor.displayName
  return {
    greeting: `Hello, ${firstName}`,
    sections: actor.roles.map((role) => ({
      roleLabel: ROLE_LABELS[role],
      introduction: ROLE_INTRODUCTIONS[role],
      actions: actions
        .filter((action) => action.roles.includes(role))
        .sort((a, b) => a.order - b.order)
        .map(({ href, title, description }) => ({ href, title, description })),
    })),
  }
}

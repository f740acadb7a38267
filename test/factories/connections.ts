// SPDX-License-Identifier: AGPL-3.0-or-later
// A person ready to be connected: allocated, a "what matters" conversation held and a plan agreed that names
// directory services, made through the modules' own services (as a link worker would).
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { addDays, londonToday, openCase, recordConversation } from '../../src/modules/casework/index.ts'
import { agreePlan, savePlan, type PlanContent } from '../../src/modules/plans/index.ts'
import type { TestContext, TestOrganisation } from '../helpers/test-app.ts'
import { actorOf, allocatedReferral, scopeOf } from './casework.ts'

export const PLAN_GOAL = 'Play the ukulele with other people again'

export async function personWithPlan(
  context: TestContext,
  org: TestOrganisation,
  services: { directoryServiceId: string; name: string; forGoal?: boolean }[],
  options: Parameters<typeof allocatedReferral>[3] = {},
  ownerKey = 'worker',
) {
  const referralId = await allocatedReferral(context, org, ownerKey, options)
  const scope = scopeOf(context, org)
  const actor = actorOf(org, ownerKey)
  await recordConversation(
    scope,
    referralId,
    {
      submissionKey: randomUUID(),
      heldOn: londonToday(),
      whatMatters: 'Music, and getting out of the flat',
      strengths: '',
      interests: 'Ukulele',
      whatGetsInTheWay: '',
      needsConfirmed: ['loneliness'],
      needsAdded: [],
    },
    actor,
  )
  const content = {
    goals: [
      {
        goalKey: 'new-1',
        inTheirWords: PLAN_GOAL,
        needs: ['loneliness'],
        fiveWays: ['connect'],
        barriers: [],
        barriersText: '',
      },
    ],
    actions: [],
    services: services.map((s, i) => ({
      goalKey: (s.forGoal ?? i === 0) ? 'new-1' : null,
      directoryServiceId: s.directoryServiceId,
      name: s.name,
      details: i === 0 ? 'Thursdays at 2pm' : '',
    })),
    reviewOn: addDays(londonToday(), 42),
    nextSteps: '',
  } as PlanContent
  await savePlan(scope, referralId, content, { submissionKey: randomUUID(), basedOn: null }, actor)
  await agreePlan(
    scope,
    referralId,
    { agreedOn: londonToday(), method: 'in-person', note: '' },
    { version: 1, rowVersion: 1 },
    actor,
  )
  const { episode, referral } = await openCase(scope, referralId, actor)
  return {
    referralId,
    episodeId: episode.id,
    personId: referral.personId,
    name: `${referral.person.givenName} ${referral.person.familyName}`,
  }
}

/** The link a group was emailed (answer or register), from the email's text. */
export function linkTokenFrom(text: string, kind: 'respond' | 'register' = 'respond'): string {
  const match = new RegExp(`/connections/${kind}/([A-Za-z0-9_-]+)`).exec(text)
  assert.ok(match, 'the email carries the link')
  return match[1]!
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// Test set-up shared by the casework and plans integration tests: a service, its people, and referrals at each
// step of their life (allocated, then in progress with a first contact).
import { scopeForSystemTask } from '../../src/platform/db/org-scope.ts'
import { createTestOrganisation, type TestContext, type TestOrganisation } from '../helpers/test-app.ts'
import { changeReferral, exampleSubmission, submitReferral } from '../../src/modules/referrals/index.ts'
import { randomUUID } from 'node:crypto'
import { londonToday, openCase, recordContact, type ChangeActor } from '../../src/modules/casework/index.ts'

export const SEED_ACTOR = { userId: null, organisationId: null, role: 'test', ipAddress: null, correlationId: null }

/** A service with a supervisor, two link workers and a referrer. */
export async function testService(context: TestContext): Promise<TestOrganisation> {
  return createTestOrganisation(context, {
    users: { supervisor: ['supervisor'], worker: ['link-worker'], other: ['link-worker'], referrer: ['referrer'] },
  })
}

export function actorOf(org: TestOrganisation, key: string): ChangeActor {
  const user = org.users[key]!
  return {
    audit: { ...SEED_ACTOR, organisationId: org.organisation.id, userId: user.id },
    userId: user.id,
    name: user.displayName,
  }
}

export function scopeOf(context: TestContext, org: TestOrganisation) {
  return scopeForSystemTask(context.db, org.organisation, 'test set-up and assertions')
}

/** A referral to the service, accepted and allocated to `ownerKey`; `n` varies the person so records never merge. */
export async function allocatedReferral(
  context: TestContext,
  org: TestOrganisation,
  ownerKey = 'worker',
  options: {
    now?: Date
    n?: number
    person?: Partial<ReturnType<typeof exampleSubmission>['person']>
    consent?: Partial<ReturnType<typeof exampleSubmission>['consent']>
  } = {},
): Promise<string> {
  const base = exampleSubmission(org.organisation.id)
  const n = options.n ?? Math.floor(Math.random() * 1_000_000)
  const { referralId } = await submitReferral(
    context.db,
    {
      ...base,
      person: { ...base.person, nhsNumber: null, givenName: `Person${n}`, familyName: 'Tester', ...options.person },
      consent: { ...base.consent, ...options.consent },
    },
    { ...SEED_ACTOR, organisationId: org.organisation.id },
    options.now ? { now: options.now } : {},
  )
  await changeReferral(
    scopeOf(context, org),
    referralId,
    { kind: 'accept', ownerUserId: org.users[ownerKey]!.id },
    actorOf(org, 'supervisor'),
    undefined,
    options.now ? { now: options.now } : {},
  )
  return referralId
}

export function todayFields(): { day: string; month: string; year: string } {
  const [year, month, day] = londonToday().split('-') as [string, string, string]
  return { day, month, year }
}

export function hiddenField(page: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(page)
  if (!match) throw new Error(`No hidden field ${name} on the page`)
  return match[1]!
}

/** Noon UK time on an ISO date: a `now` that is that day whatever the clock change. */
export const noon = (iso: string): Date => new Date(`${iso}T12:00:00Z`)

/**
 * A case in progress: the episode opened (at `openedAt`, default now) and a first contact recorded on `contactOn`
 * (default today) by the allocated link worker `ownerKey`.
 */
export async function inProgressCase(
  context: TestContext,
  org: TestOrganisation,
  referralId: string,
  options: { ownerKey?: string; openedAt?: Date; contactOn?: string; type?: 'phone' | 'video' } = {},
): Promise<void> {
  const worker = actorOf(org, options.ownerKey ?? 'worker')
  const scope = scopeOf(context, org)
  await openCase(scope, referralId, worker, options.openedAt ? { now: options.openedAt } : {})
  await recordContact(
    scope,
    referralId,
    {
      submissionKey: randomUUID(),
      type: options.type ?? 'phone',
      contactOn: options.contactOn ?? londonToday(),
      durationMinutes: 20,
      whoWasThere: '',
      notes: '',
      riskCheck: null,
      nextContactOn: null,
    },
    worker,
  )
}

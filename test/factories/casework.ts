// SPDX-License-Identifier: AGPL-3.0-or-later
// Test set-up shared by the casework and plans integration tests: a service, its people, and referrals at each
// step of their life — new, accepted (allocated), in progress with a first contact, closed — through the same
// services a user's pages call. `referralAt` takes the step as a trait.
import { scopeForSystemTask } from '../../src/platform/db/org-scope.ts'
import { createTestOrganisation, type TestContext, type TestOrganisation } from '../helpers/test-app.ts'
import { changeReferral, exampleSubmission, submitReferral } from '../../src/modules/referrals/index.ts'
import { randomUUID } from 'node:crypto'
import { londonToday, openCase, recordContact, type ChangeActor } from '../../src/modules/casework/index.ts'
import { closeEpisode } from '../../src/modules/casework/closing.service.ts'
import type { Closing } from '../../src/modules/casework/closing.ts'

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

interface ReferralOptions {
  /**
   * The example submission with these changes, its person as it is: every referral made so is the same human,
   * so their records join. Without it the person is varied by `n`.
   */
  asExample?: Parameters<typeof exampleSubmission>[1]
  now?: Date
  /** Varies the person so records never merge (random when absent). */
  n?: number
  person?: Partial<ReturnType<typeof exampleSubmission>['person']>
  consent?: Partial<ReturnType<typeof exampleSubmission>['consent']>
}

/** A referral to the service as a referrer sent it: new, not yet triaged. */
export async function newReferral(
  context: TestContext,
  org: TestOrganisation,
  options: ReferralOptions = {},
): Promise<string> {
  const base = exampleSubmission(org.organisation.id, options.asExample)
  const n = options.n ?? Math.floor(Math.random() * 1_000_000)
  const varied = options.asExample ? {} : { nhsNumber: null, givenName: `Person${n}`, familyName: 'Tester' }
  const { referralId } = await submitReferral(
    context.db,
    {
      ...base,
      person: { ...base.person, ...varied, ...options.person },
      consent: { ...base.consent, ...options.consent },
    },
    { ...SEED_ACTOR, organisationId: org.organisation.id },
    options.now ? { now: options.now } : {},
  )
  return referralId
}

/** A referral to the service, accepted and allocated to `ownerKey`. */
export async function allocatedReferral(
  context: TestContext,
  org: TestOrganisation,
  ownerKey = 'worker',
  options: ReferralOptions = {},
): Promise<string> {
  const referralId = await newReferral(context, org, options)
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

/**
 * Support ended by the allocated link worker `ownerKey` (opening the episode first if it is not): goals met on
 * `closedOn` (default today) unless `closing` says otherwise.
 */
export async function closedCase(
  context: TestContext,
  org: TestOrganisation,
  referralId: string,
  options: { ownerKey?: string; closing?: Partial<Closing>; now?: Date } = {},
): Promise<void> {
  await closeEpisode(
    scopeOf(context, org),
    referralId,
    { reason: 'goals-met', summary: 'Support ended.', connectedTo: '', closedOn: londonToday(), ...options.closing },
    actorOf(org, options.ownerKey ?? 'worker'),
    options.now ? { now: options.now } : {},
  )
}

export type ReferralStep = 'new' | 'accepted' | 'in-progress' | 'closed'

/** A referral at a step of its life, allocated to `ownerKey` from "accepted" on. */
export async function referralAt(
  context: TestContext,
  org: TestOrganisation,
  step: ReferralStep,
  options: ReferralOptions & { ownerKey?: string; closing?: Partial<Closing> } = {},
): Promise<string> {
  if (step === 'new') return newReferral(context, org, options)
  const referralId = await allocatedReferral(context, org, options.ownerKey, options)
  if (step === 'in-progress' || step === 'closed')
    await inProgressCase(context, org, referralId, {
      ...(options.ownerKey ? { ownerKey: options.ownerKey } : {}),
      ...(options.now ? { openedAt: options.now } : {}),
    })
  if (step === 'closed') await closedCase(context, org, referralId, options)
  return referralId
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// The generated access walk (issue 13): every route the app declares, as every role of one service, as a referrer
// of a practice in the same area, and signed out, with every path parameter pointing at another service's records
// (its person, referral, connection, worker and organisation, in the same area). Generated from the route table,
// so a new route is walked the day it is added. It asserts:
// - a route declared for roles answers 403 to a signed-in person without one of them, and signed out asks to sign
//   in (303 to /sign-in; 401 on the machine APIs);
// - no page or file answers 200 for a path that names the other service's records, and none (whatever its status)
//   carries the other service's person's name, the words of their plan or their reference;
// - no form submission changes anything of the other service (its rows are the same before and after).
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { before, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import { actorOf, inProgressCase, scopeOf } from './factories/casework.ts'
import { personWithPlan } from './factories/connections.ts'
import { listingSnapshot, testListing } from './factories/directory.ts'
import { createTestOrganisation, useTestContext, type TestOrganisation } from './helpers/test-app.ts'
import { WebSession } from './helpers/web-session.ts'
import { contacts, episodes } from '../src/modules/casework/casework.table.ts'
import { connections } from '../src/modules/connections/connections.table.ts'
import { connectPerson, openConnectionCase } from '../src/modules/connections/connections.service.ts'
import { consents, people, personFlags } from '../src/modules/people/people.table.ts'
import { plans } from '../src/modules/plans/plans.table.ts'
import { referrals } from '../src/modules/referrals/referrals.table.ts'
import { ROLES, type Role } from '../src/platform/auth/roles.ts'

const context = useTestContext()
const AREA = `Walk area ${randomUUID().slice(0, 8)}`
const MARKER_NAME = { givenName: 'Zebedee', familyName: 'Quillfeather' }
const MARKER_GOAL = 'Play the ukulele with other people again'
const COLLEAGUES_PERSON = { givenName: 'Ottoline', familyName: 'Brackenridge' }

let mine: TestOrganisation
let practice: TestOrganisation
let other: TestOrganisation
/** The records a walk points at, and the words that must never be shown. */
interface Target {
  referralId: string
  personId: string
  connectionId: string
  /** Path parameters naming a user or organisation: theirs in the cross-service walk. */
  userId: string
  organisationId: string
  /** Whether a path naming that user or organisation names the target (not for a colleague's photo). */
  peopleParamsAreTheirs: boolean
  markers: string[]
}
let theirs: Target
let colleagues: Target

/** Rows of the other service's tables that a walk must never change. */
async function otherServiceRows(): Promise<Record<string, unknown[]>> {
  const tables: [string, PgTable & { organisationId: never }][] = [
    ['people', people as never],
    ['consents', consents as never],
    ['person_flags', personFlags as never],
    ['referrals', referrals as never],
    ['casework_episodes', episodes as never],
    ['casework_contacts', contacts as never],
    ['plans', plans as never],
    ['connections', connections as never],
  ]
  const rows: Record<string, unknown[]> = {}
  for (const [name, table] of tables) {
    const all = await context.db
      .select()
      .from(table)
      .where(eq((table as unknown as { organisationId: never }).organisationId, other.organisation.id as never))
    rows[name] = all.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
  }
  return rows
}

/** The path with each parameter filled: the target's records where a parameter names one, else a stranger. */
function pathFor(url: string, target: Target): { path: string; namesTheirs: boolean } {
  let namesTheirs = false
  const records: Record<string, string> = {
    referralId: target.referralId,
    personId: target.personId,
    otherId: target.personId,
    connectionId: target.connectionId,
  }
  const people: Record<string, string> = { userId: target.userId, organisationId: target.organisationId }
  const path = url.replace(/:([A-Za-z]+)/g, (_match, name: string) => {
    if (records[name] || (name === 'id' && url.startsWith('/fhir/ServiceRequest'))) {
      namesTheirs = true
      return records[name] ?? target.referralId
    }
    if (people[name]) {
      namesTheirs ||= target.peopleParamsAreTheirs
      return people[name]
    }
    return randomUUID()
  })
  return { path, namesTheirs }
}

interface Walker {
  label: string
  roles: Role[]
  session: WebSession
}

/** Walks every route as each walker at the target; returns what went wrong and how many requests were made. */
async function walk(walkers: Walker[], target: Target): Promise<{ problems: string[]; requests: number }> {
  // Signing out would end the walker's session half way; static files name nothing.
  const routes = context.routeTable.filter((r) => !r.url.includes('*') && r.url !== '/sign-out')
  const problems: string[] = []
  let requests = 0
  for (const walker of walkers) {
    await walker.session.get('/')
    const token = walker.session.csrfToken()
    for (const route of routes) {
      const { path, namesTheirs } = pathFor(route.url, target)
      const response =
        route.method === 'GET'
          ? await walker.session.get(path)
          : await walker.session.post(path, {}, { csrfToken: token ?? null })
      requests += 1
      const where = `${walker.label}: ${route.method} ${route.url} → ${response.statusCode}`
      const declared = route.access.startsWith('roles: ') ? (route.access.slice(7).split(', ') as Role[]) : null
      if (declared && walker.roles.length === 0) {
        const asksToSignIn = response.statusCode === 303 && /^\/sign-in/.test(String(response.headers.location))
        if (!asksToSignIn && response.statusCode !== 401) problems.push(`${where} (expected to be asked to sign in)`)
      } else if (declared && !walker.roles.some((r) => declared.includes(r)) && response.statusCode !== 403)
        problems.push(`${where} (expected 403)`)
      if (namesTheirs && response.statusCode === 200) problems.push(`${where} (names the target's record)`)
      const leaked = target.markers.find((marker) => response.body.includes(marker))
      if (leaked) problems.push(`${where} (shows "${leaked}")`)
    }
  }
  return { problems, requests }
}

describe('the generated access walk', () => {
  before(async () => {
    mine = await createTestOrganisation(context, {
      areaName: AREA,
      users: { ...Object.fromEntries(ROLES.map((role) => [role, [role]])), colleague: ['link-worker'] },
    })
    practice = await createTestOrganisation(context, {
      areaName: AREA,
      type: 'gp-practice',
      users: { referrer: ['referrer'] },
    })
    other = await createTestOrganisation(context, {
      areaName: AREA,
      users: { supervisor: ['supervisor'], worker: ['link-worker'], editor: ['directory-editor'] },
    })
    const listing = await testListing(context, other, 'editor', listingSnapshot('Strum Along'))
    const person = await personWithPlan(context, other, [{ directoryServiceId: listing, name: 'Strum Along' }], {
      person: MARKER_NAME,
      consent: { shareWithProviders: true },
    })
    await inProgressCase(context, other, person.referralId)
    const scope = scopeOf(context, other)
    const actor = actorOf(other, 'worker')
    const { connection } = await connectPerson(
      scope,
      await openConnectionCase(scope, person.referralId, actor),
      {
        submissionKey: randomUUID(),
        directoryServiceId: listing,
        goalKey: null,
        sharing: 'full',
        accompaniedBy: 'nobody',
        firstSessionNote: '',
      },
      actor,
    )
    const [row] = await context.db
      .select({ reference: referrals.reference })
      .from(referrals)
      .where(eq(referrals.id, person.referralId))
    theirs = {
      referralId: person.referralId,
      personId: person.personId,
      connectionId: connection.id,
      userId: other.users['worker']!.id,
      organisationId: other.organisation.id,
      peopleParamsAreTheirs: true,
      markers: [MARKER_NAME.givenName, MARKER_NAME.familyName, MARKER_GOAL, row!.reference],
    }

    // In the walkers' own service, someone a colleague supports (with a plan the colleague wrote).
    const colleaguesPerson = await personWithPlan(context, mine, [], { person: COLLEAGUES_PERSON }, 'colleague')
    const [colleaguesRow] = await context.db
      .select({ reference: referrals.reference })
      .from(referrals)
      .where(eq(referrals.id, colleaguesPerson.referralId))
    colleagues = {
      referralId: colleaguesPerson.referralId,
      personId: colleaguesPerson.personId,
      connectionId: randomUUID(),
      userId: mine.users['colleague']!.id,
      organisationId: mine.organisation.id,
      peopleParamsAreTheirs: false,
      markers: [COLLEAGUES_PERSON.givenName, COLLEAGUES_PERSON.familyName, colleaguesRow!.reference],
    }
  })

  it('walks every route as every role and signed out, and nothing of the other service is seen or changed', async () => {
    const before = await otherServiceRows()
    const walkers: Walker[] = [
      { label: 'signed out', roles: [], session: new WebSession(context.app) },
      ...(await Promise.all(
        ROLES.map(async (role) => ({ label: role, roles: [role], session: await mine.users[role]!.session() })),
      )),
      { label: 'practice referrer', roles: ['referrer'], session: await practice.users['referrer']!.session() },
    ]
    const { problems, requests } = await walk(walkers, theirs)
    assert.deepEqual(problems, [])
    assert.deepEqual(await otherServiceRows(), before, 'the other service’s records changed')
    console.log(`access walk, another service: ${requests} requests (${walkers.length} walkers)`)
  })

  it('walks every route as a link worker at a colleague’s person: nothing opens without break-glass', async () => {
    const walker = {
      label: 'link worker',
      roles: ['link-worker' as Role],
      session: await mine.users['link-worker']!.session(),
    }
    const { problems, requests } = await walk([walker], colleagues)
    assert.deepEqual(problems, [])
    console.log(`access walk, a colleague's person: ${requests} requests`)
  })
})

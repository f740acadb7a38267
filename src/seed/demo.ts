// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql } from 'drizzle-orm'
import type { Database } from '../platform/db/database.ts'
import {
  createOrganisation,
  createUserWithMembership,
  isOrganisationType,
  type Organisation,
} from '../modules/identity/index.ts'
import { seedDemoDirectory } from '../modules/directory/index.ts'
import { seedDemoApiReferrals } from '../modules/referrals/fhir/index.ts'
import { seedDemoReferrals } from '../modules/referrals/index.ts'
import {
  seedDemoCaseloadVolume,
  seedDemoCasework,
  seedDemoLinkWorkers,
  seedDemoPeople,
  seedDemoTeam,
} from '../modules/casework/index.ts'
import { seedDemoPlans } from '../modules/plans/index.ts'
import { seedDemoConnections } from '../modules/connections/index.ts'
import { seedDemoOutcomes } from '../modules/outcomes/index.ts'
import { DEMO_AREA_NAME, DEMO_ORGANISATIONS, DEMO_PASSWORD, DEMO_USERS } from './demo-accounts.ts'
import type { DemoArea, DemoSeedStep } from './demo-area.ts'

async function seedIdentity(db: Database): Promise<DemoArea> {
  const organisations = new Map<string, Organisation>()
  for (const org of DEMO_ORGANISATIONS) {
    if (!isOrganisationType(org.type)) throw new Error(`Bad demo organisation type ${org.type}`)
    organisations.set(
      org.key,
      await createOrganisation(db, { areaName: DEMO_AREA_NAME, name: org.name, type: org.type, odsCode: org.odsCode }),
    )
  }
  const users = new Map<string, string>()
  for (const user of DEMO_USERS) {
    for (const [orgKey, roles] of Object.entries(user.memberships)) {
      const organisation = organisations.get(orgKey)!
      const { userId } = await createUserWithMembership(db, {
        email: user.email,
        displayName: user.displayName,
        jobTitle: user.jobTitle,
        password: DEMO_PASSWORD,
        organisationId: organisation.id,
        roles,
      })
      users.set(user.key, userId)
    }
  }
  return { areaName: DEMO_AREA_NAME, organisations, users }
}

/** Later modules add their steps here, in dependency order, each with the words start-up shows while it runs. */
const DEMO_SEED_STEPS: readonly (readonly [string, DemoSeedStep])[] = [
  ['the directory of community groups and services', seedDemoDirectory],
  ['referrals from GPs, AHPs and the public', seedDemoReferrals],
  // Straight after referrals: it adds referrals of its own, and casework opens their cases.
  ['people’s records, flags and a duplicate to merge', seedDemoPeople],
  ['referrals sent through the FHIR API', seedDemoApiReferrals],
  ['casework: episodes and contacts', seedDemoCasework],
  ['personalised plans', seedDemoPlans],
  ['connections to community groups, answers and registers', seedDemoConnections],
  ['link workers’ leaflet details', seedDemoLinkWorkers],
  // Last: they add their own people, so they never change the cases the steps above set up.
  ['the team and its caseloads', seedDemoTeam],
  ['a believable caseload for each link worker', seedDemoCaseloadVolume],
  // After the caseloads: questionnaires for the people link workers have met, old and new.
  ['wellbeing and loneliness questionnaires at baseline and follow-up', seedDemoOutcomes],
]

/** True when no organisation exists yet: the only state in which the demo is seeded automatically. */
export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const result = await db.execute<{ count: number }>(sql`select count(*)::int as count from organisations`)
  return (result.rows[0]?.count ?? 0) === 0
}

/**
 * Seeds the fictional demo area: organisations of every kind, a user for every role, then each module's data.
 * @param progress - told before each step, with its number, the number of steps and what it seeds
 */
export async function seedDemoArea(
  db: Database,
  progress: (step: number, of: number, what: string) => void = () => undefined,
): Promise<DemoArea> {
  const of = DEMO_SEED_STEPS.length + 1
  progress(1, of, 'organisations and demo accounts')
  const area = await seedIdentity(db)
  for (const [index, [what, step]] of DEMO_SEED_STEPS.entries()) {
    progress(index + 2, of, what)
    await step(db, area)
  }
  return area
}

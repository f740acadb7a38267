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
import { DEMO_AREA_NAME, DEMO_ORGANISATIONS, DEMO_PASSWORD, DEMO_USERS } from './demo-accounts.ts'

/** What earlier seed steps created, for later steps (directory, referrals, casework) to build on. */
export interface DemoArea {
  areaName: string
  organisations: Map<string, Organisation>
  users: Map<string, string>
}

/** A module's contribution to the demo area. Steps run in order and must be deterministic. */
export type DemoSeedStep = (db: Database, area: DemoArea) => Promise<void>

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

/** Later modules add their steps here, in dependency order. */
const DEMO_SEED_STEPS: readonly DemoSeedStep[] = [
  seedDemoDirectory,
  seedDemoReferrals,
  // Straight after referrals: it adds referrals of its own, and casework opens their cases.
  seedDemoPeople,
  seedDemoApiReferrals,
  seedDemoCasework,
  seedDemoPlans,
  seedDemoLinkWorkers,
  // Last: they add their own people, so they never change the cases the steps above set up.
  seedDemoTeam,
  seedDemoCaseloadVolume,
]

/** True when no organisation exists yet: the only state in which the demo is seeded automatically. */
export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const result = await db.execute<{ count: number }>(sql`select count(*)::int as count from organisations`)
  return (result.rows[0]?.count ?? 0) === 0
}

/** Seeds the fictional demo area: organisations of every kind, a user for every role, then each module's data. */
export async function seedDemoArea(db: Database): Promise<DemoArea> {
  const area = await seedIdentity(db)
  for (const step of DEMO_SEED_STEPS) await step(db, area)
  return area
}

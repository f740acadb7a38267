// SPDX-License-Identifier: AGPL-3.0-or-later
// The types each module's demo seed step is written against. Kept apart from demo.ts, which imports every
// module's step: a step importing demo.ts would make every module depend on every other (an import cycle).
import type { Database } from '../platform/db/database.ts'
import type { Organisation } from '../modules/identity/index.ts'
import { DEMO_USERS } from './demo-accounts.ts'

/** What earlier seed steps created, for later steps (directory, referrals, casework) to build on. */
export interface DemoArea {
  areaName: string
  organisations: Map<string, Organisation>
  users: Map<string, string>
}

/** A module's contribution to the demo area. Steps run in order and must be deterministic. */
export type DemoSeedStep = (db: Database, area: DemoArea) => Promise<void>

/**
 * The demo service's two link workers, each with the seed acting as them (its audit events carry the role
 * `demo-seed`), for steps that do a link worker's work through the module's own services.
 */
export function demoLinkWorkers(area: DemoArea, organisationId: string) {
  return ['link-worker', 'link-worker-2'].flatMap((key) => {
    const userId = area.users.get(key)
    const user = DEMO_USERS.find((u) => u.key === key)
    if (!userId || !user) return []
    const audit = { userId, organisationId, role: 'demo-seed', ipAddress: null, correlationId: null }
    return [{ key, userId, actor: { audit, userId, name: user.displayName } }]
  })
}

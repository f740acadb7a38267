// SPDX-License-Identifier: AGPL-3.0-or-later
// The types each module's demo seed step is written against. Kept apart from demo.ts, which imports every
// module's step: a step importing demo.ts would make every module depend on every other (an import cycle).
import type { Database } from '../platform/db/database.ts'
import type { Organisation } from '../modules/identity/index.ts'

/** What earlier seed steps created, for later steps (directory, referrals, casework) to build on. */
export interface DemoArea {
  areaName: string
  organisations: Map<string, Organisation>
  users: Map<string, string>
}

/** A module's contribution to the demo area. Steps run in order and must be deterministic. */
export type DemoSeedStep = (db: Database, area: DemoArea) => Promise<void>

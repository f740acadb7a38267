// SPDX-License-Identifier: AGPL-3.0-or-later
// `waymark generate --scale <name>`: a deterministic synthetic service at a named scale (issue #15), written with
// set-based INSERT … SELECT over generate_series, on either database. Rows are copies of the demo's rows with
// their identity and story overridden, so the demo area is seeded first when the database is empty.
import { sql } from 'drizzle-orm'
import type { Database } from '../../platform/db/database.ts'
import { isDatabaseEmpty, seedDemoArea } from '../demo.ts'
import { generateCases } from './cases.ts'
import { generateDirectory, generatePostcodes } from './directory.ts'
import { generateOrganisations, generatedAreaExists } from './organisations.ts'
import type { Scale } from './scales.ts'

export interface GenerateReport {
  readonly scale: string
  readonly seconds: number
  readonly rows: Readonly<Record<string, number>>
}

export class GenerateError extends Error {}

function add(into: Record<string, number>, more: Record<string, number>): void {
  for (const [table, count] of Object.entries(more)) into[table] = (into[table] ?? 0) + count
}

/**
 * @param progress - told what is being written, and for cases how far through
 */
export async function generateScale(
  db: Database,
  scale: Scale,
  progress: (message: string) => void = () => undefined,
): Promise<GenerateReport> {
  const started = performance.now()
  if (await isDatabaseEmpty(db)) {
    progress('the demo area (every generated row copies one of its rows)')
    await seedDemoArea(db)
  }
  if (await generatedAreaExists(db))
    throw new GenerateError('This database already holds generated data: generate into an empty database')
  if (scale.linkWorkers < scale.services || scale.practices < scale.areas || scale.services < scale.areas)
    throw new GenerateError(
      'A scale needs at least one service per area, one practice per area and a worker per service',
    )
  const rows: Record<string, number> = {}
  await db.transaction(async (tx) => {
    progress(
      `${scale.areas} areas, ${scale.services} services, ${scale.practices} practices, ${scale.linkWorkers} link workers`,
    )
    add(rows, await generateOrganisations(tx, scale))
    progress(`${scale.postcodes.toLocaleString('en-GB')} postcodes`)
    rows['postcodes'] = await generatePostcodes(tx, scale)
    progress(`${scale.directoryServices.toLocaleString('en-GB')} directory services`)
    add(rows, await generateDirectory(tx, scale))
  })
  for (let from = 1; from <= scale.referrals; from += scale.chunk) {
    const to = Math.min(scale.referrals, from + scale.chunk - 1)
    progress(
      `referrals ${from.toLocaleString('en-GB')}–${to.toLocaleString('en-GB')} of ${scale.referrals.toLocaleString('en-GB')} and what followed`,
    )
    await db.transaction(async (tx) => add(rows, await generateCases(tx, scale, from, to)))
  }
  progress('statistics for the query planner')
  await db.execute(sql`analyze`)
  return { scale: scale.name, seconds: (performance.now() - started) / 1000, rows }
}

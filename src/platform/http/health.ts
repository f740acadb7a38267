// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyInstance } from 'fastify'
import { isDatabaseReady, type Database } from '../db/database.ts'

/** `/healthz`: the process is up. `/readyz`: the database answers and is fully migrated. */
export function registerHealthRoutes(app: FastifyInstance, db: Database, expectedMigrations: number): void {
  const json = { config: { access: 'public' as const } }
  app.get('/healthz', { ...json, logLevel: 'warn' }, async () => ({ status: 'ok' }))
  app.get('/readyz', { ...json, logLevel: 'warn' }, async (_request, reply) => {
    const ready = await isDatabaseReady(db, expectedMigrations)
    return reply
      .code(ready ? 200 : 503)
      .send({ status: ready ? 'ready' : 'not-ready', database: ready ? 'migrated' : 'unavailable-or-not-migrated' })
  })
}

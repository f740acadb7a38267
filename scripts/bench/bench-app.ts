// SPDX-License-Identifier: AGPL-3.0-or-later
// The app as every bench builds it: test settings, no logs, rate limits out of the way, email kept in memory.
import os from 'node:os'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.ts'
import { loadConfig } from '../../src/config.ts'
import { countShippedMigrations, type Database } from '../../src/platform/db/database.ts'
import { createMemoryEmailSender } from '../../src/platform/email/email.ts'

/** Builds (does not listen) the app on `db`, which `url` points at. */
export async function buildBenchApp(url: string, db: Database): Promise<FastifyInstance> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: url,
    WAYMARK_SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-000',
    WAYMARK_LOG_LEVEL: 'silent',
    WAYMARK_SEED_DEMO: 'false',
    WAYMARK_FORM_RATE_LIMIT: '100000',
    WAYMARK_API_RATE_LIMIT: '100000',
    WAYMARK_ORUK_RATE_LIMIT: '1000000',
    WAYMARK_DATA_DIR: os.tmpdir(),
  })
  const { app } = await buildApp({
    config,
    db,
    email: createMemoryEmailSender(),
    logger: false,
    expectedMigrations: countShippedMigrations(),
  })
  return app
}

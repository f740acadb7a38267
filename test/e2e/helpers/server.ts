// SPDX-License-Identifier: AGPL-3.0-or-later
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildApp } from '../../../src/app.ts'
import { loadConfig } from '../../../src/config.ts'
import { connectDatabase, countShippedMigrations, migrateDatabase } from '../../../src/platform/db/database.ts'
import { startEmbeddedDatabase } from '../../../src/platform/db/embedded.ts'
import { createMemoryEmailSender, type EmailMessage } from '../../../src/platform/email/email.ts'
import { seedDemoArea } from '../../../src/seed/demo.ts'
import type { DemoArea } from '../../../src/seed/demo-area.ts'

export interface RunningServer {
  baseUrl: string
  demo: DemoArea
  emails: EmailMessage[]
  stop(): Promise<void>
}

/**
 * Starts the whole app on a fresh embedded database seeded with the demo area, listening on a free
 * loopback port: what a newcomer gets from `npm start`, for the browser to drive.
 */
export async function startDemoServer(): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'waymark-e2e-'))
  const embedded = await startEmbeddedDatabase(dataDir)
  const connection = connectDatabase(embedded.url, 6)
  await migrateDatabase(connection.pool)
  const demo = await seedDemoArea(connection.db)
  const config = loadConfig({
    NODE_ENV: 'test',
    WAYMARK_DATA_DIR: dataDir,
    DATABASE_URL: embedded.url,
    WAYMARK_SESSION_SECRET: 'e2e-secret-e2e-secret-e2e-secret-0123456789',
    WAYMARK_SEED_DEMO: 'true',
    WAYMARK_FORM_RATE_LIMIT: '100000',
    WAYMARK_LOG_LEVEL: 'silent',
  })
  const email = createMemoryEmailSender()
  const { app } = await buildApp({
    config,
    db: connection.db,
    email,
    logger: false,
    expectedMigrations: countShippedMigrations(),
  })
  const address = await app.listen({ host: '127.0.0.1', port: 0 })
  return {
    baseUrl: address,
    demo,
    emails: email.sent,
    async stop() {
      await app.close()
      await connection.close()
      await embedded.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import { randomUUID } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import { after, before } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.ts'
import { loadConfig, type Config } from '../../src/config.ts'
import { countShippedMigrations, connectDatabase, type Database } from '../../src/platform/db/database.ts'
import { createMemoryEmailSender, type EmailMessage } from '../../src/platform/email/email.ts'
import { createMemoryTextSender, type TextMessage } from '../../src/platform/notify/notify.ts'
import type { RouteAccessEntry } from '../../src/platform/auth/access.ts'
import {
  createOrganisation,
  createUserWithMembership,
  type Organisation,
  type OrganisationType,
  type Role,
} from '../../src/modules/identity/index.ts'
import { WebSession } from './web-session.ts'

export const TEST_PASSWORD = 'correct-horse-battery-staple'

export interface TestContext {
  app: FastifyInstance
  db: Database
  config: Config
  routeTable: RouteAccessEntry[]
  emails: EmailMessage[]
  texts: TextMessage[]
  /** Which database this run uses: the test runner sets it for each pass. */
  databaseKind: string
  close(): Promise<void>
}

/**
 * Builds the app against the database the test runner prepared (DATABASE_URL, already migrated): the
 * embedded database on one pass, PostgreSQL on the other. Tests isolate themselves by creating their own
 * organisations, so files can share one database.
 */
export async function createTestContext(overrides: Record<string, string> = {}): Promise<TestContext> {
  const databaseUrl = process.env['DATABASE_URL']
  if (!databaseUrl)
    throw new Error('Integration tests need DATABASE_URL: run them with `npm test`, which prepares the databases.')
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    WAYMARK_DATA_DIR: path.join(os.tmpdir(), 'waymark-test-unused'),
    WAYMARK_SESSION_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    WAYMARK_SEED_DEMO: 'false',
    WAYMARK_LOG_LEVEL: 'silent',
    WAYMARK_FORM_RATE_LIMIT: '100000',
    ...overrides,
  })
  const connection = connectDatabase(databaseUrl, 4)
  const email = createMemoryEmailSender()
  const texts = createMemoryTextSender()
  const { app, routeTable } = await buildApp({
    config,
    db: connection.db,
    email,
    texts,
    logger: false,
    expectedMigrations: countShippedMigrations(),
  })
  return {
    app,
    db: connection.db,
    config,
    routeTable,
    emails: email.sent,
    texts: texts.sent,
    databaseKind: process.env['WAYMARK_TEST_DATABASE'] ?? 'unknown',
    async close() {
      await app.close()
      await connection.close()
    },
  }
}

/**
 * The file's test context: created before its tests and closed after them, so a test file needs one line
 * instead of the before/after pair. Read it inside tests (it throws if read before `before` ran).
 */
export function useTestContext(overrides: Record<string, string> = {}): TestContext {
  let context: TestContext | undefined
  before(async () => {
    context = await createTestContext(overrides)
  })
  after(async () => {
    await context?.close()
  })
  return new Proxy({} as TestContext, {
    get(_target, key) {
      if (!context) throw new Error('useTestContext() is read before its before() hook ran')
      return Reflect.get(context, key) as unknown
    },
  })
}

export interface TestUser {
  id: string
  email: string
  displayName: string
  roles: Role[]
  /** A signed-in browser session for this person in this organisation. */
  session(): Promise<WebSession>
}

export interface TestOrganisation {
  organisation: Organisation
  users: Record<string, TestUser>
}

/**
 * Creates an organisation (in its own area unless `areaName` is given) with one user per entry of `users`.
 * Names are unique per call so test files never collide.
 */
export async function createTestOrganisation(
  context: TestContext,
  options: { type?: OrganisationType; areaName?: string; users: Record<string, Role[]> },
): Promise<TestOrganisation> {
  const suffix = randomUUID().slice(0, 8)
  const organisation = await createOrganisation(context.db, {
    areaName: options.areaName ?? `Test area ${suffix}`,
    name: `Test organisation ${suffix}`,
    type: options.type ?? 'social-prescribing-service',
  })
  const users: Record<string, TestUser> = {}
  for (const [key, roles] of Object.entries(options.users)) {
    const email = `${key}-${suffix}@test.example`
    const displayName = `${key.replace(/^./, (c) => c.toUpperCase())} Tester ${suffix}`
    const { userId } = await createUserWithMembership(context.db, {
      email,
      displayName,
      password: TEST_PASSWORD,
      organisationId: organisation.id,
      roles,
    })
    users[key] = {
      id: userId,
      email,
      displayName,
      roles,
      async session() {
        const session = new WebSession(context.app)
        const response = await session.signIn(email, TEST_PASSWORD, organisation.id)
        if (response.statusCode !== 303) throw new Error(`Test sign-in failed with ${response.statusCode}`)
        return session
      },
    }
  }
  return { organisation, users }
}

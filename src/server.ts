// SPDX-License-Identifier: AGPL-3.0-or-later
// Starts Waymark: opens (and migrates) the database, seeds the demo area on first run, listens, and shuts
// down gracefully on SIGINT/SIGTERM (in-flight requests finish, then jobs stop, then the database closes).
import { pino } from 'pino'
import { buildApp } from './app.ts'
import { ConfigError, loadConfig } from './config.ts'
import { countShippedMigrations } from './platform/db/database.ts'
import { DataFolderLockedError } from './platform/db/embedded.ts'
import { openDatabase, type DatabaseRuntime } from './platform/db/runtime.ts'
import { disabledJobs, startJobs, type Jobs } from './platform/jobs/jobs.ts'
import { loggerOptions } from './platform/logging/logging.ts'
import { DEMO_PASSWORD, demoSignInAccounts } from './seed/demo-accounts.ts'
import { isDatabaseEmpty, seedDemoArea } from './seed/demo.ts'

/** Start-up progress on standard error, so a first start on a slow machine never sits silent. */
function say(started: number, message: string): void {
  process.stderr.write(`  [${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${message}\n`)
}

async function main(): Promise<void> {
  const config = loadConfig()
  const started = Date.now()
  say(
    started,
    config.databaseUrl
      ? 'Opening PostgreSQL at DATABASE_URL and applying migrations'
      : `Starting the embedded database in ${config.dataDir} and applying migrations`,
  )
  const runtime: DatabaseRuntime = await openDatabase(config)
  let seeded = false
  if (config.seedDemo && (await isDatabaseEmpty(runtime.db))) {
    say(started, 'The database is empty: seeding the demo area (the first start takes about a minute)')
    await seedDemoArea(runtime.db, (step, of, what) => say(started, `  demo ${step} of ${of}: ${what}`))
    seeded = true
  }
  say(started, 'Starting the web server')
  const logger = pino(loggerOptions(config.logLevel) as pino.LoggerOptions)
  const jobs: Jobs = config.runJobs ? await startJobs(runtime.url, logger) : disabledJobs(logger)
  const { app } = await buildApp({
    config,
    db: runtime.db,
    jobs,
    loggerInstance: logger,
    expectedMigrations: countShippedMigrations(),
  })

  let shuttingDown = false
  const shutdown = async (signal: string): Promise<void> => {
    if (shuttingDown) return
    shuttingDown = true
    app.log.info({ signal }, 'shutting down')
    const force = setTimeout(() => process.exit(1), 20_000)
    force.unref()
    await app.close()
    await jobs.stop()
    await runtime.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void shutdown('SIGINT'))
  process.once('SIGTERM', () => void shutdown('SIGTERM'))

  const address = await app.listen({ host: config.host, port: config.port })
  const lines = [
    '',
    `  Waymark is running at ${address.replace('127.0.0.1', 'localhost')}  (started in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    `  Database: ${runtime.embedded ? `embedded PostgreSQL (PGlite) in ${config.dataDir}` : 'PostgreSQL at DATABASE_URL'}${seeded ? ', demo area seeded' : ''}`,
  ]
  if (config.seedDemo && config.env !== 'production') {
    lines.push(`  Demo sign-in (password for every account: ${DEMO_PASSWORD}):`)
    for (const account of demoSignInAccounts()) lines.push(`    ${account.roleLabel.padEnd(55)} ${account.email}`)
  }
  lines.push('  Press Ctrl+C to stop.', '')
  process.stdout.write(lines.join('\n') + '\n')
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataFolderLockedError) {
    process.stderr.write(`\n${error.message}\n\n`)
  } else {
    process.stderr.write(`\nWaymark could not start: ${error instanceof Error ? error.message : String(error)}\n\n`)
  }
  process.exit(1)
})

// SPDX-License-Identifier: AGPL-3.0-or-later
// Starts Waymark: opens (and migrates) the database, seeds the demo area on first run, listens, and shuts
// down gracefully on SIGINT/SIGTERM (in-flight requests finish, then jobs stop, then the database closes).
// With WAYMARK_PROCESSES above 1 (ADR 0017) this process prepares the database and runs the jobs, and forks
// that many app processes that share the port: one Node thread per core renders pages.
import cluster from 'node:cluster'
import { pino } from 'pino'
import { buildApp, createModuleContext, registerModuleJobs } from './app.ts'
import { ConfigError, loadConfig, type Config } from './config.ts'
import {
  countShippedMigrations,
  EMBEDDED_MAINTENANCE_CRON,
  EMBEDDED_MAINTENANCE_QUEUE,
  maintainDatabase,
} from './platform/db/database.ts'
import { DataFolderLockedError } from './platform/db/embedded.ts'
import { openDatabase, type DatabaseRuntime } from './platform/db/runtime.ts'
import { disabledJobs, startJobs, type Jobs } from './platform/jobs/jobs.ts'
import { answerClusterMetrics } from './platform/metrics/metrics.ts'
import { loggerOptions } from './platform/logging/logging.ts'
import { DEMO_PASSWORD, demoSignInAccounts } from './seed/demo-accounts.ts'
import { isDatabaseEmpty, seedDemoArea } from './seed/demo.ts'

/** Start-up progress on standard error, so a first start on a slow machine never sits silent. */
function say(started: number, message: string): void {
  process.stderr.write(`  [${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${message}\n`)
}

/** Opens and migrates the database and seeds the demo area into an empty one. */
async function prepareDatabase(
  config: Config,
  started: number,
): Promise<{ runtime: DatabaseRuntime; seeded: boolean }> {
  say(
    started,
    config.databaseUrl
      ? 'Opening PostgreSQL at DATABASE_URL and applying migrations'
      : `Starting the embedded database in ${config.dataDir} and applying migrations`,
  )
  const runtime = await openDatabase(config)
  let seeded = false
  if (config.seedDemo && (await isDatabaseEmpty(runtime.db))) {
    say(started, 'The database is empty: seeding the demo area (the first start takes about a minute)')
    await seedDemoArea(runtime.db, (step, of, what) => say(started, `  demo ${step} of ${of}: ${what}`))
    seeded = true
  }
  // The embedded database has no autovacuum: collect the planner's statistics at every start (a few seconds).
  if (seeded || runtime.embedded) {
    say(started, 'Collecting the query planner’s statistics')
    await maintainDatabase(runtime.db, { vacuum: false })
  }
  return { runtime, seeded }
}

function banner(config: Config, address: string, started: number, embedded: boolean, seeded: boolean): string {
  const lines = [
    '',
    `  Waymark is running at ${address.replace('127.0.0.1', 'localhost')}  (started in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    `  Database: ${embedded ? `embedded PostgreSQL (PGlite) in ${config.dataDir}` : 'PostgreSQL at DATABASE_URL'}${seeded ? ', demo area seeded' : ''}`,
  ]
  if (config.processes > 1) lines.push(`  ${config.processes} app processes share the port`)
  if (config.seedDemo && config.env !== 'production') {
    lines.push(`  Demo sign-in (password for every account: ${DEMO_PASSWORD}):`)
    for (const account of demoSignInAccounts()) lines.push(`    ${account.roleLabel.padEnd(55)} ${account.email}`)
  }
  lines.push('  Press Ctrl+C to stop.', '')
  return lines.join('\n') + '\n'
}

/** One process that serves requests (the only one by default). */
async function serve(config: Config): Promise<void> {
  const started = Date.now()
  const worker = cluster.isWorker
  // In a cluster the primary has migrated and seeded already; a worker only connects.
  const { runtime, seeded } = worker
    ? { runtime: await openDatabase(config, { migrate: false }), seeded: false }
    : await prepareDatabase(config, started)
  if (!worker) say(started, 'Starting the web server')
  const logger = pino(loggerOptions(config.logLevel) as pino.LoggerOptions)
  const jobs: Jobs = config.runJobs && !worker ? await startJobs(runtime.url, logger) : disabledJobs(logger)
  if (runtime.embedded) {
    await jobs.work(EMBEDDED_MAINTENANCE_QUEUE, () => maintainDatabase(runtime.db, { vacuum: true }))
    await jobs.schedule(EMBEDDED_MAINTENANCE_QUEUE, EMBEDDED_MAINTENANCE_CRON)
  }
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
  if (!worker) process.stdout.write(banner(config, address, started, runtime.embedded, seeded))
}

/** The cluster's primary: prepares the database, runs the jobs, keeps `processes` app processes running. */
async function supervise(config: Config): Promise<void> {
  const started = Date.now()
  const { runtime, seeded } = await prepareDatabase(config, started)
  const logger = pino(loggerOptions(config.logLevel) as pino.LoggerOptions)
  const jobs: Jobs = config.runJobs ? await startJobs(runtime.url, logger) : disabledJobs(logger)
  // The app processes run no jobs: the modules' scheduled work (referrer updates, reminders, nudges) runs here.
  await registerModuleJobs(createModuleContext({ config, db: runtime.db, jobs }, logger))
  if (config.metricsToken) answerClusterMetrics(jobs)
  say(started, `Starting ${config.processes} app processes`)
  // Rate limits count in the database (platform/security/rate-limit.store.ts), so every process shares them.
  let stopping = false
  const fork = (): void => {
    cluster.fork().once('exit', (code, signal) => {
      if (stopping) return
      logger.error({ code, signal }, 'an app process stopped unexpectedly: starting another')
      setTimeout(fork, 1000).unref()
    })
  }
  let listening = 0
  cluster.on('listening', (_worker, address) => {
    listening += 1
    if (listening === config.processes) {
      const url = `http://${address.address ?? config.host}:${address.port}`
      process.stdout.write(banner(config, url, started, false, seeded))
    }
  })
  for (let i = 0; i < config.processes; i++) fork()

  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'shutting down the app processes')
    const force = setTimeout(() => process.exit(1), 25_000)
    force.unref()
    const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined)
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            w.once('exit', () => resolve())
            w.process.kill('SIGTERM')
          }),
      ),
    )
    await jobs.stop()
    await runtime.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void shutdown('SIGINT'))
  process.once('SIGTERM', () => void shutdown('SIGTERM'))
}

async function main(): Promise<void> {
  const config = loadConfig()
  if (cluster.isPrimary && config.processes > 1) await supervise(config)
  else await serve(config)
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataFolderLockedError) {
    process.stderr.write(`\n${error.message}\n\n`)
  } else {
    process.stderr.write(`\nWaymark could not start: ${error instanceof Error ? error.message : String(error)}\n\n`)
  }
  process.exit(1)
})

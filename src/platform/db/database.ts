// SPDX-License-Identifier: AGPL-3.0-or-later
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres'
import { migrate } from 'drizzle-orm/node-postgres/migrator'
import pg from 'pg'

/** The one database handle type used everywhere, on the embedded database and on PostgreSQL alike. */
export type Database = NodePgDatabase
/** A transaction handle. Functions that must run inside a transaction take this, not `Database`. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0]
/** Either a plain handle or a transaction: for reads and single statements that may run in either. */
export type Queryable = Database | Tx

export interface DatabaseConnection {
  readonly db: Database
  readonly pool: pg.Pool
  close(): Promise<void>
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../migrations', import.meta.url))
// Any fixed number: every Waymark process that migrates takes this lock so two never migrate at once.
const MIGRATION_LOCK_KEY = 7_270_701

// Timestamps come back as Date, bigint counts as numbers (our counts stay far below 2^53).
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value))

/**
 * Opens a connection pool and a Drizzle handle on it.
 * @param url - a postgres:// URL (the embedded server's or a real PostgreSQL's)
 * @param maxConnections - pool size
 */
export function connectDatabase(url: string, maxConnections = 8): DatabaseConnection {
  const pool = new pg.Pool({ connectionString: url, max: maxConnections, idleTimeoutMillis: 30_000 })
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined)
  const db = drizzle({ client: pool, casing: 'snake_case' })
  return {
    db,
    pool,
    async close() {
      await pool.end()
    },
  }
}

/** Applies pending SQL migrations in-process, holding an advisory lock so concurrent starts are safe. */
export async function migrateDatabase(pool: pg.Pool): Promise<void> {
  const client = await pool.connect()
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY])
    try {
      await migrate(drizzle({ client, casing: 'snake_case' }), { migrationsFolder: MIGRATIONS_FOLDER })
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
    }
  } finally {
    client.release()
  }
}

/** True when the database answers and every migration in the folder has been applied. */
export async function isDatabaseReady(db: Database, expectedMigrations: number): Promise<boolean> {
  try {
    const result = await db.execute<{ applied: number }>(
      sql`select count(*)::int as applied from drizzle.__drizzle_migrations`,
    )
    return (result.rows[0]?.applied ?? 0) >= expectedMigrations
  } catch {
    return false
  }
}

/** Where a read came from: the primary, or a replica and how far behind it is. */
export interface ReadFreshness {
  readonly replica: boolean
  /** Seconds behind the primary (0 when every change received has been applied); null on the primary. */
  readonly lagSeconds: number | null
}

/**
 * How fresh `db`'s answers are. On a streaming replica: 0 when it has applied everything it has received, else
 * the age of the last change it applied (an idle primary sends nothing, so a caught-up replica is not "behind").
 */
export async function readFreshness(db: Database): Promise<ReadFreshness> {
  const result = await db.execute<{ replica: boolean; lag: number | null }>(sql`
    select pg_is_in_recovery() as replica,
      case when not pg_is_in_recovery() then null
        when pg_last_wal_receive_lsn() is not distinct from pg_last_wal_replay_lsn() then 0
        else extract(epoch from now() - pg_last_xact_replay_timestamp())::float
      end as lag`)
  const row = result.rows[0]
  return { replica: row?.replica ?? false, lagSeconds: row?.lag ?? null }
}

/** How many migrations ship with this version (from drizzle's journal). */
export function countShippedMigrations(): number {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as {
    entries: unknown[]
  }
  return journal.entries.length
}

/** The nightly job that keeps the embedded database's statistics and free space up to date (see below). */
export const EMBEDDED_MAINTENANCE_QUEUE = 'platform.embedded-vacuum-analyze'
export const EMBEDDED_MAINTENANCE_CRON = '53 3 * * *'

/**
 * Brings the query planner's statistics up to date (and, with `vacuum`, reclaims dead rows). PostgreSQL's
 * autovacuum does both by itself; the embedded database runs PostgreSQL in single-user mode, where autovacuum
 * never runs, so without this every estimate stays at its default (about one row a table) and the planner picks
 * nested loops that read whole tables once per outer row.
 */
export async function maintainDatabase(db: Database, options: { vacuum: boolean }): Promise<void> {
  await db.execute(sql.raw(options.vacuum ? 'vacuum analyze' : 'analyze'))
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Config } from '../../config.ts'
import { connectDatabase, migrateDatabase, type Database, type DatabaseConnection } from './database.ts'
import { startEmbeddedDatabase } from './embedded.ts'

export interface DatabaseRuntime {
  readonly db: Database
  readonly connection: DatabaseConnection
  /** The URL every client (the pool, the job queue) connects to. */
  readonly url: string
  readonly embedded: boolean
  close(): Promise<void>
}

/**
 * Opens the configured database: PostgreSQL at DATABASE_URL, or else the embedded database in the data
 * folder (locked against a second process). Either way the app gets the same `pg` + Drizzle handle, migrated.
 */
export async function openDatabase(config: Config, options: { migrate?: boolean } = {}): Promise<DatabaseRuntime> {
  const embedded = config.databaseUrl ? undefined : await startEmbeddedDatabase(config.dataDir)
  const url = config.databaseUrl ?? embedded!.url
  const connection = connectDatabase(url, embedded ? 6 : 10)
  try {
    if (options.migrate ?? true) await migrateDatabase(connection.pool)
  } catch (error) {
    await connection.close()
    await embedded?.stop()
    throw error
  }
  return {
    db: connection.db,
    connection,
    url,
    embedded: embedded !== undefined,
    async close() {
      await connection.close()
      await embedded?.stop()
    },
  }
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// backup, restore and move-to-postgres: the operator's commands for keeping and moving an installation's data.
import { existsSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { recordAuditEvent, systemActor, verifyAuditChains } from '../platform/audit/audit.service.ts'
import {
  BackupError,
  copyDatabase,
  countRows,
  restoreBackup,
  writeBackup,
  type TableCounts,
} from '../platform/db/backup.ts'
import { connectDatabase, migrateDatabase, type Database } from '../platform/db/database.ts'
import { UsageError, type Command } from './cli-errors.ts'

function total(counts: TableCounts): string {
  const rows = Object.values(counts).reduce((sum, n) => sum + n, 0)
  return `${rows.toLocaleString('en-GB')} rows in ${Object.keys(counts).length} tables`
}

/** A restored or moved database is checked as an operator would: rows per table, then every audit chain. */
async function verifyCopy(db: Database, expected: TableCounts): Promise<string> {
  const counted = await countRows(db)
  const wrong = Object.keys(expected).filter((table) => counted[table] !== expected[table])
  if (wrong.length) throw new BackupError(`Row counts differ after the copy in ${wrong.join(', ')}`)
  const chains = await verifyAuditChains(db)
  const broken = chains.filter((chain) => chain.brokenAtSequence !== null)
  if (broken.length) throw new BackupError(`${broken.length} audit chains no longer verify after the copy`)
  const entries = chains.reduce((sum, chain) => sum + chain.entries, 0)
  return `counts match; ${chains.length} audit chains (${entries.toLocaleString('en-GB')} entries) verify`
}

/** A backup reads, and a restore or move writes, every person's records: each is audited on the platform chain. */
async function auditOperation(db: Database, action: string, counts: TableCounts, detail: string): Promise<void> {
  const rows = Object.values(counts).reduce((sum, n) => sum + n, 0)
  await recordAuditEvent(
    db,
    { ...systemActor(null, `waymark ${action}`), role: 'operator' },
    {
      action: `database-${action}`,
      recordType: 'database',
      details: { tables: Object.keys(counts).length, rows, where: detail },
    },
  )
}

function asUsage(error: unknown): never {
  if (error instanceof BackupError) throw new UsageError(error.message)
  throw error
}

const backup: Command = {
  summary: 'Write a compressed backup of every table to a file (stop the server first on the embedded database)',
  usage: 'backup --file waymark-2026-12-07.backup.gz',
  async run({ args, open, print }) {
    const { values } = parseArgs({ args, options: { file: { type: 'string' } } })
    const file = values.file?.trim()
    if (!file) throw new UsageError('Missing --file')
    if (existsSync(file)) throw new UsageError(`${file} already exists: choose a new file name`)
    const runtime = await open()
    const started = Date.now()
    try {
      const counts = await writeBackup(runtime.db, file)
      await auditOperation(runtime.db, 'backup', counts, path.basename(file))
      const bytes = statSync(file).size
      print(
        `Backed up ${total(counts)} to ${file} (${(bytes / 1e6).toFixed(1)} MB) in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
      )
    } catch (error) {
      rmSync(file, { force: true })
      asUsage(error)
    } finally {
      await runtime.close()
    }
  },
}

const restore: Command = {
  summary: 'Load a backup into an empty database of the same Waymark version, then check it',
  usage: 'restore --file waymark-2026-12-07.backup.gz',
  async run({ args, open, print }) {
    const { values } = parseArgs({ args, options: { file: { type: 'string' } } })
    const file = values.file?.trim()
    if (!file) throw new UsageError('Missing --file')
    if (!existsSync(file)) throw new UsageError(`There is no file ${file}`)
    const runtime = await open()
    const started = Date.now()
    try {
      const counts = await restoreBackup(runtime.db, file).catch(asUsage)
      const checked = await verifyCopy(runtime.db, counts).catch(asUsage)
      await auditOperation(runtime.db, 'restore', counts, path.basename(file))
      print(`Restored ${total(counts)} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${checked}.`)
    } finally {
      await runtime.close()
    }
  },
}

const moveToPostgres: Command = {
  summary: 'Copy the embedded database into an empty PostgreSQL database, checked by counts and the audit chains',
  usage: 'move-to-postgres --to postgres://user@host:5432/waymark  (or the address in WAYMARK_MOVE_TO)',
  async run({ args, config, open, print }) {
    const { values } = parseArgs({ args, options: { to: { type: 'string' } } })
    const to = (values.to ?? process.env['WAYMARK_MOVE_TO'] ?? '').trim()
    if (!to) throw new UsageError('Give the PostgreSQL address with --to or WAYMARK_MOVE_TO')
    if (!/^postgres(ql)?:\/\//.test(to)) throw new UsageError('--to must be a postgres:// address')
    if (config.databaseUrl)
      throw new UsageError(
        'DATABASE_URL is set: this installation already uses PostgreSQL. Unset it to move from the embedded database.',
      )
    const source = await open()
    const target = connectDatabase(to, 2)
    const started = Date.now()
    try {
      await migrateDatabase(target.pool)
      const counts = await copyDatabase(source.db, target.db).catch(asUsage)
      const checked = await verifyCopy(target.db, counts).catch(asUsage)
      // Recorded on both sides: the copy says where it came from, the original that it was copied.
      await auditOperation(target.db, 'move-to-postgres', counts, 'from the embedded database')
      await auditOperation(source.db, 'move-to-postgres', counts, 'to PostgreSQL')
      print(`Copied ${total(counts)} to PostgreSQL in ${((Date.now() - started) / 1000).toFixed(1)} s: ${checked}.`)
      print(`Start Waymark with DATABASE_URL set to that address. The embedded data in ${config.dataDir} is unchanged.`)
    } finally {
      await target.close()
      await source.close()
    }
  },
}

export const BACKUP_COMMANDS: Record<string, Command> = {
  backup,
  restore,
  'move-to-postgres': moveToPostgres,
}

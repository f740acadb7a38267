// SPDX-License-Identifier: AGPL-3.0-or-later
// Backup, restore and moving an installation between databases (issue 13). One format for both database modes:
// every application table's rows as PostgreSQL's own JSON of them (row_to_json, which keeps microseconds,
// bytes, arrays and exact numbers), read in one snapshot, written in foreign-key order, loaded back with
// json_populate_recordset in one transaction. pg_dump cannot serve the embedded database (PGlite is a newer
// PostgreSQL than the client tools here), and one format means a backup of either kind restores into the other.
import { once } from 'node:events'
import { createReadStream, createWriteStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { createGunzip, createGzip } from 'node:zlib'
import { sql } from 'drizzle-orm'
import type { Database, Tx } from './database.ts'

/** Something about a backup or its target the operator must put right; nothing was written. */
export class BackupError extends Error {}

export const BACKUP_FORMAT = 'waymark-backup'
const BACKUP_VERSION = 1
const BATCH_ROWS = 1_000

export interface BackupHeader {
  format: typeof BACKUP_FORMAT
  version: number
  createdAt: string
  /** Migrations applied to the database it came from: a backup restores into the same version. */
  migrations: number
  lastMigration: string
  tables: string[]
}

/** Rows per table: what was written, restored or copied. */
export type TableCounts = Record<string, number>

interface TableBatch {
  table: string
  /** Each row as PostgreSQL's JSON text of it. */
  rows: string[]
}

/** The application's tables (schema public), parents before children, so each load meets its foreign keys. */
export async function tablesInLoadOrder(db: Database | Tx): Promise<string[]> {
  const tables = (
    await db.execute<{ name: string }>(
      sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
           where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition order by c.relname`,
    )
  ).rows.map((row) => row.name)
  const references = (
    await db.execute<{ child: string; parent: string }>(
      sql`select ch.relname as child, pa.relname as parent from pg_constraint f
            join pg_class ch on ch.oid = f.conrelid join pg_class pa on pa.oid = f.confrelid
            join pg_namespace n on n.oid = ch.relnamespace
           where f.contype = 'f' and n.nspname = 'public' and f.conrelid <> f.confrelid`,
    )
  ).rows
  const ordered: string[] = []
  const placed = new Set<string>()
  const visiting = new Set<string>()
  const visit = (table: string): void => {
    if (placed.has(table)) return
    if (visiting.has(table)) throw new BackupError(`The tables' foreign keys form a cycle through ${table}`)
    visiting.add(table)
    for (const { parent } of references.filter((r) => r.child === table)) visit(parent)
    visiting.delete(table)
    placed.add(table)
    ordered.push(table)
  }
  for (const table of tables) visit(table)
  return ordered
}

async function migrationLevel(db: Database | Tx): Promise<{ migrations: number; lastMigration: string }> {
  const row = (
    await db.execute<{ migrations: number; last: string | null }>(
      sql`select count(*)::int as migrations, (select hash from drizzle.__drizzle_migrations order by id desc limit 1) as last
            from drizzle.__drizzle_migrations`,
    )
  ).rows[0]!
  return { migrations: row.migrations, lastMigration: row.last ?? '' }
}

/**
 * Reads every application table in one consistent snapshot, a batch at a time through a cursor, so a
 * backup taken while the service runs is a single moment of it and memory stays flat whatever the size.
 */
async function readTables(
  source: Database,
  onStart: (header: BackupHeader) => Promise<void>,
  onBatch: (batch: TableBatch) => Promise<void>,
): Promise<TableCounts> {
  return source.transaction(
    async (tx) => {
      const tables = await tablesInLoadOrder(tx)
      await onStart({
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: new Date().toISOString(),
        ...(await migrationLevel(tx)),
        tables,
      })
      const counts: TableCounts = {}
      for (const table of tables) {
        counts[table] = 0
        await tx.execute(
          sql`declare backup_rows no scroll cursor for select row_to_json(t)::text as r from ${sql.identifier(table)} t`,
        )
        for (;;) {
          const rows = (await tx.execute<{ r: string }>(sql.raw(`fetch ${BATCH_ROWS} from backup_rows`))).rows
          if (rows.length === 0) break
          counts[table] += rows.length
          await onBatch({ table, rows: rows.map((row) => row.r) })
        }
        await tx.execute(sql`close backup_rows`)
      }
      return counts
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  )
}

/** Refuses a target that is not a freshly migrated, empty database of the same version as the source. */
async function checkTarget(target: Tx, header: BackupHeader): Promise<void> {
  const level = await migrationLevel(target)
  if (level.migrations !== header.migrations || level.lastMigration !== header.lastMigration)
    throw new BackupError(
      `The backup was made by a Waymark with ${header.migrations} migrations and this one has ${level.migrations}: ` +
        'restore with the version that made it, then upgrade.',
    )
  const tables = await tablesInLoadOrder(target)
  const unknown = header.tables.filter((table) => !tables.includes(table))
  if (unknown.length) throw new BackupError(`The target has no table ${unknown.join(', ')}`)
  const holding = (
    await target.execute<{ name: string }>(
      sql.raw(
        tables
          .map((t) => `select '${t}' as name where exists (select 1 from ${JSON.stringify(t)})`)
          .join(' union all '),
      ),
    )
  ).rows
  if (holding.length)
    throw new BackupError(
      `The target database already holds data (in ${holding.length} tables, such as ${holding[0]!.name}): ` +
        'restore only into an empty one.',
    )
}

/**
 * Loads rows as they were stored: triggers that derive a column (the directory's distance cubes) are held off
 * until the load ends, so a value is not computed again, perhaps a rounding apart on another build of PostgreSQL.
 */
async function withTriggersHeld<T>(target: Tx, load: () => Promise<T>): Promise<T> {
  const tables = (
    await target.execute<{ name: string }>(
      sql`select distinct c.relname as name from pg_trigger g join pg_class c on c.oid = g.tgrelid
            join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and not g.tgisinternal`,
    )
  ).rows.map((row) => row.name)
  for (const table of tables) await target.execute(sql`alter table ${sql.identifier(table)} disable trigger user`)
  const result = await load()
  for (const table of tables) await target.execute(sql`alter table ${sql.identifier(table)} enable trigger user`)
  return result
}

/** The columns a row can be loaded into: generated columns are computed again by the database. */
async function loadColumns(target: Tx, tables: string[]): Promise<Map<string, string[]>> {
  const rows = (
    await target.execute<{ table: string; column: string }>(
      sql`select c.relname as table, a.attname as column from pg_attribute a
            join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
           where n.nspname = 'public' and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
           order by c.relname, a.attnum`,
    )
  ).rows
  const columns = new Map<string, string[]>(tables.map((table) => [table, []]))
  for (const row of rows) columns.get(row.table)?.push(row.column)
  return columns
}

function batchLoader(target: Tx, columns: Map<string, string[]>) {
  const counts: TableCounts = Object.fromEntries([...columns.keys()].map((table) => [table, 0]))
  return {
    counts,
    async load(batch: TableBatch): Promise<void> {
      const names = columns.get(batch.table)
      if (!names) throw new BackupError(`The backup has rows for ${batch.table}, which it did not list`)
      const list = sql.join(
        names.map((name) => sql.identifier(name)),
        sql`, `,
      )
      await target.execute(
        sql`insert into ${sql.identifier(batch.table)} (${list})
            select ${list} from json_populate_recordset(null::${sql.identifier(batch.table)}, ${`[${batch.rows.join(',')}]`}::json)`,
      )
      counts[batch.table]! += batch.rows.length
    },
  }
}

function checkCounts(expected: TableCounts, loaded: TableCounts): void {
  const wrong = Object.entries(expected).filter(([table, rows]) => (loaded[table] ?? 0) !== rows)
  if (wrong.length)
    throw new BackupError(
      `Rows loaded differ from rows read: ${wrong.map(([t, n]) => `${t} ${loaded[t] ?? 0} of ${n}`).join(', ')}`,
    )
}

/** Writes a gzip-compressed backup of every application table; returns the rows written per table. */
export async function writeBackup(source: Database, file: string): Promise<TableCounts> {
  const gzip = createGzip()
  const out = gzip.pipe(createWriteStream(file, { flags: 'wx' }))
  const write = async (line: string): Promise<void> => {
    if (!gzip.write(line + '\n')) await once(gzip, 'drain')
  }
  const counts = await readTables(
    source,
    (header) => write(JSON.stringify(header)),
    // A batch is a line naming its table and row count, then each row's JSON as PostgreSQL wrote it, never parsed
    // in between (a parse would round numbers and large integers).
    (batch) => write(`${JSON.stringify({ table: batch.table, rows: batch.rows.length })}\n${batch.rows.join('\n')}`),
  )
  await write(JSON.stringify({ end: true, counts }))
  gzip.end()
  await once(out, 'finish')
  return counts
}

/**
 * Loads a backup into an empty database of the same version, in one transaction: a file that is truncated,
 * altered or from another version leaves the target as it was.
 */
export async function restoreBackup(target: Database, file: string): Promise<TableCounts> {
  return target.transaction((tx) => withTriggersHeld(tx, () => loadLines(tx, file)))
}

async function loadLines(tx: Tx, file: string): Promise<TableCounts> {
  // Opened only now, just before it is read: a line stream opened before the transaction began would lose the
  // lines it read while waiting.
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity })
  let loader: ReturnType<typeof batchLoader> | undefined
  let batch: TableBatch | undefined
  let expected = 0
  for await (const line of lines) {
    if (batch) {
      batch.rows.push(line)
      if (batch.rows.length === expected) {
        await loader!.load(batch)
        batch = undefined
      }
      continue
    }
    const record = parseLine(line)
    if (!loader) {
      const header = record as Partial<BackupHeader>
      if (header.format !== BACKUP_FORMAT || header.version !== BACKUP_VERSION || !Array.isArray(header.tables))
        throw new BackupError('This file is not a Waymark backup')
      await checkTarget(tx, header as BackupHeader)
      loader = batchLoader(tx, await loadColumns(tx, header.tables))
    } else if (record['end'] === true) {
      checkCounts(record['counts'] as TableCounts, loader.counts)
      return loader.counts
    } else if (typeof record['table'] === 'string' && Number.isInteger(record['rows']) && Number(record['rows']) > 0) {
      batch = { table: record['table'], rows: [] }
      expected = Number(record['rows'])
    } else {
      throw new BackupError('The backup is damaged: a batch has no table or rows')
    }
  }
  throw new BackupError('The backup ends early: it was not copied whole')
}

function parseLine(line: string): Record<string, unknown> {
  try {
    return JSON.parse(line) as Record<string, unknown>
  } catch {
    throw new BackupError('The backup is damaged: a line is not JSON')
  }
}

/** Copies every application table from one database into another, empty one of the same version, in one go. */
export async function copyDatabase(source: Database, target: Database): Promise<TableCounts> {
  return target.transaction((tx) =>
    withTriggersHeld(tx, async () => {
      let loader: ReturnType<typeof batchLoader> | undefined
      const counts = await readTables(
        source,
        async (header) => {
          await checkTarget(tx, header)
          loader = batchLoader(tx, await loadColumns(tx, header.tables))
        },
        (batch) => loader!.load(batch),
      )
      checkCounts(counts, loader!.counts)
      return counts
    }),
  )
}

/** Rows in every application table, counted in the database: how a restore or move is checked afterwards. */
export async function countRows(db: Database): Promise<TableCounts> {
  const tables = await tablesInLoadOrder(db)
  const rows = (
    await db.execute<{ name: string; rows: number }>(
      sql.raw(
        tables.map((t) => `select '${t}' as name, count(*)::int as rows from ${JSON.stringify(t)}`).join(' union all '),
      ),
    )
  ).rows
  return Object.fromEntries(rows.map((row) => [row.name, row.rows]))
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// Backup, restore and move-to-postgres (issue 13). The demo service is seeded into a database of this pass's kind,
// backed up, and restored into an empty database of the same kind and of the other kind; every table must come
// back row for row (compared by PostgreSQL's own JSON of each row) with every audit chain verifying. A damaged or
// truncated backup, or a target that holds data, leaves the target as it was. Then `waymark move-to-postgres`
// copies an embedded installation into an empty PostgreSQL database, as an operator would run it.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { gunzipSync, gzipSync } from 'node:zlib'
import { after, before, describe, it } from 'node:test'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { verifyAuditChains } from '../src/platform/audit/audit.service.ts'
import { BackupError, countRows, restoreBackup, tablesInLoadOrder, writeBackup } from '../src/platform/db/backup.ts'
import { connectDatabase, migrateDatabase, type Database } from '../src/platform/db/database.ts'
import { startEmbeddedDatabase } from '../src/platform/db/embedded.ts'
import { seedDemoArea } from '../src/seed/demo.ts'

const POSTGRES_URL = process.env['WAYMARK_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const ROOT = path.resolve(import.meta.dirname, '..')
const thisKind = process.env['WAYMARK_TEST_DATABASE'] === 'postgresql' ? 'postgresql' : 'pglite'
const otherKind = thisKind === 'pglite' ? 'postgresql' : 'pglite'
const work = mkdtempSync(path.join(os.tmpdir(), 'waymark-backup-test-'))
const cleanups: Array<() => Promise<void>> = []

interface Fresh {
  db: Database
  url: string
  /** The embedded database's data folder, for the CLI. */
  dataDir?: string
  close(): Promise<void>
}

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 })
  try {
    await client.connect()
    await client.end()
    return true
  } catch {
    return false
  }
}

/** An empty, migrated database of either kind, dropped or deleted when the file ends. */
async function freshDatabase(kind: 'pglite' | 'postgresql'): Promise<Fresh> {
  let url: string
  let dataDir: string | undefined
  let stop: () => Promise<void>
  if (kind === 'pglite') {
    dataDir = mkdtempSync(path.join(work, 'embedded-'))
    const embedded = await startEmbeddedDatabase(dataDir, 4)
    url = embedded.url
    stop = () => embedded.stop()
  } else {
    const name = `waymark_backup_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
    const admin = new pg.Client({ connectionString: POSTGRES_URL })
    await admin.connect()
    await admin.query(`create database ${name}`)
    const address = new URL(POSTGRES_URL)
    address.pathname = `/${name}`
    url = address.toString()
    stop = async () => {
      await admin.query(`drop database if exists ${name} with (force)`)
      await admin.end()
    }
  }
  const connection = connectDatabase(url, 2)
  await migrateDatabase(connection.pool)
  let closed = false
  const close = async () => {
    if (closed) return
    closed = true
    await connection.close()
    await stop()
  }
  cleanups.push(close)
  return { db: connection.db, url, ...(dataDir ? { dataDir } : {}), close }
}

/** Every table's rows as PostgreSQL's JSON of them, sorted: equal only if every value came back exactly. */
async function contents(db: Database): Promise<Record<string, string>> {
  const tables = await tablesInLoadOrder(db)
  const rows = (
    await db.execute<{ name: string; digest: string }>(
      sql.raw(
        tables
          .map(
            (t) =>
              `select '${t}' as name, coalesce(md5(string_agg(row_to_json(x)::text, E'\\n' order by row_to_json(x)::text)), '') as digest from "${t}" x`,
          )
          .join(' union all '),
      ),
    )
  ).rows
  return Object.fromEntries(rows.map((row) => [row.name, row.digest]))
}

async function chainsVerify(db: Database): Promise<number> {
  const chains = await verifyAuditChains(db)
  assert.deepEqual(
    chains.filter((chain) => chain.brokenAtSequence !== null),
    [],
  )
  return chains.length
}

/** The file's lines after its header (which carries the moment it was made). */
function rowLines(file: string): string[] {
  return gunzipSync(readFileSync(file)).toString('utf8').split('\n').slice(1)
}

describe('backup, restore and move-to-postgres', () => {
  let source: Fresh
  let sourceContents: Record<string, string>
  let sourceCounts: Record<string, number>
  let postgres = false
  const file = path.join(work, 'demo.backup.gz')

  before(async () => {
    postgres = await postgresAnswers()
    source = await freshDatabase(thisKind)
    await seedDemoArea(source.db)
    sourceContents = await contents(source.db)
    sourceCounts = await countRows(source.db)
    await writeBackup(source.db, file)
  })
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup()
    rmSync(work, { recursive: true, force: true })
  })

  it('restores the demo service row for row into an empty database of the same kind', async () => {
    const target = await freshDatabase(thisKind)
    const counts = await restoreBackup(target.db, file)
    assert.ok(counts['referrals']! > 50 && counts['audit_events']! > 100, JSON.stringify(counts))
    assert.deepEqual(await contents(target.db), sourceContents)
    assert.ok((await chainsVerify(target.db)) > 1)
    // Backing the restored copy up gives the same rows again: nothing drifts in a second round trip.
    const again = path.join(work, 'again.backup.gz')
    await writeBackup(target.db, again)
    assert.deepEqual(rowLines(again).sort(), rowLines(file).sort())
    await target.close()
  })

  it(`restores into the other kind of database (${otherKind}) just the same`, async (t) => {
    if (otherKind === 'postgresql' && !postgres) return t.skip(`no PostgreSQL answered at ${POSTGRES_URL}`)
    const target = await freshDatabase(otherKind)
    await restoreBackup(target.db, file)
    assert.deepEqual(await contents(target.db), sourceContents)
    await chainsVerify(target.db)
    await target.close()
  })

  it('refuses a target that holds data, a truncated backup and a file that is not a backup, changing nothing', async () => {
    await assert.rejects(restoreBackup(source.db, file), /already holds data/)
    assert.deepEqual(await contents(source.db), sourceContents)

    const target = await freshDatabase(thisKind)
    const lines = gunzipSync(readFileSync(file)).toString('utf8').trimEnd().split('\n')
    const truncated = path.join(work, 'truncated.backup.gz')
    writeFileSync(truncated, gzipSync(lines.slice(0, Math.floor(lines.length / 2)).join('\n') + '\n'))
    await assert.rejects(restoreBackup(target.db, truncated), (error: Error) => {
      assert.ok(error instanceof BackupError)
      assert.match(error.message, /ends early/)
      return true
    })
    const altered = path.join(work, 'altered.backup.gz')
    writeFileSync(
      altered,
      gzipSync(
        lines.map((line, i) => (i === lines.length - 1 ? '{"end":true,"counts":{"areas":99}}' : line)).join('\n') +
          '\n',
      ),
    )
    await assert.rejects(restoreBackup(target.db, altered), /differ/)
    const notBackup = path.join(work, 'not.backup.gz')
    writeFileSync(notBackup, gzipSync('{"hello":"world"}\n'))
    await assert.rejects(restoreBackup(target.db, notBackup), /not a Waymark backup/)
    assert.ok(
      Object.values(await countRows(target.db)).every((rows) => rows === 0),
      'the target is still empty',
    )
    await target.close()
  })

  it(
    'moves an embedded installation to PostgreSQL with `waymark move-to-postgres`',
    { timeout: 300_000 },
    async (t) => {
      if (!postgres) return t.skip(`no PostgreSQL answered at ${POSTGRES_URL}`)
      // An embedded installation holding the demo: the source itself on this pass, or a restored copy on the other.
      let embedded = source
      if (thisKind !== 'pglite') {
        embedded = await freshDatabase('pglite')
        await restoreBackup(embedded.db, file)
      }
      await embedded.close()
      const target = await freshDatabase('postgresql')
      const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'DATABASE_URL'))
      const move = () =>
        promisify(execFile)(
          process.execPath,
          ['--import', 'tsx', 'src/cli/main.ts', 'move-to-postgres', '--to', target.url],
          {
            cwd: ROOT,
            env: { ...env, WAYMARK_DATA_DIR: embedded.dataDir! },
          },
        )
      const run = await move()
      assert.match(run.stdout, /Copied [\d,]+ rows in \d+ tables to PostgreSQL .*: counts match; \d+ audit chains/)
      // Every row as it was, and one more: the audit log's record of the move itself, on the platform's chain.
      const withoutAudit = (all: Record<string, string>) =>
        Object.fromEntries(Object.entries(all).filter(([table]) => table !== 'audit_events'))
      assert.deepEqual(withoutAudit(await contents(target.db)), withoutAudit(sourceContents))
      assert.equal((await countRows(target.db))['audit_events'], sourceCounts['audit_events']! + 1)
      const recorded = await target.db.execute<{ action: string; role: string }>(
        sql`select action, actor_role as role from audit_events where record_type = 'database'`,
      )
      assert.deepEqual(recorded.rows, [{ action: 'database-move-to-postgres', role: 'operator' }])
      await chainsVerify(target.db)
      // A second move onto the same database is refused rather than doubling anything.
      const second = await move().catch((error: { code: number; stdout: string }) => error)
      assert.equal((second as { code?: number }).code, 2)
      assert.match((second as { stdout: string }).stdout, /already holds data/)
    },
  )
})

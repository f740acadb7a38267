// SPDX-License-Identifier: AGPL-3.0-or-later
// `npm test`: runs everything this machine can run and says plainly what it skipped.
//   1. type check, lint, module boundaries and import cycles (dependency-cruiser), licences and advisories of what
//      ships
//   2. unit tests (*.test.ts beside the code)
//   3. integration tests (*.int.test.ts) on the embedded database, then on PostgreSQL when one answers
//   4. browser tests (test/e2e/*.spec.ts) with axe, when Chromium is installed
// With WAYMARK_REQUIRE_ALL=1 (set by .ci/run) any skip is a failure, so CI always runs everything.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { connectDatabase, migrateDatabase } from '../src/platform/db/database.ts'
import { startEmbeddedDatabase } from '../src/platform/db/embedded.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const REQUIRE_ALL = process.env['WAYMARK_REQUIRE_ALL'] === '1'
const POSTGRES_URL = process.env['WAYMARK_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres'
// SPDX expressions as the packages declare them. PSF-2.0 (argparse), CC-BY-3.0 (date-holidays' holiday data, with
// ISC code) and png-js's MIT (read from its licence file, hence the asterisk) were read and are compatible.
const ALLOWED_LICENCES = [
  'MIT',
  'MIT*',
  'MIT-0',
  'ISC',
  'Apache-2.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  '0BSD',
  'BlueOak-1.0.0',
  'Unlicense',
  'CC0-1.0',
  '(MIT OR CC0-1.0)',
  'PSF-2.0',
  '(ISC AND CC-BY-3.0)',
  'MPL-2.0',
  'LGPL-3.0-or-later',
  'AGPL-3.0-or-later',
]
const only = new Set((process.env['WAYMARK_TEST_ONLY'] ?? '').split(',').filter(Boolean))
// WAYMARK_TEST_FILES=src/modules/directory,test/e2e/directory runs only test files whose path contains one of these.
const fileFilters = (process.env['WAYMARK_TEST_FILES'] ?? '').split(',').filter(Boolean)

interface StepResult {
  name: string
  passed: number
  failed: number
  skipped?: string
}
const results: StepResult[] = []

function want(step: string): boolean {
  return only.size === 0 || only.has(step)
}

function findFiles(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => fileFilters.length === 0 || fileFilters.some((filter) => file.includes(filter)))
    .sort()
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    const relay = (chunk: Buffer): void => {
      const text = chunk.toString()
      output += text
      process.stdout.write(
        text
          .split('\n')
          .filter((line) => !line.includes('Unknown user config "nodedir"'))
          .join('\n'),
      )
    }
    child.stdout.on('data', relay)
    child.stderr.on('data', relay)
    child.on('close', (code) => resolve({ code: code ?? 1, output }))
  })
}

function tapCount(output: string, key: 'pass' | 'fail'): number {
  const matches = [...output.matchAll(new RegExp(`^# ${key} (\\d+)$`, 'gm'))]
  return matches.reduce((sum, m) => sum + Number(m[1]), 0)
}

async function runNodeTests(name: string, files: string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  if (files.length === 0) {
    results.push({ name, passed: 0, failed: 0, skipped: 'no test files' })
    return
  }
  process.stdout.write(`\n=== ${name} (${files.length} files) ===\n`)
  const { code, output } = await run(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=tap', ...files],
    env,
  )
  const passed = tapCount(output, 'pass')
  let failed = tapCount(output, 'fail')
  if (code !== 0 && failed === 0) failed = 1
  results.push({ name, passed, failed })
}

async function runCheck(name: string, command: string, args: string[]): Promise<void> {
  process.stdout.write(`\n=== ${name} ===\n`)
  const { code } = await run(command, args)
  results.push({ name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 })
}

async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 })
  try {
    await client.connect()
    await client.query('select 1')
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => undefined)
  }
}

async function prepare(url: string): Promise<void> {
  const connection = connectDatabase(url, 2)
  try {
    await migrateDatabase(connection.pool)
  } finally {
    await connection.close()
  }
}

function findChromium(): string | undefined {
  const candidates = [
    process.env['CHROMIUM_PATH'],
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ]
  return candidates.find((candidate): candidate is string => !!candidate && existsSync(candidate))
}

async function main(): Promise<void> {
  const started = Date.now()
  const unitFiles = [
    ...findFiles(path.join(ROOT, 'src'), '.test.ts'),
    ...findFiles(path.join(ROOT, 'test/unit'), '.test.ts'),
  ].filter((file) => !file.endsWith('.int.test.ts'))
  const integrationFiles = [
    ...findFiles(path.join(ROOT, 'src'), '.int.test.ts'),
    ...findFiles(path.join(ROOT, 'test'), '.int.test.ts'),
  ]
  const browserFiles = findFiles(path.join(ROOT, 'test/e2e'), '.spec.ts')

  if (want('typecheck'))
    await runCheck('Type check', process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit'])
  if (want('lint'))
    await runCheck('Lint', process.execPath, [
      path.join(ROOT, 'node_modules/eslint/bin/eslint.js'),
      '--max-warnings',
      '0',
      '.',
    ])
  if (want('imports'))
    await runCheck('Module boundaries and import cycles (dependency-cruiser)', process.execPath, [
      path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'),
      '--config',
      '.dependency-cruiser.cjs',
      'src',
      'test',
      'scripts',
    ])
  if (want('licences'))
    // What ships (production dependencies) must be compatible with AGPL-3.0-or-later: permissive licences and the
    // few others named here after reading them. A new dependency under anything else fails until someone looks.
    await runCheck('Licences of production dependencies (license-checker-rseidelsohn)', process.execPath, [
      path.join(ROOT, 'node_modules/license-checker-rseidelsohn/bin/license-checker-rseidelsohn.js'),
      '--production',
      '--excludePrivatePackages',
      '--summary',
      '--onlyAllow',
      ALLOWED_LICENCES.join(';'),
    ])
  if (want('advisories'))
    // npm audit at high severity where the registry's advisory endpoint answers; otherwise each production
    // package's registry page (deprecation, integrity against the lock file). The step's output says which ran.
    await runCheck('Advisories for production dependencies', process.execPath, [
      '--import',
      'tsx',
      path.join(ROOT, 'scripts/dependency-advisories.ts'),
    ])
  if (want('unit')) await runNodeTests('Unit tests', unitFiles)

  if (want('embedded')) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'waymark-test-'))
    const embedded = await startEmbeddedDatabase(dataDir, 64)
    try {
      await prepare(embedded.url)
      await runNodeTests('Integration tests on the embedded database (PGlite)', integrationFiles, {
        DATABASE_URL: embedded.url,
        WAYMARK_TEST_DATABASE: 'pglite',
      })
    } finally {
      await embedded.stop()
      rmSync(dataDir, { recursive: true, force: true })
    }
  }

  if (want('postgres')) {
    if (await postgresAvailable()) {
      const name = `waymark_test_${process.pid}_${Date.now()}`
      const admin = new pg.Client({ connectionString: POSTGRES_URL })
      await admin.connect()
      await admin.query(`create database ${name}`)
      const url = new URL(POSTGRES_URL)
      url.pathname = `/${name}`
      try {
        await prepare(url.toString())
        await runNodeTests('Integration tests on PostgreSQL', integrationFiles, {
          DATABASE_URL: url.toString(),
          WAYMARK_TEST_DATABASE: 'postgresql',
        })
      } finally {
        await admin.query(`drop database if exists ${name} with (force)`)
        await admin.end()
      }
    } else {
      results.push({
        name: 'Integration tests on PostgreSQL',
        passed: 0,
        failed: 0,
        skipped: `no PostgreSQL answered at ${POSTGRES_URL}`,
      })
    }
  }

  if (want('browser')) {
    const chromium = findChromium()
    if (chromium) {
      await runNodeTests('Browser tests with axe (Chromium)', browserFiles, { CHROMIUM_PATH: chromium })
    } else {
      results.push({
        name: 'Browser tests with axe (Chromium)',
        passed: 0,
        failed: 0,
        skipped: 'Chromium is not installed (apt-get install -y chromium)',
      })
    }
  }

  const passed = results.reduce((sum, r) => sum + r.passed, 0)
  const failed = results.reduce((sum, r) => sum + r.failed, 0)
  const skipped = results.filter((r) => r.skipped)
  process.stdout.write(`\n=== Summary (${((Date.now() - started) / 1000).toFixed(0)} s) ===\n`)
  for (const r of results) {
    process.stdout.write(
      `  ${r.skipped ? 'SKIPPED' : r.failed ? 'FAILED ' : 'passed '}  ${r.name}${r.skipped ? ` – ${r.skipped}` : `: ${r.passed} passed, ${r.failed} failed`}\n`,
    )
  }
  const skipFails = REQUIRE_ALL && skipped.length > 0
  if (skipFails) process.stdout.write('\nWAYMARK_REQUIRE_ALL=1: a skipped step counts as a failure.\n')
  process.stdout.write(
    `\n${passed} passed, ${failed + (skipFails ? skipped.length : 0)} failed, ${skipped.length} skipped\n`,
  )
  process.exit(failed > 0 || skipFails ? 1 : 0)
}

main().catch((error: unknown) => {
  process.stderr.write(`The test runner failed: ${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})

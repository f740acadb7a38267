// SPDX-License-Identifier: AGPL-3.0-or-later
import { parseArgs } from 'node:util'
import { MODULES } from '../app.ts'
import { createApiKeyCommand } from '../modules/api-clients/index.ts'
import { applyRetentionSchedule } from '../modules/casework/index.ts'
import { importOrukFeed, importSourceFromPath } from '../modules/directory/oruk/index.ts'
import { importPostcodesFromCsv } from '../modules/directory/index.ts'
import { listAllAreas } from '../modules/identity/index.ts'
import { importInstrumentContentCommand } from '../modules/outcomes/index.ts'
import { generateScale, GenerateError } from '../seed/generate/generate.ts'
import { generatedAccount } from '../seed/generate/organisations.ts'
import { isScaleName, SCALE_NAMES, SCALES } from '../seed/generate/scales.ts'
import { DEMO_PASSWORD } from '../seed/demo-accounts.ts'
import { UsageError, type Command } from './cli-errors.ts'

const importDirectory: Command = {
  summary: "Import an Open Referral UK 3.0 or 1.0 feed, or an HSDS CSV datapackage, into an area's directory",
  usage: 'import-directory --area "Area name or id" (--url https://… | --file feed.json | --file folder-of-csv)',
  async run({ args, open, print }) {
    const { values } = parseArgs({
      args,
      options: { area: { type: 'string' }, url: { type: 'string' }, file: { type: 'string' } },
    })
    const wanted = values.area?.trim()
    if (!wanted) throw new UsageError('Missing --area')
    if (!values.url === !values.file) throw new UsageError('Give exactly one of --url or --file')
    const source = values.url ? { kind: 'url' as const, url: values.url } : await importSourceFromPath(values.file!)
    const runtime = await open()
    try {
      const areas = await listAllAreas(runtime.db)
      const area = areas.find((a) => a.id === wanted || a.name.toLowerCase() === wanted.toLowerCase())
      if (!area)
        throw new UsageError(`No area "${wanted}". Areas: ${areas.map((a) => a.name).join(', ') || 'none yet'}`)
      const report = await importOrukFeed(runtime.db, area.id, source, { allowPrivateNetwork: true })
      print(`Imported ${report.sourceFeed} (${report.format}) into ${area.name}:`)
      print(
        `  added ${report.added.length}, updated ${report.updated.length}, unchanged ${report.unchanged.length}, rejected ${report.rejected.length}, no longer in the feed ${report.missing.length}`,
      )
      for (const rejected of report.rejected.slice(0, 50)) print(`  rejected: ${JSON.stringify(rejected)}`)
      if (report.rejected.length > 50) print(`  … and ${report.rejected.length - 50} more rejected`)
    } finally {
      await runtime.close()
    }
  },
}

const importPostcodes: Command = {
  summary: 'Import the ONS Postcode Directory CSV (coordinates and deprivation) for distance search',
  usage: 'import-postcodes --file ONSPD.csv',
  async run({ args, open, print }) {
    const { values } = parseArgs({ args, options: { file: { type: 'string' } } })
    if (!values.file) throw new UsageError('Missing --file')
    const runtime = await open()
    try {
      const report = await importPostcodesFromCsv(runtime.db, values.file, {
        onProgress: (read) => process.stderr.write(`\r  ${read.toLocaleString('en-GB')} rows read`),
      })
      process.stderr.write('\n')
      print(
        `Imported ${report.imported} postcodes (${report.skipped} skipped) from ${report.read} rows in ${(report.milliseconds / 1000).toFixed(1)} s (${Math.round(report.rowsPerSecond)} rows/s).`,
      )
    } finally {
      await runtime.close()
    }
  },
}

const generate: Command = {
  summary: 'Generate a synthetic service at a named scale for benchmarks (into an empty database)',
  usage: `generate --scale ${SCALE_NAMES.join('|')} [--referrals N (fewer or more than the scale's, same shape)]`,
  async run({ args, open, print }) {
    const { values } = parseArgs({ args, options: { scale: { type: 'string' }, referrals: { type: 'string' } } })
    const name = values.scale?.trim() ?? ''
    if (!isScaleName(name)) throw new UsageError(`Give --scale as one of ${SCALE_NAMES.join(', ')}`)
    const referrals = values.referrals === undefined ? SCALES[name].referrals : Number(values.referrals)
    if (!Number.isInteger(referrals) || referrals < 1 || referrals > 50_000_000)
      throw new UsageError('Give --referrals as a whole number from 1 to 50,000,000')
    const runtime = await open()
    try {
      const scale = { ...SCALES[name], referrals }
      const report = await generateScale(runtime.db, scale, (message) => process.stderr.write(`  ${message}\n`))
      print(`Generated the ${report.scale} scale in ${report.seconds.toFixed(1)} s:`)
      for (const [table, count] of Object.entries(report.rows))
        print(`  ${table.padEnd(32)} ${count.toLocaleString('en-GB').padStart(12)}`)
      print(
        `Sign in as ${generatedAccount('worker', 0)}, ${generatedAccount('supervisor', 0)} or ${generatedAccount('commissioner', 0)} with the demo password (${DEMO_PASSWORD}).`,
      )
    } catch (error) {
      if (error instanceof GenerateError) throw new UsageError(error.message)
      throw error
    } finally {
      await runtime.close()
    }
  },
}

const applyRetention: Command = {
  summary: 'Run the retention schedule now: anonymise the records of people inactive for WAYMARK_RETENTION_YEARS',
  usage: 'apply-retention  (the server runs it every night; this is for an operator who will not wait)',
  async run({ config, open, print }) {
    if (config.retentionYears === null) throw new UsageError('WAYMARK_RETENTION_YEARS is off: nothing is anonymised.')
    const runtime = await open()
    try {
      const parts = MODULES.flatMap((m) => (m.retention ? [m.retention] : []))
      const report = await applyRetentionSchedule(runtime.db, parts, config.retentionYears)
      print(
        `Looked at ${report.examined} records inactive for ${config.retentionYears} years: ${report.anonymised} anonymised (${report.rows} rows cleared), ${report.kept} kept because something is still open or recent.`,
      )
    } finally {
      await runtime.close()
    }
  },
}

/** Commands contributed by modules, listed here explicitly. */
export const EXTRA_COMMANDS: Record<string, Command> = {
  'apply-retention': applyRetention,
  'create-api-key': createApiKeyCommand,
  generate,
  'import-directory': importDirectory,
  'import-postcodes': importPostcodes,
  'import-instrument-content': importInstrumentContentCommand,
}

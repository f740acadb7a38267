// SPDX-License-Identifier: AGPL-3.0-or-later
import { createReadStream } from 'node:fs'
import { parse } from 'csv-parse'
import type { Database } from '../../platform/db/database.ts'
import { isValidPostcodeFormat, normalisePostcode } from '../../shared/postcode.ts'
import { findPostcode, upsertPostcodes, type PostcodeRow } from './reference-data.repository.ts'

// Postcodes are national reference data from the ONS Postcode Directory (Open Government Licence v3):
// they belong to no area or organisation, so these functions take a bare Database on purpose.

/** Small areas in each nation's index of multiple deprivation, to turn a rank into a decile. */
const IMD_AREAS_BY_COUNTRY: Record<string, number> = {
  E92000001: 32_844, // England, IMD 2019 (LSOAs)
  S92000003: 6_976, // Scotland, SIMD 2020 (data zones)
  W92000004: 1_909, // Wales, WIMD 2019 (LSOAs)
  N92000002: 890, // Northern Ireland, NIMDM 2017 (SOAs)
}

export function imdDecileFor(rank: number | null, countryCode: string | null): number | null {
  if (rank === null || !countryCode) return null
  const total = IMD_AREAS_BY_COUNTRY[countryCode]
  if (!total || rank < 1 || rank > total) return null
  return Math.min(10, Math.max(1, Math.ceil((rank / total) * 10)))
}

/** Maps one ONSPD CSV record to a row, or null when it has no usable coordinates. */
export function postcodeRowFromOnspd(record: Record<string, string>): PostcodeRow | null {
  const raw = record['pcds'] ?? record['pcd'] ?? record['pcd7'] ?? ''
  if (!raw.trim()) return null
  const latitude = Number(record['lat'])
  const longitude = Number(record['long'])
  // ONSPD uses 99.999999 / 0.000000 for postcodes without a grid reference (Channel Islands, some PO boxes).
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude) || latitude > 90 || latitude < -90) return null
  if (latitude === 0 && longitude === 0) return null
  const rankText = record['imd']?.trim()
  const imdRank = rankText && /^\d+$/.test(rankText) ? Number(rankText) : null
  const countryCode = record['ctry']?.trim() || null
  const doterm = record['doterm']?.trim()
  return {
    postcode: normalisePostcode(raw),
    latitude,
    longitude,
    imdRank,
    imdDecile: imdDecileFor(imdRank, countryCode),
    localAuthorityCode: record['oslaua']?.trim() || record['lad25cd']?.trim() || null,
    countryCode,
    terminatedOn: doterm && /^\d{6}$/.test(doterm) ? `${doterm.slice(0, 4)}-${doterm.slice(4, 6)}-01` : null,
  }
}

export interface PostcodeImportReport {
  read: number
  imported: number
  skipped: number
  milliseconds: number
  rowsPerSecond: number
}

/**
 * Imports the ONS Postcode Directory CSV (the full file has 2.7 million rows), streaming it and writing in
 * batches, so memory stays flat. Re-running updates rows in place.
 * @param db - the database (postcodes are national reference data)
 * @param path - an ONSPD CSV with a header row (pcds, lat, long, imd, ctry, oslaua, doterm…)
 */
export async function importPostcodesFromCsv(
  db: Database,
  path: string,
  options: { batchSize?: number; onProgress?: (read: number) => void } = {},
): Promise<PostcodeImportReport> {
  const started = performance.now()
  const batchSize = options.batchSize ?? 2000
  const parser = createReadStream(path).pipe(parse({ columns: true, skip_empty_lines: true, trim: true }))
  let read = 0
  let imported = 0
  let skipped = 0
  // The same postcode twice in one batch would make ON CONFLICT fail: keep the last one.
  let batch = new Map<string, PostcodeRow>()
  for await (const record of parser as AsyncIterable<Record<string, string>>) {
    read++
    const row = postcodeRowFromOnspd(record)
    if (!row) {
      skipped++
      continue
    }
    batch.set(row.postcode, row)
    if (batch.size >= batchSize) {
      await upsertPostcodes(db, [...batch.values()])
      imported += batch.size
      batch = new Map()
      options.onProgress?.(read)
    }
  }
  await upsertPostcodes(db, [...batch.values()])
  imported += batch.size
  const milliseconds = Math.round(performance.now() - started)
  return { read, imported, skipped, milliseconds, rowsPerSecond: Math.round((read / Math.max(1, milliseconds)) * 1000) }
}

export type PostcodeLookup =
  | { ok: true; postcode: PostcodeRow }
  | { ok: false; reason: 'format' | 'unknown'; message: string }

/** Looks a postcode up, with the message to show when it cannot be used. */
export async function lookUpPostcode(db: Database, input: string): Promise<PostcodeLookup> {
  if (!isValidPostcodeFormat(input))
    return { ok: false, reason: 'format', message: 'Enter a real postcode, like AB10 1AA' }
  const postcode = normalisePostcode(input)
  const row = await findPostcode(db, postcode)
  if (!row)
    return {
      ok: false,
      reason: 'unknown',
      message: `We do not know where ${postcode} is. Check it, or try a nearby postcode`,
    }
  return { ok: true, postcode: row }
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// Importing ORUK 3.0, ORUK 1.0 and HSDS CSV feeds into an area's directory, idempotently: every feed record
// maps to a stable id (area, feed, record), the incoming listing is compared with what we hold, and only what
// changed is written. A report says what was added, updated, unchanged and rejected (with the reason).
// This file compares and reports; reading a feed is oruk.fetch.ts, the canonical comparison oruk.canonical.ts and
// the SQL oruk.import.repository.ts.
import { randomUUID } from 'node:crypto'
import { appendAuditEvent, type AuditActor } from '../../../platform/audit/audit.service.ts'
import type { Database } from '../../../platform/db/database.ts'
import type { AreaScope } from '../../../platform/db/org-scope.ts'
import { findFeedImport, listFeedImports } from './feed-imports.repository.ts'
import { canonicalImported, canonicalStored } from './oruk.canonical.ts'
import { readFeed, type ImportOptions, type ImportSource } from './oruk.fetch.ts'
import { listingsFromFeed, loadStoredListings, recordFeedImport, writeServices } from './oruk.import.repository.ts'
import { importedId, type ImportedService, type ParsedFeed, type RejectedRecord } from './oruk.ts'

export interface ImportReportLine {
  sourceId: string
  name: string
  id: string
}

export interface ImportReport {
  /** The stored record of this import (directory_feed_imports). */
  importId: string
  sourceFeed: string
  format: ParsedFeed['format']
  added: ImportReportLine[]
  updated: ImportReportLine[]
  unchanged: ImportReportLine[]
  rejected: RejectedRecord[]
  /** Listings imported from this feed before that it no longer has. Left as they are, for an editor to check. */
  missing: ImportReportLine[]
}

/**
 * Imports a parsed feed into one area's directory. Idempotent: re-importing the same feed changes nothing.
 * `actor` is the person (or operator) doing it; the import is audited in the same transaction.
 */
export async function applyFeed(
  db: Database,
  areaId: string,
  sourceFeed: string,
  feed: ParsedFeed,
  actor?: AuditActor,
): Promise<ImportReport> {
  const importId = randomUUID()
  const rejected = [...feed.rejected]
  // The same record twice in one feed: the last one wins, as it would on a second import.
  const unique = new Map(feed.services.map((s) => [s.sourceId, s]))
  const services = [...unique.values()]
  const report: ImportReport = {
    importId,
    sourceFeed,
    format: feed.format,
    added: [],
    updated: [],
    unchanged: [],
    rejected,
    missing: [],
  }
  await db.transaction(async (tx) => {
    const ids = services.map((s) => importedId(areaId, sourceFeed, 'service', s.sourceId))
    const { services: existing, organizations, relations } = await loadStoredListings(tx, areaId, ids)
    const changed: ImportedService[] = []
    const isNew = new Set<string>()
    services.forEach((service, i) => {
      const id = ids[i]!
      const line = { sourceId: service.sourceId, name: service.name, id }
      const stored = existing.get(id)
      if (!stored) {
        isNew.add(id)
        changed.push(service)
        report.added.push(line)
      } else if (
        canonicalStored(stored, organizations.get(stored.organizationId), relations) !==
        canonicalImported(service, sourceFeed)
      ) {
        changed.push(service)
        report.updated.push(line)
      } else report.unchanged.push(line)
    })
    await writeServices(tx, areaId, sourceFeed, changed, isNew)
    // What this feed gave us before and no longer lists (a rejected record is still listed, so not missing).
    const listed = new Set([...services.map((sv) => sv.sourceId), ...rejected.map((r) => r.sourceId)])
    const previous = await listingsFromFeed(tx, areaId, sourceFeed)
    report.missing = previous
      .filter((p) => p.sourceId !== null && !listed.has(p.sourceId))
      .map((p) => ({ sourceId: p.sourceId!, name: p.name, id: p.id }))
      .sort((a, b) => a.name.localeCompare(b.name))
    await recordFeedImport(tx, {
      areaId,
      id: importId,
      sourceFeed,
      format: feed.format,
      userId: actor?.userId ?? null,
      organisationId: actor?.organisationId ?? null,
      added: report.added.length,
      updated: report.updated.length,
      unchanged: report.unchanged.length,
      rejected: report.rejected.length,
      report: storedReport(report),
    })
    if (actor)
      await appendAuditEvent(tx, actor, {
        action: 'import-directory-feed',
        recordType: 'directory-feed-import',
        recordId: importId,
        details: {
          areaId,
          format: feed.format,
          added: report.added.length,
          updated: report.updated.length,
          unchanged: report.unchanged.length,
          rejected: report.rejected.length,
        },
      })
  })
  return report
}

/** The most report lines of each kind kept with an import; the counts are always complete. */
export const STORED_REPORT_LINES = 1_000

export interface StoredReport {
  missing?: ImportReportLine[]
  added: ImportReportLine[]
  updated: ImportReportLine[]
  unchanged: ImportReportLine[]
  rejected: RejectedRecord[]
}

function storedReport(report: ImportReport): StoredReport {
  return {
    added: report.added.slice(0, STORED_REPORT_LINES),
    updated: report.updated.slice(0, STORED_REPORT_LINES),
    unchanged: report.unchanged.slice(0, STORED_REPORT_LINES),
    missing: report.missing.slice(0, STORED_REPORT_LINES),
    rejected: report.rejected.slice(0, STORED_REPORT_LINES),
  }
}

/**
 * Reads a feed (a URL, a JSON file or the CSV files of a datapackage) and imports it into the area's directory.
 * For the operator's command line (`waymark import-directory`) and the editor's import page.
 */
export async function importOrukFeed(
  db: Database,
  areaId: string,
  source: ImportSource,
  options: ImportOptions = { allowPrivateNetwork: true },
): Promise<ImportReport> {
  const { sourceFeed, feed } = await readFeed(source, options)
  return applyFeed(db, areaId, sourceFeed, feed, options.actor)
}

/** The area's most recent feed imports, newest first, for the import page. */
export async function listRecentImports(scope: AreaScope, limit: number) {
  return listFeedImports(scope, limit)
}

/** One of the area's feed imports with its stored report; undefined when the area has none with that id. */
export async function findImportReport(scope: AreaScope, importId: string) {
  return findFeedImport(scope, importId)
}

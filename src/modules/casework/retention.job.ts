// SPDX-License-Identifier: AGPL-3.0-or-later
// The retention schedule (issue 13; UK GDPR storage limitation). Each night, in every service, a person whose
// record and whose referrals, episodes and everything else have had no activity for the retention period (and
// nothing still open) is anonymised: every module clears what identifies them in its own rows (RetentionPart),
// the people module clears the record itself, and the audit chain records it. Rows are kept, not deleted, so
// every count, time and score in the reports stays as it was. Casework runs it, as it runs subject access.
import { appendAuditEvent, systemActor } from '../../platform/audit/audit.service.ts'
import type { Database } from '../../platform/db/database.ts'
import { inTransaction, scopeForSystemTask, type OrgScope } from '../../platform/db/org-scope.ts'
import type { RetentionPart } from '../../platform/module.ts'
import { listAllOrganisations } from '../identity/index.ts'
import { anonymisePeople, listMergedInto, listRetentionCandidates } from '../people/index.ts'
import * as repo from './casework.repository.ts'

export const RETENTION_QUEUE = 'casework-retention-schedule'
/** Every night at 04:11 UTC, after the other nightly jobs. */
export const RETENTION_CRON = '11 4 * * *'
const PAGE = 200

export interface RetentionReport {
  /** Records untouched for the period that were looked at. */
  examined: number
  /** Of those, kept because something is still open or recent in another module. */
  kept: number
  /** People anonymised (each with any records merged into theirs). */
  anonymised: number
  /** Rows changed across every module. */
  rows: number
}

/** The moment `years` calendar years before `now`: activity before it is past the retention period. */
export function retentionCutoff(now: Date, years: number): Date {
  const cutoff = new Date(now)
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years)
  return cutoff
}

/**
 * Runs the schedule over every service (or those named) once; safe to run again: an anonymised record is not a
 * candidate.
 */
export async function applyRetentionSchedule(
  db: Database,
  parts: readonly RetentionPart[],
  years: number,
  options: { now?: Date; organisationIds?: readonly string[] } = {},
): Promise<RetentionReport> {
  const now = options.now ?? new Date()
  const since = retentionCutoff(now, years)
  const report: RetentionReport = { examined: 0, kept: 0, anonymised: 0, rows: 0 }
  const organisations = (await listAllOrganisations(db)).filter(
    (o) => !options.organisationIds || options.organisationIds.includes(o.id),
  )
  for (const organisation of organisations) {
    const scope = scopeForSystemTask(db, organisation, 'the nightly retention schedule')
    let after: string | null = null
    for (;;) {
      const candidates = await listRetentionCandidates(scope, since, { after, limit: PAGE })
      if (candidates.length === 0) break
      after = candidates.at(-1)!
      report.examined += candidates.length
      const done = await anonymiseUnlessActive(scope, parts, candidates, { since, years, now })
      report.kept += candidates.length - done.people
      report.anonymised += done.people
      report.rows += done.rows
    }
  }
  return report
}

async function anonymiseUnlessActive(
  scope: OrgScope,
  parts: readonly RetentionPart[],
  candidates: string[],
  rule: { since: Date; years: number; now: Date },
): Promise<{ people: number; rows: number }> {
  return scope.db.transaction(async (tx) => {
    const txScope = inTransaction(scope, tx)
    // A person's data may sit on records merged into theirs: those count towards activity and are cleared too.
    const merged = await listMergedInto(txScope, candidates)
    const keptIdOf = new Map([
      ...candidates.map((id) => [id, id] as const),
      ...merged.map((m) => [m.id, m.keptId] as const),
    ])
    const allIds = [...keptIdOf.keys()]
    const activeIds = (
      await Promise.all(
        parts.map((part) => (part.stillActive ? part.stillActive(txScope, allIds, rule.since) : Promise.resolve([]))),
      )
    ).flat()
    const active = new Set(activeIds.map((id) => keptIdOf.get(id)))
    const due = candidates.filter((id) => !active.has(id))
    if (due.length === 0) return { people: 0, rows: 0 }
    const personIds = allIds.filter((id) => !active.has(keptIdOf.get(id)))
    const subject = { personIds, episodeIds: await repo.listEpisodeIdsForPeople(txScope, personIds) }
    let rows = await anonymisePeople(txScope, subject, rule.now)
    for (const part of parts) rows += await part.anonymise(txScope, subject)
    const recordsOf = new Map<string, number>()
    for (const id of personIds) recordsOf.set(keptIdOf.get(id)!, (recordsOf.get(keptIdOf.get(id)!) ?? 0) + 1)
    for (const personId of due)
      await appendAuditEvent(tx, systemActor(scope.organisationId, RETENTION_QUEUE), {
        action: 'person-anonymise',
        recordType: 'person',
        recordId: personId,
        details: {
          rule: 'retention',
          years: rule.years,
          records: recordsOf.get(personId) ?? 1,
        },
      })
    return { people: due.length, rows }
  })
}

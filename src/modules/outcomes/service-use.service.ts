// SPDX-License-Identifier: AGPL-3.0-or-later
// Recording health and care use before and after the referral: on the page for one person, or from a practice's
// CSV extract matched to people by NHS number, with each row the import could not use reported and why.
import { appendAuditEvent, type AuditActor } from '../../platform/audit/audit.service.ts'
import { inTransaction, type AnyScope, type OrgScope } from '../../platform/db/org-scope.ts'
import { latestEpisodesForPeople, type Case, type ChangeActor } from '../casework/index.ts'
import { parseServiceUseCsv, type Counts, type RejectedRow, type ServiceUse } from './service-use.ts'
import * as repo from './service-use.repository.ts'

export function getServiceUse(scope: AnyScope, episodeId: string): Promise<ServiceUse[]> {
  return repo.listForEpisode(scope, episodeId)
}

export interface ServiceUseEntry {
  months: number
  before: Counts
  after: Counts
}

export async function saveServiceUse(scope: OrgScope, found: Case, entry: ServiceUseEntry, actor: ChangeActor) {
  const now = new Date()
  const base = {
    episodeId: found.episode.id,
    referralId: found.referral.id,
    personId: found.referral.personId,
    months: entry.months,
    source: 'entered',
    recordedByName: actor.name,
    updatedAt: now,
  }
  await scope.db.transaction(async (tx) => {
    await repo.upsertServiceUse(inTransaction(scope, tx), [
      { ...base, period: 'before', ...entry.before },
      { ...base, period: 'after', ...entry.after },
    ])
    await appendAuditEvent(tx, actor.audit, {
      action: 'outcome.service-use',
      recordType: 'episode',
      recordId: found.episode.id,
      details: { months: entry.months, source: 'entered' },
    })
  })
}

export interface ImportServiceUseReport {
  imported: number
  rejected: RejectedRow[]
}

/** At most this many rows in one extract: a practice's search of the people it referred, not a whole list. */
export const IMPORT_MAX_ROWS = 5000

/**
 * Imports an extract: rows that parse are matched to people by NHS number and to their latest episode here;
 * rows that do not match anyone are reported. All matched rows are written in one transaction, audited once.
 */
export async function importServiceUse(
  scope: OrgScope,
  csv: string,
  actor: { name: string; audit: AuditActor },
): Promise<ImportServiceUseReport> {
  const { rows, rejected } = parseServiceUseCsv(csv)
  if (rows.length + rejected.length > IMPORT_MAX_ROWS)
    return { imported: 0, rejected: [{ line: 1, reason: `The file has more than ${IMPORT_MAX_ROWS} rows: split it` }] }
  const found = await repo.peopleByNhsNumber(scope, [...new Set(rows.map((r) => r.nhsNumber))])
  const personOf = new Map(found.map((p) => [p.nhsNumber, p.personId]))
  const episodes = await latestEpisodesForPeople(scope, [...new Set(found.map((p) => p.personId))])
  const episodeOf = new Map(episodes.map((e) => [e.personId, e]))
  const now = new Date()
  const seen = new Set<string>()
  const writes: repo.ServiceUseInsert[] = []
  for (const row of rows) {
    const personId = personOf.get(row.nhsNumber)
    const episode = personId ? episodeOf.get(personId) : undefined
    if (!personId)
      rejected.push({ line: row.line, reason: 'no one with this NHS number has been referred to your service' })
    else if (!episode)
      rejected.push({ line: row.line, reason: 'this person has not been supported by your service yet' })
    else if (seen.has(`${episode.episodeId}:${row.period}`))
      rejected.push({
        line: row.line,
        reason: `a second ${row.period} row for the same person: only the first is used`,
      })
    else {
      seen.add(`${episode.episodeId}:${row.period}`)
      writes.push({
        episodeId: episode.episodeId,
        referralId: episode.referralId,
        personId,
        period: row.period,
        months: row.months,
        gpAppointments: row.gpAppointments,
        aeAttendances: row.aeAttendances,
        emergencyCalls: row.emergencyCalls,
        admissions: row.admissions,
        source: 'imported',
        recordedByName: actor.name,
        updatedAt: now,
      })
    }
  }
  await scope.db.transaction(async (tx) => {
    await repo.upsertServiceUse(inTransaction(scope, tx), writes)
    await appendAuditEvent(tx, actor.audit, {
      action: 'outcome.service-use-import',
      recordType: 'organisation',
      recordId: scope.organisationId,
      details: { imported: writes.length, rejected: rejected.length },
    })
  })
  return { imported: writes.length, rejected: rejected.sort((a, b) => a.line - b.line) }
}

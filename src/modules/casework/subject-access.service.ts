// SPDX-License-Identifier: AGPL-3.0-or-later
// A person's subject access export (UK GDPR article 15; issue 13): everything the service holds about them, from
// every module, as stored. The people module's records come first, then each module's part in the app's order
// (the audit log's account of who read or changed them last). Internal keys and secrets are left out: the
// organisation's id, submission keys and the hashes of links and of the audit chain say nothing about the person.
import { recordAuditEvent, type AuditActor } from '../../platform/audit/audit.service.ts'
import type { OrgScope } from '../../platform/db/org-scope.ts'
import type { HeldRecords, SubjectAccessSource } from '../../platform/module.ts'
import { findPerson, listMergedRecordIds, peopleHeldRecords, type Person } from '../people/index.ts'
import { CaseworkError } from './casework.errors.ts'
import * as repo from './casework.repository.ts'

export interface SubjectAccessExport {
  generatedAt: Date
  person: Person
  /** The person's records merged into this one, whose data is included. */
  mergedRecordIds: string[]
  sections: HeldRecords[]
}

const INTERNAL_KEY = /^(organisationId|submissionKey|hash|previousHash)$|Hash$/

function withoutInternalKeys(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([key]) => !INTERNAL_KEY.test(key)))
}

/** Gathers everything held about the person and audits the export; a record merged away is not found. */
export async function exportHeldRecords(
  scope: OrgScope,
  personId: string,
  sources: readonly SubjectAccessSource[],
  actor: AuditActor,
  now = new Date(),
): Promise<SubjectAccessExport> {
  const person = await findPerson(scope, personId)
  if (!person || person.mergedIntoPersonId) throw new CaseworkError('CASEWORK_NOT_FOUND')
  const mergedRecordIds = await listMergedRecordIds(scope, person.id)
  const personIds = [person.id, ...mergedRecordIds]
  const subject = { personIds, episodeIds: await repo.listEpisodeIdsForPeople(scope, personIds) }
  const parts = await Promise.all([peopleHeldRecords, ...sources].map((source) => source(scope, subject)))
  const sections = parts.flat().map((s) => ({ title: s.title, rows: s.rows.map(withoutInternalKeys) }))
  await recordAuditEvent(scope.db, actor, {
    action: 'subject-access-export',
    recordType: 'person',
    recordId: person.id,
    details: { records: sections.reduce((n, s) => n + s.rows.length, 0), personRecords: personIds.length },
  })
  return { generatedAt: now, person, mergedRecordIds, sections }
}

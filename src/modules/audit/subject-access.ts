// SPDX-License-Identifier: AGPL-3.0-or-later
// Who has read or changed a person's records, for their subject access export (the recipients of their data, in
// the words of article 15): the audit log's events about their person records and support episodes.
import { listOrganisationAuditAbout } from '../../platform/audit/audit.service.ts'
import type { SubjectAccessSource } from '../../platform/module.ts'

export const auditHeldRecords: SubjectAccessSource = async (scope, { personIds, episodeIds }) => {
  const [about, episodes] = await Promise.all([
    listOrganisationAuditAbout(scope, 'person', personIds),
    listOrganisationAuditAbout(scope, 'episode', episodeIds),
  ])
  // The chain's hashes prove the log is intact; they say nothing about the person.
  const rows = [...about, ...episodes]
    .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime())
    .map(({ hash: _hash, previousHash: _previous, ...event }) => event)
  return [{ title: 'Who has read or changed these records', rows }]
}

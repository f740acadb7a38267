// SPDX-License-Identifier: AGPL-3.0-or-later
// What the people module holds about a person, for their subject access export: their records, consent
// decisions, flags and merges.
import { tenantRowsWhereIn } from '../../platform/db/tenant.ts'
import type { SubjectAccessSource } from '../../platform/module.ts'
import { consents, people, personFlags, personMerges } from './people.table.ts'

export const peopleHeldRecords: SubjectAccessSource = async (scope, { personIds }) => {
  const [records, decisions, flags, keptMerges, mergedAway] = await Promise.all([
    tenantRowsWhereIn(scope, people, people.id, personIds),
    tenantRowsWhereIn(scope, consents, consents.personId, personIds),
    tenantRowsWhereIn(scope, personFlags, personFlags.personId, personIds),
    tenantRowsWhereIn(scope, personMerges, personMerges.keptPersonId, personIds),
    tenantRowsWhereIn(scope, personMerges, personMerges.mergedPersonId, personIds),
  ])
  const merges = [...new Map([...keptMerges, ...mergedAway].map((m) => [m['id'], m])).values()]
  return [
    { title: 'Person record', rows: records },
    { title: 'Consent decisions', rows: decisions },
    { title: 'Risk and safeguarding flags', rows: flags },
    { title: 'Duplicate records merged', rows: merges },
  ]
}

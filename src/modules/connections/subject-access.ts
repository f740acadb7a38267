// SPDX-License-Identifier: AGPL-3.0-or-later
// What the connections module holds about a person, for their subject access export: the groups they were
// connected to (with what was shared with each), their attendance, and needs no service could meet.
import { tenantRowsWhereIn } from '../../platform/db/tenant.ts'
import type { SubjectAccessSource } from '../../platform/module.ts'
import { attendances, connections } from './connections.table.ts'
import { unmetNeeds } from './unmet-needs.table.ts'

export const connectionsHeldRecords: SubjectAccessSource = async (scope, { personIds, episodeIds }) => {
  const [made, unmet] = await Promise.all([
    tenantRowsWhereIn(scope, connections, connections.personId, personIds),
    tenantRowsWhereIn(scope, unmetNeeds, unmetNeeds.episodeId, episodeIds),
  ])
  const ids = made.map((c) => String(c['id']))
  return [
    { title: 'Connections to community groups (and what was shared)', rows: made },
    { title: 'Attendance', rows: await tenantRowsWhereIn(scope, attendances, attendances.connectionId, ids) },
    { title: 'Needs no service could meet', rows: unmet },
  ]
}

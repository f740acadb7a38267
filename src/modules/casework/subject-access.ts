// SPDX-License-Identifier: AGPL-3.0-or-later
// What the casework module holds about a person, for their subject access export: their support episodes and
// everything recorded in them, and the records of theirs opened with break-glass access.
import { tenantRowsWhereIn } from '../../platform/db/tenant.ts'
import type { SubjectAccessSource } from '../../platform/module.ts'
import { bookings } from './bookings.table.ts'
import { allocations, contacts, conversations, episodes, escalations, reminders } from './casework.table.ts'
import { breakGlassReads } from './person-access.table.ts'

export const caseworkHeldRecords: SubjectAccessSource = async (scope, { personIds, episodeIds }) => {
  const rows = await Promise.all([
    tenantRowsWhereIn(scope, episodes, episodes.id, episodeIds),
    tenantRowsWhereIn(scope, contacts, contacts.episodeId, episodeIds),
    tenantRowsWhereIn(scope, conversations, conversations.episodeId, episodeIds),
    tenantRowsWhereIn(scope, bookings, bookings.episodeId, episodeIds),
    tenantRowsWhereIn(scope, allocations, allocations.episodeId, episodeIds),
    tenantRowsWhereIn(scope, escalations, escalations.episodeId, episodeIds),
    tenantRowsWhereIn(scope, reminders, reminders.episodeId, episodeIds),
    tenantRowsWhereIn(scope, breakGlassReads, breakGlassReads.personId, personIds),
  ])
  const titles = [
    'Support episodes',
    'Contacts',
    'What matters conversations',
    'Booked contacts',
    'Link workers allocated',
    'Safeguarding escalations',
    'Reminders',
    'Record opened with break-glass access',
  ]
  return titles.map((title, i) => ({ title, rows: rows[i]! }))
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// What the casework module holds about a person, for their subject access export: their support episodes and
// everything recorded in them, and the records of theirs opened with break-glass access.
import { tenantRowsWhereIn } from '../../platform/db/tenant.ts'
import type { SubjectAccessSource } from '../../platform/module.ts'
import { bookings } from './bookings.table.ts'
import { allocations, contacts, conversations, episodes, escalations, reminders } from './casework.table.ts'
import { breakGlassReads } from './person-access.table.ts'

export const caseworkHeldRecords: SubjectAccessSource = async (scope, { personIds, episodeIds }) => {
  const sections: [string, Promise<Record<string, unknown>[]>][] = [
    ['Support episodes', tenantRowsWhereIn(scope, episodes, episodes.id, episodeIds)],
    ['Contacts', tenantRowsWhereIn(scope, contacts, contacts.episodeId, episodeIds)],
    ['What matters conversations', tenantRowsWhereIn(scope, conversations, conversations.episodeId, episodeIds)],
    ['Booked contacts', tenantRowsWhereIn(scope, bookings, bookings.episodeId, episodeIds)],
    ['Link workers allocated', tenantRowsWhereIn(scope, allocations, allocations.episodeId, episodeIds)],
    ['Safeguarding escalations', tenantRowsWhereIn(scope, escalations, escalations.episodeId, episodeIds)],
    ['Reminders', tenantRowsWhereIn(scope, reminders, reminders.episodeId, episodeIds)],
    [
      'Record opened with break-glass access',
      tenantRowsWhereIn(scope, breakGlassReads, breakGlassReads.personId, personIds),
    ],
  ]
  return Promise.all(sections.map(async ([title, rows]) => ({ title, rows: await rows })))
}

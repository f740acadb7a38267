// SPDX-License-Identifier: AGPL-3.0-or-later
// The casework module's part in the retention schedule (issue 13): a person with an episode still open, or one
// changed within the retention period, is kept; otherwise the notes of contacts and conversations, the reasons
// written on the episode and its escalations, and home-visit risk details are cleared, while every date, type,
// pathway, status and count stays for the reports.
import { gte, isNull, or, sql } from 'drizzle-orm'
import { anyOf, inTenant, updateTenantRowsWhereIn } from '../../platform/db/tenant.ts'
import type { RetentionPart } from '../../platform/module.ts'
import { bookings } from './bookings.table.ts'
import { allocations, contacts, conversations, episodes, escalations } from './casework.table.ts'

const withoutRiskDetails = (column: typeof contacts.riskCheck | typeof bookings.riskCheck) =>
  sql`case when ${column} is null then null else jsonb_set(${column}, '{knownRisksDetails}', '""') end`

export const caseworkRetention: RetentionPart = {
  async stillActive(scope, personIds, since) {
    if (personIds.length === 0) return []
    const rows = await scope.db
      .selectDistinct({ personId: episodes.personId })
      .from(episodes)
      .where(
        inTenant(
          scope,
          episodes,
          anyOf(episodes.personId, personIds),
          or(isNull(episodes.closedOn), gte(episodes.updatedAt, since)),
        ),
      )
    return rows.map((row) => row.personId)
  },
  async anonymise(scope, { episodeIds }) {
    const changed = await Promise.all([
      updateTenantRowsWhereIn(scope, episodes, episodes.id, episodeIds, {
        complexityReason: '',
        pauseReasonText: '',
        closingSummary: '',
      }),
      updateTenantRowsWhereIn(scope, contacts, contacts.episodeId, episodeIds, {
        notes: '',
        whoWasThere: '',
        avoidedMethodReason: '',
        riskCheck: withoutRiskDetails(contacts.riskCheck),
      }),
      updateTenantRowsWhereIn(scope, conversations, conversations.episodeId, episodeIds, {
        whatMatters: '',
        strengths: '',
        interests: '',
        whatGetsInTheWay: '',
      }),
      updateTenantRowsWhereIn(scope, escalations, escalations.episodeId, episodeIds, {
        reason: '',
        outcomeText: '',
        toWhom: '',
      }),
      updateTenantRowsWhereIn(scope, allocations, allocations.episodeId, episodeIds, { reason: '' }),
      updateTenantRowsWhereIn(scope, bookings, bookings.episodeId, episodeIds, {
        place: '',
        riskCheck: withoutRiskDetails(bookings.riskCheck),
      }),
    ])
    return changed.reduce((sum, n) => sum + n, 0)
  },
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// The connections module's part in the retention schedule (issue 13): what was written about the person for the
// group and about how it went is cleared; the group, the dates, the statuses and the attendance stay for uptake
// reports, and so do unmet needs (need, reason and postcode district), without their free-text details.
import { updateTenantRowsWhereIn } from '../../platform/db/tenant.ts'
import type { RetentionPart } from '../../platform/module.ts'
import { connections } from './connections.table.ts'
import { unmetNeeds } from './unmet-needs.table.ts'

export const connectionsRetention: RetentionPart = {
  async anonymise(scope, { personIds, episodeIds }) {
    const changed = await Promise.all([
      updateTenantRowsWhereIn(scope, connections, connections.personId, personIds, {
        goalText: '',
        firstSessionNote: '',
        statusNote: '',
        accompaniedBy: '',
      }),
      updateTenantRowsWhereIn(scope, unmetNeeds, unmetNeeds.episodeId, episodeIds, { details: '' }),
    ])
    return changed.reduce((sum, n) => sum + n, 0)
  },
}

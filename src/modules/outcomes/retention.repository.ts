// SPDX-License-Identifier: AGPL-3.0-or-later
// The outcomes module's part in the retention schedule (issue 13): answers typed in the person's own words and any
// questionnaire left half-done are cleared; the scores and answers chosen stay, so outcome changes still count.
import { updateTenantRowsWhereIn } from '../../platform/db/tenant.ts'
import type { RetentionPart } from '../../platform/module.ts'
import { invitations, measures } from './outcomes.table.ts'

export const outcomesRetention: RetentionPart = {
  async anonymise(scope, { personIds }) {
    const changed = await Promise.all([
      updateTenantRowsWhereIn(scope, measures, measures.personId, personIds, { texts: {} }),
      updateTenantRowsWhereIn(scope, invitations, invitations.personId, personIds, { draft: {} }),
    ])
    return changed.reduce((sum, n) => sum + n, 0)
  },
}

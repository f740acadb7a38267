// SPDX-License-Identifier: AGPL-3.0-or-later
import { eq } from 'drizzle-orm'
import type { AnyScope } from '../../platform/db/org-scope.ts'
import { episodes } from './casework.table.ts'
import { inTenant } from '../../platform/db/tenant.ts'

export async function findEpisodeClosure(
  scope: AnyScope,
  episodeId: string,
): Promise<{ closedOn: string | null; closeReason: string | null; closingSummary: string } | undefined> {
  const [row] = await scope.db
    .select({ closedOn: episodes.closedOn, closeReason: episodes.closeReason, closingSummary: episodes.closingSummary })
    .from(episodes)
    .where(inTenant(scope, episodes, eq(episodes.id, episodeId)))
  return row
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import { and, eq } from 'drizzle-orm'
import type { AnyScope } from '../../platform/db/org-scope.ts'
import { episodes } from './casework.table.ts'

export async function findEpisodeClosure(
  scope: AnyScope,
  episodeId: string,
): Promise<{ closedOn: string | null; closeReason: string | null; closingSummary: string } | undefined> {
  const [row] = await scope.db
    .select({ closedOn: episodes.closedOn, closeReason: episodes.closeReason, closingSummary: episodes.closingSummary })
    .from(episodes)
    .where(and(eq(episodes.organisationId, scope.organisationId), eq(episodes.id, episodeId)))
  return row
}

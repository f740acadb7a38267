// SPDX-License-Identifier: AGPL-3.0-or-later
// The record of each feed import an area has run, for the import page's history and reports.
import { desc, eq } from 'drizzle-orm'
import type { Queryable } from '../../../platform/db/database.ts'
import { directoryFeedImports } from './oruk.table.ts'
import { inArea } from '../../../platform/db/tenant.ts'
import type { AreaScope } from '../../../platform/db/org-scope.ts'

export type FeedImportRow = typeof directoryFeedImports.$inferSelect

/** The area's most recent feed imports, newest first. */
export async function listFeedImports(
  scope: AreaScope<Queryable>,
  limit: number,
): Promise<Omit<FeedImportRow, 'report'>[]> {
  const t = directoryFeedImports
  return scope.db
    .select({
      areaId: t.areaId,
      id: t.id,
      sourceFeed: t.sourceFeed,
      format: t.format,
      userId: t.userId,
      organisationId: t.organisationId,
      added: t.added,
      updated: t.updated,
      unchanged: t.unchanged,
      rejected: t.rejected,
      createdAt: t.createdAt,
    })
    .from(directoryFeedImports)
    .where(inArea(scope, directoryFeedImports))
    .orderBy(desc(directoryFeedImports.createdAt), desc(directoryFeedImports.id))
    .limit(limit)
}

export async function findFeedImport(scope: AreaScope<Queryable>, id: string): Promise<FeedImportRow | undefined> {
  const [row] = await scope.db
    .select()
    .from(directoryFeedImports)
    .where(inArea(scope, directoryFeedImports, eq(directoryFeedImports.id, id)))
    .limit(1)
  return row
}

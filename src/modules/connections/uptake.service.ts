// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ReportScope } from '../../platform/db/org-scope.ts'
import * as repo from './uptake.repository.ts'

/** For the reports: connections made in the period by directory service, at each step. Counts only. */
export async function countUptake(
  scope: ReportScope,
  period: { from: string; to: string },
): Promise<repo.UptakeCount[]> {
  return repo.countUptake(scope, period)
}

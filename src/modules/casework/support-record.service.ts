// SPDX-License-Identifier: AGPL-3.0-or-later
// What the episode page shows about the case beyond its contacts: onward referrals, who has held it, how it ended.
import type { OrgScope } from '../../platform/db/org-scope.ts'
import { queriesTogether } from '../../platform/db/queries-together.ts'
import { findClosure, type EpisodeClosure } from './closing.service.ts'
import type { Escalation } from './escalation.ts'
import { listEscalationsForEpisode } from './escalations.service.ts'
import { listAllocations, type AllocationRow } from './team.repository.ts'

export interface SupportRecord {
  escalations: Escalation[]
  /** Who the case was allocated to when support began, and each reallocation. */
  allocations: AllocationRow[]
  closure: EpisodeClosure | undefined
}

export async function loadSupportRecord(scope: OrgScope, episodeId: string): Promise<SupportRecord> {
  const [escalations, allocations, closure] = await queriesTogether(scope.db, [
    () => listEscalationsForEpisode(scope, episodeId),
    () => listAllocations(scope, episodeId),
    () => findClosure(scope, episodeId),
  ])
  return { escalations, allocations, closure }
}

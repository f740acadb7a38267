// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AnyScope } from '../../platform/db/org-scope.ts'

/** Something about a person's support that the link worker should follow up today, with where to do it. */
export interface CaseloadFollowUp {
  referralId: string
  href: string
  text: string
}

/**
 * What modules built on casework need followed up across a caseload (the connections module: groups that have not
 * answered, people who have stopped going). They register it, as casework cannot ask them directly.
 */
type FollowUpsSource = (scope: AnyScope, episodeIds: readonly string[], today: string) => Promise<CaseloadFollowUp[]>
let followUpsSource: FollowUpsSource = () => Promise.resolve([])

/** Called once by the connections module when it registers. */
export function useCaseloadFollowUpsSource(source: FollowUpsSource): void {
  followUpsSource = source
}

export async function listCaseloadFollowUps(
  scope: AnyScope,
  episodeIds: readonly string[],
  today: string,
): Promise<CaseloadFollowUp[]> {
  return episodeIds.length === 0 ? [] : followUpsSource(scope, episodeIds, today)
}

/** One connection as the episode page lists it: the group, how it is going, and anything to follow up. */
export interface EpisodeConnection {
  href: string
  serviceName: string
  status: { text: string; classes: string }
  followUp: string | null
}

/** The episode's connections, from the connections module (registered like the follow-ups above). */
type EpisodeConnectionsSource = (scope: AnyScope, episodeId: string, today: string) => Promise<EpisodeConnection[]>
let episodeConnectionsSource: EpisodeConnectionsSource = () => Promise.resolve([])

/** Called once by the connections module when it registers. */
export function useEpisodeConnectionsSource(source: EpisodeConnectionsSource): void {
  episodeConnectionsSource = source
}

export function listEpisodeConnections(
  scope: AnyScope,
  episodeId: string,
  today: string,
): Promise<EpisodeConnection[]> {
  return episodeConnectionsSource(scope, episodeId, today)
}

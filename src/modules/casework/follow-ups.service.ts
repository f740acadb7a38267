// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AnyScope } from '../../platform/db/org-scope.ts'

/** Something about a person's support that the link worker should follow up today, with where to do it. */
export interface CaseloadFollowUp {
  referralId: string
  href: string
  text: string
}

/** An episode on the caseload, as a follow-ups source sees it. */
export interface CaseloadEpisode {
  id: string
  referralId: string
  firstContactOn: string | null
}

/**
 * What modules built on casework need followed up across a caseload (connections: groups that have not answered,
 * people who have stopped going; outcomes: questionnaires due). They register it, as casework cannot ask them
 * directly; each module's source is kept under its name, so registering again (a second app) replaces it.
 */
type FollowUpsSource = (
  scope: AnyScope,
  episodes: readonly CaseloadEpisode[],
  today: string,
) => Promise<CaseloadFollowUp[]>
const followUpsSources = new Map<string, FollowUpsSource>()

/** Called once by each module with something to follow up when it registers. */
export function useCaseloadFollowUpsSource(moduleName: string, source: FollowUpsSource): void {
  followUpsSources.set(moduleName, source)
}

export async function listCaseloadFollowUps(
  scope: AnyScope,
  episodes: readonly CaseloadEpisode[],
  today: string,
): Promise<CaseloadFollowUp[]> {
  if (episodes.length === 0) return []
  const lists = await Promise.all([...followUpsSources.values()].map((source) => source(scope, episodes, today)))
  return lists.flat()
}

/**
 * Something a module built on casework adds to the link worker's daily reminder email (outcomes: questionnaires
 * due). `kind` is recorded with each reminder sent, so each (episode, kind, date due) is emailed once; `line` says
 * how many in the digest, counts only, never a name.
 */
export interface ReminderSource {
  kind: string
  line: (count: number) => string
  due: (
    scope: AnyScope,
    episodes: readonly CaseloadEpisode[],
    today: string,
  ) => Promise<{ episodeId: string; dueOn: string }[]>
}
const reminderSources = new Map<string, ReminderSource>()

/** Called once by each module with something for the reminder email when it registers. */
export function useReminderSource(source: ReminderSource): void {
  reminderSources.set(source.kind, source)
}

export function listReminderSources(): ReminderSource[] {
  return [...reminderSources.values()]
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

/** The episode's outcome measures as its page shows them: a chart per instrument's headline score and what is due. */
export interface EpisodeOutcomes {
  href: string
  due: string | null
  instruments: {
    name: string
    scoreLabel: string
    chartSvg: string
    summary: string
    change: { text: string; classes: string } | null
  }[]
}

type EpisodeOutcomesSource = (
  scope: AnyScope,
  episode: { id: string; referralId: string; firstContactOn: string | null },
  today: string,
) => Promise<EpisodeOutcomes | null>
let episodeOutcomesSource: EpisodeOutcomesSource = () => Promise.resolve(null)

/** Called once by the outcomes module when it registers. */
export function useEpisodeOutcomesSource(source: EpisodeOutcomesSource): void {
  episodeOutcomesSource = source
}

export function listEpisodeOutcomes(
  scope: AnyScope,
  episode: { id: string; referralId: string; firstContactOn: string | null },
  today: string,
): Promise<EpisodeOutcomes | null> {
  return episodeOutcomesSource(scope, episode, today)
}

/** A person's questionnaires across every episode, for the person record: the same charts as the episode page. */
export type PersonOutcomes = Pick<EpisodeOutcomes, 'instruments'>

/** `personIds`: the record kept and those merged into it (merges move no rows). */
type PersonOutcomesSource = (scope: AnyScope, personIds: readonly string[]) => Promise<PersonOutcomes | null>
let personOutcomesSource: PersonOutcomesSource = () => Promise.resolve(null)

/** Called once by the outcomes module when it registers. */
export function usePersonOutcomesSource(source: PersonOutcomesSource): void {
  personOutcomesSource = source
}

export function listPersonOutcomes(scope: AnyScope, personIds: readonly string[]): Promise<PersonOutcomes | null> {
  return personOutcomesSource(scope, personIds)
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// What the outcomes module gives casework's pages: on the episode page, each instrument's headline score over
// time (the chart, the numbers and the change), and on the caseload, the questionnaires due today or overdue.
import type { AnyScope } from '../../../platform/db/org-scope.ts'
import type { CaseloadEpisode, CaseloadFollowUp, EpisodeOutcomes } from '../../casework/index.ts'
import { getOutcomeSettings, instrumentsFor, listEpisodeMeasures, measuresDueFor } from '../outcomes.service.ts'
import { measuresDue } from '../outcome.ts'
import { dueText, presentOutcomes } from './outcomes.presenter.ts'

export async function episodeOutcomes(
  scope: AnyScope,
  episode: { id: string; referralId: string; firstContactOn: string | null },
  today: string,
): Promise<EpisodeOutcomes> {
  const [measures, instruments, settings] = await Promise.all([
    listEpisodeMeasures(scope, episode.id),
    instrumentsFor(scope),
    getOutcomeSettings(scope),
  ])
  const due = measuresDue(episode.firstContactOn, measures, settings, today)
  return {
    href: `/caseload/${episode.referralId}/outcomes`,
    due: due ? dueText(due, settings.followUpWeeks) : null,
    instruments: presentOutcomes(instruments, measures).flatMap((i) => {
      const headline = i.scores[0]
      return headline
        ? [
            {
              name: i.name,
              scoreLabel: headline.label,
              chartSvg: headline.chartSvg,
              summary: headline.summary,
              change: headline.change,
            },
          ]
        : []
    }),
  }
}

export async function caseloadOutcomeFollowUps(
  scope: AnyScope,
  episodes: readonly CaseloadEpisode[],
  today: string,
): Promise<CaseloadFollowUp[]> {
  const [due, settings] = await Promise.all([measuresDueFor(scope, episodes, today), getOutcomeSettings(scope)])
  return episodes.flatMap((e) => {
    const d = due.get(e.id)
    return d
      ? [
          {
            referralId: e.referralId,
            href: `/caseload/${e.referralId}/outcomes`,
            text: dueText(d, settings.followUpWeeks),
          },
        ]
      : []
  })
}

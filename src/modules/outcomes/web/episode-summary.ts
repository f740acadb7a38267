// SPDX-License-Identifier: AGPL-3.0-or-later
// What the outcomes module gives casework's pages: on the episode page, each instrument's headline score over
// time (the chart, the numbers and the change), and on the caseload, the questionnaires due today or overdue.
import type { AnyScope } from '../../../platform/db/org-scope.ts'
import type {
  CaseloadEpisode,
  CaseloadFollowUp,
  EpisodeOutcomes,
  PersonOutcomes,
  ReminderSource,
} from '../../casework/index.ts'
import type { Instrument } from '../instrument.ts'
import type { Measure } from '../outcome.ts'
import {
  getOutcomeSettings,
  instrumentsFor,
  listEpisodeMeasures,
  listPersonMeasures,
  measuresDueFor,
} from '../outcomes.service.ts'
import { measuresDue } from '../outcome.ts'
import { dueText, presentOutcomes } from './outcomes.presenter.ts'

/** Each instrument's headline score over time, as the episode and person pages show it. */
function headlines(instruments: readonly Instrument[], measures: readonly Measure[]): EpisodeOutcomes['instruments'] {
  return presentOutcomes(instruments, measures, { headlineOnly: true }).flatMap((i) => {
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
  })
}

/** A person's questionnaires across all their episodes here (merged records included), for the person record. */
export async function personOutcomes(scope: AnyScope, personIds: readonly string[]): Promise<PersonOutcomes> {
  const [measures, instruments] = await Promise.all([listPersonMeasures(scope, personIds), instrumentsFor(scope)])
  return { instruments: headlines(instruments, measures) }
}

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
    instruments: headlines(instruments, measures),
  }
}

export async function caseloadOutcomeFollowUps(
  scope: AnyScope,
  episodes: readonly CaseloadEpisode[],
  today: string,
): Promise<CaseloadFollowUp[]> {
  const { due, followUpWeeks } = await measuresDueFor(scope, episodes, today)
  return episodes.flatMap((e) => {
    const d = due.get(e.id)
    return d
      ? [
          {
            referralId: e.referralId,
            href: `/caseload/${e.referralId}/outcomes`,
            text: dueText(d, followUpWeeks),
          },
        ]
      : []
  })
}

/**
 * The questionnaires' story for the message back, one line a score that has a change rule (ONS4's four, each
 * loneliness total, the wellbeing scales): first and latest with their bands, the change, and the SNOMED CT code
 * where the score has one. A starting point the link worker edits; nothing is sent without their check.
 */
export async function closingSummaryFor(scope: AnyScope, episodeId: string): Promise<string[]> {
  const [measures, instruments] = await Promise.all([listEpisodeMeasures(scope, episodeId), instrumentsFor(scope)])
  return presentOutcomes(instruments, measures).flatMap((presented) => {
    const instrument = instruments.find((i) => i.key === presented.key)!
    return presented.scores.flatMap((score) => {
      const definition = instrument.scores.find((s) => s.key === score.key)!
      if (!definition.meaningfulChange) return []
      const coded = definition.snomed ? ` (SNOMED CT ${definition.snomed.code})` : ''
      const summary = score.summary.replace(/\.$/, '')
      return [`${instrument.shortName}, ${summary.charAt(0).toLowerCase()}${summary.slice(1)}${coded}.`]
    })
  })
}

/** For the link worker's daily reminder email: each episode whose questionnaires have fallen due, once per date. */
export const questionnaireReminders: ReminderSource = {
  kind: 'questionnaires',
  line: (count) =>
    `${count} ${count === 1 ? 'person is' : 'people are'} due wellbeing or loneliness questionnaires (baseline or follow-up)`,
  async due(scope, episodes, today) {
    const { due } = await measuresDueFor(scope, episodes, today)
    return [...due].map(([episodeId, d]) => ({ episodeId, dueOn: d.dueOn }))
  },
}

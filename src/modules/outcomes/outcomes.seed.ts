// SPDX-License-Identifier: AGPL-3.0-or-later
// Demo data: the service's three questionnaires (ONS4, UCLA-3 and the ONS loneliness question) at baseline for
// most people its link workers have met, and a 12-week follow-up for those met long enough ago, mostly better
// (as evaluations report) and some not. One person on each caseload is left without a baseline, so the caseload
// shows it due. Deterministic (a seeded sequence, not Math.random), and made through the module's own service.
import type { Database } from '../../platform/db/database.ts'
import { scopeForSystemTask } from '../../platform/db/org-scope.ts'
import { demoLinkWorkers, type DemoArea } from '../../seed/demo-area.ts'
import { addDays, listCaseload, londonToday, openCase } from '../casework/index.ts'
import type { Timepoint } from './outcome.ts'
import { DEFAULT_FOLLOW_UP_WEEKS, recordMeasure } from './outcomes.service.ts'
import { saveServiceUse } from './service-use.service.ts'

/** A small deterministic sequence (a linear congruential generator), so the demo is the same on every start. */
function sequence(seed: number): (min: number, max: number) => number {
  let state = seed
  return (min, max) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648
    return min + (state % (max - min + 1))
  }
}

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v))

/** One person's answers at baseline and, `better` points later, at follow-up. */
function answersFor(pick: (min: number, max: number) => number, better: number) {
  const satis = pick(2, 5)
  const worth = pick(3, 6)
  const happy = pick(2, 6)
  const anxious = pick(5, 9)
  const ucla = [pick(2, 3), pick(2, 3), pick(1, 3)]
  const lonely = pick(1, 2)
  const baseline = {
    ons4: { satis, worth, happy, anxious },
    ucla3: { companionship: ucla[0]!, leftOut: ucla[1]!, isolated: ucla[2]! },
    'ons-loneliness': { lonely },
  }
  const followUp = {
    ons4: {
      satis: clamp(satis + better + pick(0, 1), 0, 10),
      worth: clamp(worth + better, 0, 10),
      happy: clamp(happy + better + pick(-1, 1), 0, 10),
      anxious: clamp(anxious - better - pick(0, 1), 0, 10),
    },
    ucla3: {
      companionship: clamp(ucla[0]! - (better > 1 ? 1 : 0), 1, 3),
      leftOut: clamp(ucla[1]! - (better > 0 ? 1 : 0), 1, 3),
      isolated: clamp(ucla[2]! - (better > 2 ? 1 : 0), 1, 3),
    },
    'ons-loneliness': { lonely: clamp(lonely + (better > 0 ? pick(1, 2) : 0), 1, 5) },
  }
  return { baseline, followUp }
}

export async function seedDemoOutcomes(db: Database, area: DemoArea): Promise<void> {
  const service = area.organisations.get('sps')!
  const scope = scopeForSystemTask(db, service, 'seeding the demo area with outcome questionnaires')
  const today = londonToday()
  const pick = sequence(20_261_204)
  for (const { actor, userId } of demoLinkWorkers(area, service.id)) {
    const met = (await listCaseload(scope, userId))
      .filter((e) => e.episode?.firstContactOn)
      .sort((a, b) => a.personName.localeCompare(b.personName, 'en-GB'))
    // The first person met is left for the newcomer to ask: the caseload shows their baseline due.
    for (const [index, entry] of met.slice(1, 30).entries()) {
      const firstContactOn = entry.episode!.firstContactOn!
      const found = await openCase(scope, entry.referralId, actor)
      // Most improve by one to three points; one in five does not.
      const better = index % 5 === 4 ? 0 : pick(1, 3)
      const { baseline, followUp } = answersFor(pick, better)
      // Long enough ago for a follow-up, or (for the demo to show one) the follow-up as if baseline was 12 weeks back.
      const followUpOn = addDays(firstContactOn, DEFAULT_FOLLOW_UP_WEEKS * 7)
      const takes: [Timepoint, string, Record<string, Record<string, number>>][] = [
        ['baseline', firstContactOn, baseline],
      ]
      if (followUpOn <= today) takes.push(['follow-up', followUpOn, followUp])
      else if (index % 3 === 0) {
        takes[0]![1] = addDays(today, -(DEFAULT_FOLLOW_UP_WEEKS * 7 + 3))
        takes.push(['follow-up', addDays(today, -3), followUp])
      }
      // Health and care use for those followed up: fewer GP appointments and A&E visits after, for most.
      if (takes.length > 1) {
        const gp = pick(4, 12)
        const ae = pick(0, 3)
        await saveServiceUse(
          scope,
          found,
          {
            months: 6,
            before: { gpAppointments: gp, aeAttendances: ae, emergencyCalls: pick(0, 2), admissions: pick(0, 1) },
            after: {
              gpAppointments: Math.max(0, gp - better - pick(0, 2)),
              aeAttendances: Math.max(0, ae - (better > 1 ? 1 : 0)),
              emergencyCalls: pick(0, 1),
              admissions: better > 0 ? 0 : pick(0, 1),
            },
          },
          actor,
        )
      }
      for (const [timepoint, completedOn, answers] of takes)
        for (const [instrumentKey, given] of Object.entries(answers)) {
          const result = await recordMeasure(
            scope,
            found,
            {
              instrumentKey,
              timepoint,
              completedOn,
              answers: given,
              submissionKey: `demo-${entry.referralId}-${instrumentKey}-${timepoint}`,
            },
            actor,
          )
          if (!result.ok) throw new Error(`demo outcome ${instrumentKey}: ${JSON.stringify(result.errors)}`)
        }
    }
  }
}

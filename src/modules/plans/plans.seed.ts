// SPDX-License-Identifier: AGPL-3.0-or-later
// Demo data: "what matters" conversations and personalised plans for the demo link workers' people, so the
// demo shows plans in every state: agreed and reviewed, agreed, and a draft waiting for agreement.
import type { Database } from '../../platform/db/database.ts'
import { scopeForSystemTask, type OrgScope } from '../../platform/db/org-scope.ts'
import { DEMO_USERS } from '../../seed/demo-accounts.ts'
import type { DemoArea } from '../../seed/demo-area.ts'
import {
  addDays,
  listCaseload,
  londonToday,
  openCase,
  recordConversation,
  type ChangeActor,
} from '../casework/index.ts'
import { searchDirectory } from '../directory/index.ts'
import type { Need } from '../referrals/index.ts'
import type { Barrier, FiveWay, PlanContent } from './plan.ts'
import { agreePlan, findAgreedPlan, savePlan } from './plans.service.ts'
import { recordReview } from './reviews.service.ts'

interface GoalIdea {
  words: string
  ways: FiveWay[]
  barriers: Barrier[]
  barriersText?: string
  action: { what: string; who: 'person' | 'worker' }
  /** Words to find a directory service with; the first match is the service to try. */
  search: string
  interests: string
  whatGetsInTheWay: string
}

// Goals in people's own words, one per need: what the Ageing Better programmes heard people say.
const IDEAS: Partial<Record<Need, GoalIdea>> = {
  // (A second way loneliness sounds in people's words is in OTHER_LONELINESS, so two people do not say the same.)
  loneliness: {
    words: 'Get back to playing the ukulele with other people',
    ways: ['connect', 'keep-learning'],
    barriers: ['confidence', 'transport'],
    action: { what: 'Go together to the first session and meet the organiser', who: 'worker' },
    search: 'community choir',
    interests: 'Played the ukulele in a folk band for twenty years; likes a blether over tea.',
    whatGetsInTheWay: 'Has not been out in the evening for two years; the bus stops early on Sundays.',
  },
  bereavement: {
    words: 'Talk to people who know what it is like to lose someone',
    ways: ['connect', 'take-notice'],
    barriers: ['anxiety'],
    action: { what: 'Phone the bereavement group to ask about joining', who: 'person' },
    search: 'bereavement',
    interests: 'Gardening, and the tango classes at the community centre years ago.',
    whatGetsInTheWay: 'Worries about crying in front of strangers.',
  },
  inactivity: {
    words: 'Walk to the shops and back without stopping',
    ways: ['be-active', 'take-notice'],
    barriers: ['mobility', 'confidence'],
    action: { what: 'Try the Tuesday health walk, the short route', who: 'person' },
    search: 'health walk',
    interests: 'Used to hillwalk; follows the football.',
    whatGetsInTheWay: 'Knee pain on the hills and worried about falling.',
  },
  'low-mood': {
    words: 'Have something to get up for on a Monday',
    ways: ['give', 'connect'],
    barriers: ['anxiety', 'confidence'],
    action: { what: 'Visit the volunteering taster session together', who: 'worker' },
    search: 'volunteering',
    interests: 'Baking, crosswords and the radio.',
    whatGetsInTheWay: 'Some days it is hard to leave the house.',
  },
  'long-term-condition': {
    words: 'Feel less out of breath and more in charge of my COPD',
    ways: ['be-active', 'keep-learning'],
    barriers: ['mobility', 'other'],
    barriersText: 'Needs a seat near the door in case of coughing fits',
    action: { what: 'Ask the practice nurse whether singing for lung health is suitable', who: 'person' },
    search: 'singing lung',
    interests: 'Sang in the church choir as a girl.',
    whatGetsInTheWay: 'Breathless on stairs; embarrassed by the cough.',
  },
  caring: {
    words: 'Have one afternoon a week that is just for me',
    ways: ['take-notice', 'connect'],
    barriers: ['caring'],
    action: { what: 'Ask the carers centre about a sitting service on Thursdays', who: 'worker' },
    search: 'carers',
    interests: 'Knitting and old films.',
    whatGetsInTheWay: 'Cannot leave the person they care for alone for long.',
  },
  employment: {
    words: 'Feel ready to apply for part-time work',
    ways: ['keep-learning', 'give'],
    barriers: ['confidence'],
    action: { what: 'Bring a CV draft to the job club', who: 'person' },
    search: 'job club',
    interests: 'Acting and drama at school; likes being around people.',
    whatGetsInTheWay: 'Has been out of work for three years and dreads interviews.',
  },
  'digital-exclusion': {
    words: 'Video call my grandchildren in Canada by myself',
    ways: ['connect', 'keep-learning'],
    barriers: ['digital'],
    action: { what: 'Take the tablet to the digital skills drop-in', who: 'person' },
    search: 'digital skills',
    interests: 'Family history and letter writing.',
    whatGetsInTheWay: 'Does not want to keep asking the family for help.',
  },
  debt: {
    words: 'Open the letters without dreading them',
    ways: ['take-notice'],
    barriers: ['anxiety'],
    action: { what: 'Book an appointment at the debt advice clinic and go together', who: 'worker' },
    search: 'debt advice',
    interests: 'Fishing and fixing bikes.',
    whatGetsInTheWay: 'Letters pile up unopened.',
  },
}

const OTHER_LONELINESS: GoalIdea = {
  words: 'Go dancing again: I used to dance the tango every Friday',
  ways: ['connect', 'be-active'],
  barriers: ['confidence', 'cost'],
  action: { what: 'Go together to the luncheon club and ask who runs the tea dances', who: 'worker' },
  search: 'luncheon club',
  interests: 'Danced the tango for thirty years; loves old films and a good natter.',
  whatGetsInTheWay: 'Does not like walking into a room full of strangers; money is tight this winter.',
}

async function findService(scope: OrgScope, text: string): Promise<{ id: string; name: string } | null> {
  const { items } = await searchDirectory(
    scope,
    {
      text,
      needCode: null,
      wayCode: null,
      centre: null,
      radiusMetres: null,
      days: [],
      timeOfDay: null,
      age: null,
      cost: null,
      accessibility: [],
      newcomers: false,
      hasCapacity: false,
      limit: 1,
      offset: 0,
    },
    3650,
  )
  return items[0] ? { id: items[0].id, name: items[0].name } : null
}

/**
 * For each demo link worker, the first people whose support is under way get a conversation and a plan: the
 * first agreed and reviewed, the second agreed, the third a draft. Deterministic for the same demo area.
 */
export async function seedDemoPlans(db: Database, area: DemoArea): Promise<void> {
  const service = area.organisations.get('sps')!
  const scope = scopeForSystemTask(db, service, 'seeding the demo area with plans')
  const today = londonToday()
  for (const key of ['link-worker', 'link-worker-2']) {
    const userId = area.users.get(key)
    const user = DEMO_USERS.find((u) => u.key === key)
    if (!userId || !user) continue
    const actor: ChangeActor = {
      audit: { userId, organisationId: service.id, role: 'demo-seed', ipAddress: null, correlationId: null },
      userId,
      name: user.displayName,
    }
    const caseload = await listCaseload(scope, userId)
    const underWay = caseload
      .filter((e) => e.status === 'in-progress' && e.episode?.firstContactOn)
      .sort((a, b) => a.personName.localeCompare(b.personName, 'en-GB'))
      .slice(0, 3)
    let n = 0
    for (const entry of underWay) {
      n += 1
      const firstContact = entry.episode!.firstContactOn!
      // Conversation soon after first contact; the plan the same day; agreement two days later.
      const heldOn = firstContact > addDays(today, -21) ? firstContact : addDays(today, -21)
      const agreedOn = addDays(heldOn, 2) > today ? today : addDays(heldOn, 2)
      const { referral } = await openCase(scope, entry.referralId, actor)
      const ideaFor = (need: Need): GoalIdea | undefined =>
        need === 'loneliness' && (n + key.length) % 2 === 0 ? OTHER_LONELINESS : IDEAS[need]
      const ideas = referral.needs
        .flatMap((need) => {
          const idea = ideaFor(need)
          return idea ? [{ need, idea }] : []
        })
        .slice(0, 2)
      if (ideas.length === 0) continue
      await recordConversation(
        scope,
        entry.referralId,
        {
          submissionKey: `demo-seed-conversation-${key}-${n}`,
          heldOn,
          whatMatters: ideas[0]!.idea.words,
          strengths: 'Knows their own mind; a good neighbour looks in most days.',
          interests: ideas.map((i) => i.idea.interests).join(' '),
          whatGetsInTheWay: ideas.map((i) => i.idea.whatGetsInTheWay).join(' '),
          needsConfirmed: ideas.map((i) => i.need),
          needsAdded: [],
        },
        actor,
        { now: new Date(`${heldOn}T11:00:00Z`) },
      )
      const content: PlanContent = { goals: [], actions: [], services: [], reviewOn: addDays(today, 28), nextSteps: '' }
      for (const [i, { need, idea }] of ideas.entries()) {
        const goalKey = `new-${i}`
        content.goals.push({
          goalKey,
          inTheirWords: idea.words,
          needs: [need],
          fiveWays: idea.ways,
          barriers: idea.barriers,
          barriersText: idea.barriersText ?? '',
        })
        content.actions.push({
          goalKey,
          what: idea.action.what,
          who: idea.action.who === 'worker' ? user.displayName : entry.personName.split(' ')[0]!,
          byWhen: addDays(agreedOn, 14),
          done: n === 1 && i === 0,
        })
        const found = await findService(scope, idea.search)
        content.services.push({
          goalKey,
          directoryServiceId: found?.id ?? null,
          name: found?.name ?? idea.search,
          details: idea.action.who === 'worker' ? `${user.displayName} will go along the first time.` : '',
        })
      }
      content.nextSteps = `${user.displayName} will phone the week after next to see how the first session went.`
      await savePlan(
        scope,
        entry.referralId,
        content,
        { submissionKey: `demo-seed-plan-${key}-${n}`, basedOn: null, now: new Date(`${heldOn}T12:00:00Z`) },
        actor,
      )
      if (n === 3) continue
      await agreePlan(
        scope,
        entry.referralId,
        { agreedOn, method: n === 1 ? 'in-person' : 'phone', note: n === 1 ? 'Her daughter was there too.' : '' },
        { version: 1, rowVersion: 1 },
        actor,
        { now: new Date(`${agreedOn}T15:00:00Z`) },
      )
      if (n !== 1) continue
      // One person's plan has been reviewed: the first goal is on its way, the second not started.
      const agreed = await findAgreedPlan(scope, entry.episode!.id)
      await recordReview(
        scope,
        entry.referralId,
        {
          submissionKey: `demo-seed-review-${key}-${n}`,
          reviewedOn: today,
          notes: 'Went to two sessions and enjoyed them. Wants to keep going on their own now.',
          nextReviewOn: addDays(today, 42),
          actionsDone: [0],
          progress: agreed!.goals.map((g, i) => ({
            goalKey: g.goalKey,
            progress: i === 0 ? 'some-progress' : 'not-started',
            note: i === 0 ? 'Been twice; knows two people there now.' : '',
          })),
        },
        actor,
      )
    }
  }
}

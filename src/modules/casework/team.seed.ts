// SPDX-License-Identifier: AGPL-3.0-or-later
// The supervisor's demo team: a year's worth of finished support for Sam, Megan and Tom (Tom, a long-term
// community connector with a small capacity, is just over it), a recently closed episode with its message
// back, people not contacted for a while, and an onward referral still waiting for an answer.
import type { Database } from '../../platform/db/database.ts'
import { scopeForSystemTask, type OrgScope } from '../../platform/db/org-scope.ts'
import type { DemoArea } from '../../seed/demo-area.ts'
import { DEMO_USERS } from '../../seed/demo-accounts.ts'
import { changeReferral, exampleSubmission, submitReferral, type Need } from '../referrals/index.ts'
import { addDays, londonToday } from './casework.ts'
import { changeEpisodeDetails, recordContact } from './episode-changes.service.ts'
import { openCase, type ChangeActor } from './casework.service.ts'
import type { CloseReason } from './closing.ts'
import { closeEpisode } from './closing.service.ts'
import { raiseEscalation, recordEscalationOutcome } from './escalations.service.ts'
import { listEscalations } from './escalations.repository.ts'
import { setAnnualCapacity } from './team.service.ts'
import { financialYearStart } from './team.ts'

const GIVEN = [
  'Agnes', 'Brian', 'Catherine', 'Derek', 'Elaine', 'Fraser', 'Georgina', 'Hamish', 'Isla', 'Jim', 'Kathleen',
  'Lewis', 'Moira', 'Neil', 'Olive', 'Peter', 'Rhona', 'Stuart', 'Teresa', 'Walter', 'Yvonne', 'Alistair',
  'Brenda', 'Colin', 'Doreen', 'Euan', 'Fiona', 'Gordon', 'Heather', 'Ian', 'Jessie', 'Kenneth',
] // prettier-ignore
const FAMILY = [
  'Aitken', 'Bain', 'Cowie', 'Dunbar', 'Esson', 'Forbes', 'Gauld', 'Hay', 'Innes', 'Jaffray', 'Keith', 'Leask',
  'Milne', 'Nicol', 'Ogston', 'Pirie', 'Ritchie', 'Strachan', 'Taylor', 'Urquhart', 'Wood', 'Youngson',
] // prettier-ignore
const POSTCODES = ['AB10 1AB', 'AB11 5RG', 'AB12 3LT', 'AB15 4DH', 'AB16 5ST', 'AB21 9SB', 'AB24 3EN', 'AB25 2XN']
const NEEDS: Need[][] = [['loneliness'], ['low-mood', 'inactivity'], ['bereavement', 'loneliness'], ['debt', 'housing']]

const OUTCOMES: { reason: CloseReason; summary: string; connectedTo: string }[] = [
  {
    reason: 'connected-independent',
    summary: 'Goes to the lunch club every week and has started volunteering in its kitchen. Feels less alone.',
    connectedTo: 'Northfield Community Hub lunch club',
  },
  {
    reason: 'goals-met',
    summary: 'Walks with the group twice a week; sleeping better and has cut back on the painkillers.',
    connectedTo: 'Duthie Park health walks',
  },
  {
    reason: 'connected-independent',
    summary: 'Back at the allotment with a neighbour’s help, and joined the men’s shed on Thursdays.',
    connectedTo: 'Tillydrone men’s shed; Seaton allotments',
  },
  {
    reason: 'moved-away',
    summary: 'Moved to live near their daughter in Inverness; we passed on details of the Highland service.',
    connectedTo: '',
  },
  {
    reason: 'declined-further-support',
    summary: 'Said the benefits check was all they needed and did not want to carry on.',
    connectedTo: '',
  },
  { reason: 'lost-contact', summary: 'No reply to three calls, a text and a letter over four weeks.', connectedTo: '' },
  {
    reason: 'goals-met',
    summary: 'Debts are under a payment plan with the advice service, and they sing with the community choir.',
    connectedTo: 'Citizens Advice money advice; Granite City Community Choir',
  },
]

interface Worker {
  key: string
  closed: number
  open: number
  /** Weeks since the open cases were last contacted: over the alert period shows "no contact". */
  lastContactWeeksAgo: number
}

// Tom is a long-term community connector supporting fewer people more intensively: capacity 30 a year.
const TEAM: Worker[] = [
  { key: 'link-worker', closed: 14, open: 2, lastContactWeeksAgo: 1 },
  { key: 'link-worker-2', closed: 10, open: 2, lastContactWeeksAgo: 2 },
  { key: 'link-worker-3', closed: 27, open: 4, lastContactWeeksAgo: 4 },
]
const TOM_CAPACITY = 30

function actorFor(area: DemoArea, key: string, organisationId: string): ChangeActor {
  const userId = area.users.get(key)!
  return {
    audit: { userId, organisationId, role: 'demo-seed', ipAddress: null, correlationId: null },
    userId,
    name: DEMO_USERS.find((u) => u.key === key)!.displayName,
  }
}

function noon(isoDate: string): Date {
  return new Date(`${isoDate}T12:00:00Z`)
}

/** A referral received on `receivedOn`, accepted for the worker, opened and first contacted a few days later. */
async function startSupport(
  db: Database,
  scope: OrgScope,
  area: DemoArea,
  n: number,
  workerKey: string,
  receivedOn: string,
  firstContactOn: string,
): Promise<string> {
  const service = area.organisations.get('sps')!
  const base = exampleSubmission(service.id)
  const { referralId } = await submitReferral(
    db,
    {
      ...base,
      submissionKey: `demo-team:${n}`,
      source: 'web-form',
      person: {
        ...base.person,
        givenName: GIVEN[n % GIVEN.length]!,
        familyName: FAMILY[(n * 7) % FAMILY.length]!,
        dateOfBirth: `${1938 + (n % 45)}-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 27) + 1).padStart(2, '0')}`,
        nhsNumber: null,
        postcode: POSTCODES[n % POSTCODES.length]!,
        addressLine1: `${n + 3} ${['Union Grove', 'King Street', 'Great Western Road', 'Victoria Road'][n % 4]}`,
        phone: `01632 96${String(1000 + n).slice(-4)}`,
      },
      needs: NEEDS[n % NEEDS.length]!,
      reasonText: 'Would benefit from support to get out and about and meet people.',
      whatMatters: 'Having something to look forward to in the week.',
    },
    { userId: null, organisationId: service.id, role: 'demo-seed', ipAddress: null, correlationId: null },
    { now: noon(receivedOn) },
  )
  const worker = actorFor(area, workerKey, service.id)
  await changeReferral(
    scope,
    referralId,
    { kind: 'accept', ownerUserId: worker.userId! },
    actorFor(area, 'supervisor', service.id),
    undefined,
    { now: noon(addDays(receivedOn, 1)) },
  )
  const { episode } = await openCase(scope, referralId, worker, { now: noon(addDays(receivedOn, 1)) })
  const complexity = ((n % 3) + 1) as 1 | 2 | 3
  await changeEpisodeDetails(
    scope,
    referralId,
    {
      pathway: workerKey === 'link-worker-3' || complexity === 3 ? 'long-term' : 'short-term',
      complexity,
      complexityReason: '',
      // Left as opened: moving to the long-term pathway takes that pathway's setting.
      contactAllowance: episode.contactAllowance,
    },
    episode.version,
    worker,
    { now: noon(addDays(receivedOn, 1)) },
  )
  await recordContact(
    scope,
    referralId,
    {
      submissionKey: `demo-team-first-contact-${n}`,
      type: n % 2 === 0 ? 'home-visit' : 'phone',
      contactOn: firstContactOn,
      durationMinutes: n % 2 === 0 ? 60 : 25,
      whoWasThere: '',
      notes: 'First meeting: talked about what matters and what they would like to try.',
      riskCheck:
        n % 2 === 0
          ? {
              someoneKnowsWhereYouAre: true,
              expectedFinishTime: '15:00',
              knownRisksAtAddress: false,
              knownRisksDetails: '',
              checkInArranged: true,
            }
          : null,
      nextContactOn: null,
    },
    worker,
    { now: noon(firstContactOn) },
  )
  return referralId
}

/** Seeds the team view's history; runs after the other casework and plan steps so it never changes their cases. */
export async function seedDemoTeam(db: Database, area: DemoArea): Promise<void> {
  const service = area.organisations.get('sps')!
  const scope = scopeForSystemTask(db, service, 'seeding the demo team history')
  const today = londonToday()
  // Spread this financial year's work from its start to a month ago (at least 150 days back, early in a year).
  const yearStart = financialYearStart(today)
  const firstDay = addDays(today, -Math.max(150, Math.round((Date.parse(today) - Date.parse(yearStart)) / 86_400_000)))
  const span = Math.max(1, Math.round((Date.parse(today) - Date.parse(firstDay)) / 86_400_000) - 40)
  const supervisor = actorFor(area, 'supervisor', service.id)
  await setAnnualCapacity(scope, area.users.get('link-worker-3')!, TOM_CAPACITY, supervisor)

  let n = 0
  for (const worker of TEAM) {
    const actor = actorFor(area, worker.key, service.id)
    for (let i = 0; i < worker.closed; i++, n++) {
      const receivedOn = addDays(firstDay, Math.floor((i * span) / worker.closed))
      const firstContactOn = addDays(receivedOn, 3)
      const referralId = await startSupport(db, scope, area, n, worker.key, receivedOn, firstContactOn)
      // Sam's last one closed last week: the demo's "closed episode with its message back".
      const closedOn =
        i === worker.closed - 1 && worker.key === 'link-worker' ? addDays(today, -6) : addDays(firstContactOn, 35)
      const outcome = OUTCOMES[n % OUTCOMES.length]!
      await closeEpisode(scope, referralId, { ...outcome, closedOn: closedOn > today ? today : closedOn }, actor, {
        now: noon(closedOn > today ? today : closedOn),
      })
    }
    for (let i = 0; i < worker.open; i++, n++) {
      const firstContactOn = addDays(today, -7 * worker.lastContactWeeksAgo - i)
      // Opened long enough ago for the first review to have come round for some of them.
      const receivedOn = addDays(firstContactOn, -(i % 2 === 0 ? 100 : 10))
      const referralId = await startSupport(db, scope, area, n, worker.key, receivedOn, firstContactOn)
      if (worker.key === 'link-worker-2' && i === 0) {
        // An onward referral still waiting for an answer, and an earlier one that was accepted.
        await raiseEscalation(
          scope,
          referralId,
          {
            submissionKey: `demo-team-escalation-${n}-a`,
            kind: 'allied-health',
            toWhom: 'Community physiotherapy, Woodend',
            reason: 'Falls at home twice this month; wants to get back to walking to the shops.',
            urgent: false,
            raisedOn: addDays(today, -20),
          },
          actor,
        )
        const [accepted] = await listEscalations(scope, (await openCase(scope, referralId, actor)).episode.id)
        await recordEscalationOutcome(
          scope,
          referralId,
          accepted!.id,
          { outcome: 'accepted', outcomeText: 'First appointment booked.', outcomeOn: addDays(today, -12) },
          accepted!.version,
          actor,
        )
        await raiseEscalation(
          scope,
          referralId,
          {
            submissionKey: `demo-team-escalation-${n}-b`,
            kind: 'mental-health',
            toWhom: 'Community mental health team, Royal Cornhill',
            reason: 'Low mood getting worse over three visits; says they have stopped eating properly.',
            urgent: true,
            raisedOn: addDays(today, -3),
          },
          actor,
        )
      }
    }
  }
}

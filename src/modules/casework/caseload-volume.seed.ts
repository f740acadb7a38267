// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Database } from '../../platform/db/database.ts'
import { scopeForSystemTask } from '../../platform/db/org-scope.ts'
import type { DemoArea } from '../../seed/demo-area.ts'
import { changeReferral, exampleSubmission, submitReferral, type Need } from '../referrals/index.ts'
import { addDays, londonToday, type ComplexityLevel, type ContactType } from './casework.ts'
import { changeEpisodeDetails, recordContact } from './episode-changes.service.ts'
import { openCase } from './casework.service.ts'

/** People added to each demo link worker's caseload, beyond the hand-written stories of the referrals seed. */
const VOLUME: { worker: string; people: [string, string, string, Need[], string][] }[] = [
  {
    worker: 'link-worker',
    people: [
      ['Agnes', 'Duthie', '1941-09-12', ['loneliness', 'inactivity'], 'Getting out to the lunch club on a Thursday.'],
      ['Callum', 'Reid', '1987-04-03', ['debt', 'low-mood'], 'Sorting out the letters so I can sleep again.'],
      ['Morag', 'Leslie', '1956-11-30', ['caring'], 'An afternoon a week that is just for me.'],
      ['Hamish', 'Gray', '1949-02-17', ['bereavement', 'loneliness'], 'Talking to other men who have lost a wife.'],
      ['Shona', 'Wilson', '1979-07-08', ['housing', 'benefits'], 'A flat without damp for me and the kids.'],
      ['Ewan', 'Stephen', '1995-12-21', ['employment', 'low-mood'], 'Having a reason to get up in the morning.'],
      ['Jean', 'Forbes', '1938-05-26', ['digital-exclusion', 'loneliness'], 'Video calls with my son in Canada.'],
      [
        'Doreen',
        'Mitchell',
        '1952-03-14',
        ['long-term-condition', 'inactivity'],
        'Walking to the shops without stopping.',
      ],
      ['Ryan', 'Christie', '1990-10-02', ['substance-use', 'employment'], 'Staying sober and finding work.'],
      ['Elaine', 'Buchan', '1968-08-19', ['weight', 'inactivity'], 'Swimming again without feeling watched.'],
    ],
  },
  {
    worker: 'link-worker-2',
    people: [
      ['Norman', 'Smith', '1944-06-09', ['loneliness'], 'Someone to have a blether with.'],
      ['Fiona', 'Cowie', '1983-01-25', ['caring', 'low-mood'], 'Time to look after myself as well as Mum.'],
      ['Iain', 'McRae', '1961-09-04', ['debt', 'benefits'], 'Knowing what I am entitled to.'],
      ['Kirsty', 'Anderson', '1998-04-16', ['low-mood', 'loneliness'], 'Making friends since moving to Aberdeen.'],
      ['George', 'Milne', '1947-12-11', ['long-term-condition', 'loneliness'], 'Singing again, breathing allowing.'],
      ['Lorraine', 'Cruden', '1972-02-28', ['housing'], 'Somewhere safe to live.'],
    ],
  },
]

const DEMO_RISK_CHECK = {
  someoneKnowsWhereYouAre: true,
  expectedFinishTime: '14:30',
  knownRisksAtAddress: false,
  knownRisksDetails: '',
  checkInArranged: true,
} as const

const CONTACT_TYPES: ContactType[] = ['phone', 'face-to-face-surgery', 'home-visit', 'face-to-face-community', 'video']

/**
 * Fills the demo link workers' caseloads to a believable size (a full-time worker holds 40 to 80 open cases;
 * the demo keeps it to a screenful): people referred over the last ten weeks by the demo GP, at every stage
 * from not yet contacted to well under way, with varied complexity and next dates so "To do today", the
 * filters and the sorts all have something to show.
 */
export async function seedDemoCaseloadVolume(db: Database, area: DemoArea): Promise<void> {
  const service = area.organisations.get('sps')!
  const gpPractice = area.organisations.get('rosemount')!
  const gpUserId = area.users.get('gp')!
  const supervisorId = area.users.get('supervisor')!
  const scope = scopeForSystemTask(db, service, 'seeding the demo link workers’ caseloads')
  const audit = { organisationId: service.id, role: 'demo-seed', ipAddress: null, correlationId: null }
  const supervisor = { audit: { ...audit, userId: supervisorId }, userId: supervisorId, name: 'Demo seed' }
  const today = londonToday()
  const base = exampleSubmission(service.id)
  let n = 0
  for (const { worker, people } of VOLUME) {
    const workerId = area.users.get(worker)!
    const actor = { audit: { ...audit, userId: workerId }, userId: workerId, name: 'Demo seed' }
    for (const [givenName, familyName, dateOfBirth, needs, whatMatters] of people) {
      n += 1
      const daysAgo = 3 + ((n * 7) % 68)
      const receivedAt = new Date(Date.now() - daysAgo * 86_400_000)
      const { referralId } = await submitReferral(
        db,
        {
          ...base,
          submissionKey: `demo-caseload-volume-${n}`,
          source: 'web-form',
          referrer: {
            userId: gpUserId,
            organisationId: gpPractice.id,
            name: 'Dr Ruth Campbell',
            profession: 'gp',
            email: null,
            phone: null,
          },
          person: {
            ...base.person,
            givenName,
            familyName,
            dateOfBirth,
            nhsNumber: null,
            addressLine1: `${10 + n} King Street`,
            postcode: 'AB24 5AX',
            phone: `01224 96${String(1000 + n).slice(-4)}`,
          },
          needs,
          reasonText: 'Referred after a routine appointment; would benefit from support to connect locally.',
          whatMatters,
        },
        { ...audit, userId: gpUserId, organisationId: gpPractice.id, role: 'referrer' },
        { now: receivedAt },
      )
      const acceptedAt = new Date(receivedAt.getTime() + 86_400_000)
      await changeReferral(scope, referralId, { kind: 'accept', ownerUserId: workerId }, supervisor, undefined, {
        now: acceptedAt,
      })
      const { episode } = await openCase(scope, referralId, actor, { now: acceptedAt })
      const complexity = ((n % 3) + 1) as ComplexityLevel
      await changeEpisodeDetails(
        scope,
        referralId,
        {
          pathway: complexity === 3 ? 'long-term' : 'short-term',
          complexity,
          complexityReason: complexity === 3 ? 'Several needs at once and little support at home.' : '',
          // Left as opened: moving to the long-term pathway takes that pathway's setting.
          contactAllowance: episode.contactAllowance,
        },
        episode.version,
        actor,
        { now: acceptedAt },
      )
      // The most recent referrals wait for first contact; the rest have had one, with the next one spread
      // from overdue to a fortnight away.
      if (daysAgo < 8) continue
      const contactOn = addDays(londonToday(acceptedAt), 2)
      await recordContact(
        scope,
        referralId,
        {
          submissionKey: `demo-caseload-volume-contact-${n}`,
          type: CONTACT_TYPES[n % CONTACT_TYPES.length]!,
          contactOn: contactOn > today ? today : contactOn,
          durationMinutes: 20 + (n % 4) * 10,
          whoWasThere: '',
          notes: 'Introductions and a first chat about what matters; agreed to meet again.',
          riskCheck: CONTACT_TYPES[n % CONTACT_TYPES.length] === 'home-visit' ? DEMO_RISK_CHECK : null,
          nextContactOn: addDays(today, (n % 17) - 3),
        },
        actor,
        { now: new Date(Math.min(Date.now(), acceptedAt.getTime() + 2 * 86_400_000)) },
      )
    }
  }
}

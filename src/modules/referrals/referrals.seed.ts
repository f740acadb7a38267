// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Database } from '../../platform/db/database.ts'
import { scopeForSystemTask } from '../../platform/db/org-scope.ts'
import type { DemoArea } from '../../seed/demo-area.ts'
import { DEMO_USERS } from '../../seed/demo-accounts.ts'
import type { PersonDetails } from '../people/index.ts'
import { addWorkingDays, isWorkingDay, londonDate } from './contact-target.ts'
import { changeReferral } from './referral.service.ts'
import { submitReferral } from './submission.service.ts'
import { saveContactTargets } from './referral-settings.service.ts'
import type { Need, Profession, ReferralSource, Urgency } from './referral.ts'
import type { ReferralChange } from './referral-change.ts'

interface DemoReferral {
  key: string
  /** Demo user key of the referrer; null for a self-referral. */
  referrer: string | null
  referrerOrganisation: string | null
  profession: Profession | null
  source: ReferralSource
  self?: boolean
  person: Partial<PersonDetails> & Pick<PersonDetails, 'givenName' | 'familyName' | 'dateOfBirth' | 'postcode'>
  needs: Need[]
  reasonText: string
  whatMatters: string
  urgency?: Urgency
  loneWorking?: string
  safeguarding?: string
  /** Working days before the seeding day that the referral arrived. */
  receivedWorkingDaysAgo: number
  /** Changes after receipt: [demo user key, change, working days after receipt]. */
  changes: [string, ReferralChange | ((ids: Map<string, string>) => ReferralChange), number][]
}

const lw =
  (key: string) =>
  (ids: Map<string, string>): ReferralChange => ({ kind: 'accept', ownerUserId: ids.get(key)! })

// The seeds' case studies (product brief: the demo area), with real Aberdeen postcodes from the ONSPD extract.
const REFERRALS: DemoReferral[] = [
  {
    key: 'daniel',
    referrer: 'gp',
    referrerOrganisation: 'rosemount',
    profession: 'gp',
    source: 'web-form',
    person: {
      givenName: 'Daniel',
      familyName: 'Reid',
      dateOfBirth: '2001-09-12',
      postcode: 'AB10 1AB',
      nhsNumber: '9434765919',
      phone: '07700 900123',
      preferredContactMethod: 'text',
      addressLine1: '4 Rosemount Viaduct',
      town: 'Aberdeen',
    },
    needs: ['low-mood', 'loneliness', 'inactivity'],
    reasonText: 'Anxiety since university; stays in his room; not in crisis.',
    whatMatters: 'I want to get fit and meet people who are not online.',
    receivedWorkingDaysAgo: 60,
    changes: [
      ['supervisor', lw('link-worker'), 1],
      ['link-worker', { kind: 'progress', step: 'first-contact-made' }, 3],
      ['link-worker', { kind: 'progress', step: 'conversation-held' }, 6],
      ['link-worker', { kind: 'progress', step: 'plan-agreed' }, 8],
      ['link-worker', { kind: 'progress', step: 'connected' }, 15],
      [
        'link-worker',
        {
          kind: 'close',
          connectedTo: 'Duthie Park parkrun and the Granite City Runners beginners group',
          outcomes: 'Runs twice a week with the club; says he feels calmer and has made two friends.',
        },
        40,
      ],
    ],
  },
  {
    key: 'leanne',
    referrer: 'nurse',
    referrerOrganisation: 'torry',
    profession: 'practice-nurse',
    source: 'web-form',
    person: {
      givenName: 'Leanne',
      familyName: 'Murray',
      dateOfBirth: '1991-06-14',
      postcode: 'AB11 8TD',
      phone: '07700 900456',
      preferredContactMethod: 'phone',
      preferredContactTimes: 'Afternoons',
      addressLine1: '22 Victoria Road',
      town: 'Aberdeen',
    },
    needs: ['low-mood', 'employment'],
    reasonText: 'Low mood since redundancy; lost confidence.',
    whatMatters: 'I used to love acting at school and want to feel like myself again.',
    receivedWorkingDaysAgo: 25,
    changes: [
      ['supervisor', lw('link-worker-2'), 1],
      ['link-worker-2', { kind: 'progress', step: 'first-contact-made' }, 4],
      ['link-worker-2', { kind: 'progress', step: 'plan-agreed' }, 9],
    ],
  },
  {
    key: 'sally',
    referrer: null,
    referrerOrganisation: null,
    profession: null,
    source: 'self-referral',
    person: {
      givenName: 'Sally',
      familyName: 'Duncan',
      dateOfBirth: '2005-02-03',
      postcode: 'AB15 4DF',
      email: 'sally.duncan@example.com',
      preferredContactMethod: 'email',
      accessNeeds: 'Autistic: prefers email and quiet places; busy, noisy places are hard.',
    },
    needs: ['inactivity', 'loneliness'],
    reasonText: 'I would like to be more active but gyms are too loud.',
    whatMatters: 'Somewhere quiet where I can move about without people staring.',
    receivedWorkingDaysAgo: 8,
    changes: [['supervisor', lw('link-worker-3'), 2]],
  },
  {
    key: 'margaret',
    referrer: 'physio',
    referrerOrganisation: 'trust',
    profession: 'physiotherapist',
    source: 'web-form',
    person: {
      givenName: 'Margaret',
      familyName: 'Thomson',
      dateOfBirth: '1947-11-20',
      postcode: 'AB16 5QS',
      nhsNumber: '4010232137',
      phone: '01224 960001',
      preferredContactMethod: 'phone',
      preferredContactTimes: 'Mornings',
      othersToInvolve: 'Son, Graham Thomson, 07700 900789 – visits at weekends.',
      addressLine1: '8 Lewis Road',
      town: 'Aberdeen',
    },
    needs: ['loneliness', 'bereavement', 'long-term-condition'],
    reasonText: 'Widowed last year; COPD; has stopped going out since pulmonary rehab ended.',
    whatMatters: 'I would like some company a couple of times a week.',
    receivedWorkingDaysAgo: 14,
    changes: [
      ['supervisor', lw('link-worker'), 1],
      ['link-worker', { kind: 'progress', step: 'first-contact-made' }, 5],
    ],
  },
  {
    key: 'margaret-again',
    referrer: 'gp',
    referrerOrganisation: 'rosemount',
    profession: 'gp',
    source: 'web-form',
    person: {
      givenName: 'Margaret',
      familyName: 'Thomson',
      dateOfBirth: '1947-11-20',
      postcode: 'AB16 5QS',
      nhsNumber: '4010232137',
      phone: '01224 960001',
    },
    needs: ['loneliness'],
    reasonText: 'Lonely since husband died.',
    whatMatters: '',
    receivedWorkingDaysAgo: 1,
    changes: [],
  },
  {
    // A GP typed Margaret Thomson's NHS number and date of birth for another patient: the referral keeps the name
    // it was given and waits in triage as "identity to confirm".
    key: 'hamza',
    referrer: 'gp',
    referrerOrganisation: 'rosemount',
    profession: 'gp',
    source: 'web-form',
    person: {
      givenName: 'Hamza',
      familyName: 'Qureshi',
      dateOfBirth: '1947-11-20',
      postcode: 'AB11 8TD',
      nhsNumber: '4010232137',
      phone: '01224 960031',
      addressLine1: '3 Menzies Road',
      town: 'Aberdeen',
    },
    needs: ['loneliness', 'digital-exclusion'],
    reasonText: 'Recently moved to be near his daughter; knows nobody in Aberdeen.',
    whatMatters: 'Meeting people, and video calls with my grandchildren.',
    receivedWorkingDaysAgo: 0,
    changes: [],
  },
  {
    key: 'bob',
    referrer: 'paramedic',
    referrerOrganisation: 'ambulance',
    profession: 'paramedic',
    source: 'web-form',
    person: {
      givenName: 'Robert',
      familyName: 'Milne',
      dateOfBirth: '1956-04-08',
      postcode: 'AB16 6XQ',
      phone: '01224 960002',
      preferredContactMethod: 'home-visit',
      addressLine1: '15 Manor Avenue',
      town: 'Aberdeen',
    },
    needs: ['loneliness', 'long-term-condition'],
    reasonText: 'Called 999 eleven times in three months, mostly when alone in the evening. No acute need found.',
    whatMatters: 'Someone to talk to.',
    loneWorking: 'Large dog in the house; ask him to shut it away before visiting.',
    receivedWorkingDaysAgo: 45,
    changes: [
      ['supervisor', lw('link-worker-2'), 1],
      ['link-worker-2', { kind: 'progress', step: 'first-contact-made' }, 2],
      ['link-worker-2', { kind: 'progress', step: 'connected' }, 12],
    ],
  },
  {
    key: 'anne',
    referrer: 'pharmacist',
    referrerOrganisation: 'pharmacy',
    profession: 'pharmacist',
    source: 'web-form',
    urgency: 'urgent',
    person: {
      givenName: 'Anne',
      familyName: 'Gordon',
      dateOfBirth: '1964-07-30',
      postcode: 'AB10 6JL',
      phone: '07700 900321',
      preferredContactMethod: 'phone',
      preferredContactTimes: 'Weekday mornings while husband is at day care',
      addressLine1: '31 Holburn Street',
      town: 'Aberdeen',
    },
    needs: ['caring', 'low-mood'],
    reasonText: 'Cares for her husband, who has dementia; exhausted and tearful at the counter.',
    whatMatters: 'A break, and someone who understands.',
    receivedWorkingDaysAgo: 0,
    changes: [],
  },
  {
    key: 'jean',
    referrer: 'gp',
    referrerOrganisation: 'rosemount',
    profession: 'gp',
    source: 'web-form',
    person: {
      givenName: 'Jean',
      familyName: 'Paterson',
      dateOfBirth: '1950-01-17',
      postcode: 'AB12 3QD',
      phone: '01224 960003',
      preferredContactMethod: 'phone',
      contactMethodsToAvoid: ['email'],
    },
    needs: ['digital-exclusion', 'debt'],
    reasonText: 'Worried about bills now everything is online.',
    whatMatters: 'Not to be a burden on my daughter.',
    receivedWorkingDaysAgo: 13,
    changes: [],
  },
  {
    key: 'ahmed',
    referrer: 'pharmacist',
    referrerOrganisation: 'pharmacy',
    profession: 'pharmacist',
    source: 'web-form',
    person: {
      givenName: 'Ahmed',
      familyName: 'Hassan',
      dateOfBirth: '1980-05-05',
      postcode: 'AB11 6JJ',
      phone: '07700 900654',
      language: 'Arabic',
      interpreterNeeded: true,
      preferredContactMethod: 'phone',
    },
    needs: ['benefits', 'housing'],
    reasonText: 'Damp flat; benefits stopped after a missed appointment.',
    whatMatters: 'A safe home for my children.',
    receivedWorkingDaysAgo: 9,
    changes: [['supervisor', lw('link-worker-3'), 1]],
  },
  {
    key: 'craig',
    referrer: 'gp',
    referrerOrganisation: 'rosemount',
    profession: 'gp',
    source: 'web-form',
    person: {
      givenName: 'Craig',
      familyName: 'Watt',
      dateOfBirth: '1984-12-01',
      postcode: 'AB12 5AR',
      phone: '07700 900777',
    },
    needs: ['low-mood', 'substance-use'],
    reasonText: 'Severe depression with recent thoughts of self-harm; drinking heavily.',
    whatMatters: '',
    safeguarding: 'Adult support and protection referral made by the practice on the same day.',
    receivedWorkingDaysAgo: 20,
    changes: [
      [
        'supervisor',
        {
          kind: 'decline',
          reason: 'specialist-mental-health',
          text: 'Thoughts of self-harm need the community mental health team first.',
        },
        1,
      ],
    ],
  },
  {
    key: 'irene',
    referrer: 'nurse',
    referrerOrganisation: 'torry',
    profession: 'practice-nurse',
    source: 'web-form',
    person: {
      givenName: 'Irene',
      familyName: 'Fraser',
      dateOfBirth: '1969-03-22',
      postcode: 'AB12 9UA',
      phone: '01224 960004',
    },
    needs: ['weight', 'inactivity'],
    reasonText: 'Type 2 diabetes; would like to be more active.',
    whatMatters: '',
    receivedWorkingDaysAgo: 30,
    changes: [
      ['supervisor', lw('link-worker'), 1],
      ['link-worker', { kind: 'progress', step: 'first-contact-made' }, 3],
      [
        'link-worker',
        {
          kind: 'declined-by-person',
          reason: 'Has joined a slimming club with a friend and does not want further support.',
        },
        4,
      ],
    ],
  },
  {
    key: 'william',
    referrer: 'nurse',
    referrerOrganisation: 'torry',
    profession: 'practice-nurse',
    source: 'web-form',
    person: {
      givenName: 'William',
      familyName: 'Bruce',
      dateOfBirth: '1942-08-09',
      postcode: 'AB15 6HY',
      phone: '01224 960005',
      othersToInvolve: 'Daughter, Karen, holds power of attorney: 07700 900111',
    },
    needs: ['loneliness', 'long-term-condition'],
    reasonText: 'Housebound after a fall.',
    whatMatters: 'Getting back to the bowling club.',
    receivedWorkingDaysAgo: 18,
    changes: [
      ['supervisor', lw('link-worker-3'), 1],
      ['link-worker-3', { kind: 'progress', step: 'first-contact-made' }, 2],
      ['link-worker-3', { kind: 'pause', reason: 'Admitted to hospital; resume when discharged.' }, 6],
    ],
  },
  {
    key: 'kevin',
    referrer: null,
    referrerOrganisation: null,
    profession: null,
    source: 'self-referral',
    person: {
      givenName: 'Kevin',
      familyName: 'Duguid',
      dateOfBirth: '1996-10-10',
      postcode: 'AB15 8EZ',
      phone: '07700 900222',
      preferredContactMethod: 'text',
    },
    needs: ['employment', 'debt'],
    reasonText: '',
    whatMatters: 'Getting a job.',
    receivedWorkingDaysAgo: 35,
    changes: [
      ['supervisor', lw('link-worker-2'), 1],
      ['link-worker-2', { kind: 'progress', step: 'contact-attempted' }, 2],
      [
        'link-worker-2',
        { kind: 'could-not-contact', reason: 'Three texts and two calls over two weeks, no answer.' },
        14,
      ],
    ],
  },
  {
    key: 'george',
    referrer: 'physio',
    referrerOrganisation: 'trust',
    profession: 'physiotherapist',
    source: 'web-form',
    self: true,
    person: {
      givenName: 'George',
      familyName: 'Ross',
      dateOfBirth: '1958-02-14',
      postcode: 'AB16 9TZ',
      phone: '01224 960006',
    },
    needs: ['inactivity', 'long-term-condition'],
    reasonText: 'Knee replacement; needs gentle activity after discharge from physiotherapy.',
    whatMatters: 'Walking to the shops again.',
    receivedWorkingDaysAgo: 3,
    changes: [],
  },
  {
    key: 'test-entry',
    referrer: 'gp',
    referrerOrganisation: 'rosemount',
    profession: 'gp',
    source: 'web-form',
    person: {
      givenName: 'Test',
      familyName: 'Patient',
      dateOfBirth: '1990-01-01',
      postcode: 'AB15 9EW',
      phone: '01632 960999',
    },
    needs: ['other'],
    reasonText: 'Sent by mistake while training.',
    whatMatters: '',
    receivedWorkingDaysAgo: 10,
    changes: [
      ['supervisor', { kind: 'entered-in-error', reason: 'Training referral sent to the live service by mistake.' }, 1],
    ],
  },
]

function workingDaysBefore(today: string, days: number): string {
  let date = today
  let remaining = days
  while (remaining > 0) {
    const d = new Date(`${date}T00:00:00Z`)
    d.setUTCDate(d.getUTCDate() - 1)
    date = d.toISOString().slice(0, 10)
    if (isWorkingDay(date)) remaining--
  }
  return date
}

function at(isoDate: string, hour: number): Date {
  return new Date(`${isoDate}T${String(hour).padStart(2, '0')}:00:00Z`)
}

/** Demo referrals in every Gravity state from the demo referrers to the Granite City service. */
// Sex and ethnic group as each demo person gave them, by first name; the rest were not asked (issue 14's equity
// tables show both).
const DEMOGRAPHICS: Record<string, Pick<PersonDetails, 'sex' | 'ethnicity'>> = {
  Daniel: { sex: 'male', ethnicity: 'A' },
  Leanne: { sex: 'female', ethnicity: 'A' },
  Sally: { sex: 'female', ethnicity: 'C' },
  Margaret: { sex: 'female', ethnicity: 'A' },
  Hamza: { sex: 'male', ethnicity: 'J' },
  Robert: { sex: 'male', ethnicity: 'A' },
  Anne: { sex: 'female', ethnicity: 'B' },
  Jean: { sex: 'female', ethnicity: 'Z' },
  Ahmed: { sex: 'male', ethnicity: 'N' },
  Craig: { sex: 'male', ethnicity: 'A' },
  Irene: { sex: 'not-stated', ethnicity: 'A' },
  William: { sex: 'male', ethnicity: 'F' },
}

export async function seedDemoReferrals(db: Database, area: DemoArea): Promise<void> {
  const service = area.organisations.get('sps')!
  const scope = scopeForSystemTask(db, service, 'seeding the demo area with referrals')
  const today = londonDate(new Date())
  // The demo area is Aberdeen: Scottish bank holidays, and urgent referrals contacted within 2 working days.
  await saveContactTargets(
    scope,
    { country: 'scotland', routineTargetWorkingDays: 10, urgentTargetWorkingDays: 2 },
    {
      audit: { userId: null, organisationId: service.id, role: 'demo-seed', ipAddress: null, correlationId: null },
      name: 'Demo set-up',
    },
  )
  for (const demo of REFERRALS) {
    const referrerUser = demo.referrer ? DEMO_USERS.find((u) => u.key === demo.referrer) : undefined
    const referrerOrganisation = demo.referrerOrganisation ? area.organisations.get(demo.referrerOrganisation)! : null
    const received = at(workingDaysBefore(today, demo.receivedWorkingDaysAgo), 9)
    const name = referrerUser?.displayName ?? `${demo.person.givenName} ${demo.person.familyName}`
    const receiving = demo.self ? referrerOrganisation! : service
    const { referralId } = await submitReferral(
      db,
      {
        submissionKey: `demo:${demo.key}`,
        receivingOrganisationId: receiving.id,
        source: demo.source,
        intensity: demo.self ? 'self' : 'link-worker',
        referrer: {
          userId: referrerUser ? area.users.get(referrerUser.key)! : null,
          organisationId: referrerOrganisation?.id ?? null,
          name,
          profession: demo.profession,
          email: referrerUser?.email ?? null,
          phone: null,
        },
        person: {
          nhsNumber: null,
          addressLine1: '',
          addressLine2: '',
          town: 'Aberdeen',
          phone: '',
          email: '',
          preferredContactMethod: null,
          preferredContactTimes: '',
          contactMethodsToAvoid: [],
          language: 'English',
          interpreterNeeded: false,
          accessNeeds: '',
          othersToInvolve: '',
          ...DEMOGRAPHICS[demo.person.givenName],
          ...demo.person,
        },
        needs: demo.needs,
        reasonText: demo.reasonText,
        whatMatters: demo.whatMatters,
        risks: {
          loneWorking: Boolean(demo.loneWorking),
          loneWorkingDetails: demo.loneWorking ?? '',
          safeguardingRaisedElsewhere: Boolean(demo.safeguarding),
          safeguardingDetails: demo.safeguarding ?? '',
        },
        urgency: demo.urgency ?? 'routine',
        consent: {
          toReferral: true,
          shareWithService: true,
          shareWithProviders: demo.key !== 'jean',
          method: demo.source === 'self-referral' ? 'online-form' : 'verbal',
          recordedByUserId: referrerUser ? area.users.get(referrerUser.key)! : null,
          recordedByName: name,
          recordedAt: received,
        },
      },
      { userId: null, organisationId: receiving.id, role: 'demo-seed', ipAddress: null, correlationId: null },
      { now: received },
    )
    for (const [userKey, changeOrFn, afterDays] of demo.changes) {
      const userId = area.users.get(userKey)!
      const user = DEMO_USERS.find((u) => u.key === userKey)!
      const change = typeof changeOrFn === 'function' ? changeOrFn(area.users) : changeOrFn
      const when = at(addWorkingDays(londonDate(received), afterDays), 10 + (afterDays % 6))
      await changeReferral(
        scope,
        referralId,
        change,
        {
          audit: { userId, organisationId: service.id, role: 'demo-seed', ipAddress: null, correlationId: null },
          userId,
          name: user.displayName,
        },
        undefined,
        { now: when > new Date() ? new Date() : when },
      )
    }
  }
}

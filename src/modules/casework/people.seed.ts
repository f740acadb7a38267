// SPDX-License-Identifier: AGPL-3.0-or-later
// Demo data for the person record: a person with two records to merge (a GP referral with the NHS number and
// a self-referral without it), and flags raised on people's records by their link workers. Margaret Thomson's
// two referrals (referrals seed) already share one record because they carry the same NHS number and birth date.
import type { Database } from '../../platform/db/database.ts'
import { inTransaction, scopeForSystemTask, type OrgScope } from '../../platform/db/org-scope.ts'
import type { DemoArea } from '../../seed/demo-area.ts'
import { DEMO_USERS } from '../../seed/demo-accounts.ts'
import { raisePersonFlag, searchPeople, type NewFlag, type PersonDetails } from '../people/index.ts'
import { changeReferral, exampleSubmission, submitReferral, type ReferralSubmission } from '../referrals/index.ts'

const DAY = 24 * 60 * 60 * 1000

function daysAgo(days: number, hour = 9): Date {
  const date = new Date(Date.now() - days * DAY)
  date.setUTCHours(hour, 0, 0, 0)
  return date
}

const ISOBEL: PersonDetails = {
  givenName: 'Isobel',
  familyName: 'Cruickshank',
  dateOfBirth: '1961-05-19',
  nhsNumber: '4857773457',
  addressLine1: '7 Craigie Loanings',
  addressLine2: '',
  town: 'Aberdeen',
  postcode: 'AB15 5BB',
  phone: '01224 960010',
  email: '',
  preferredContactMethod: 'phone',
  preferredContactTimes: 'Late mornings',
  contactMethodsToAvoid: [],
  language: 'English',
  interpreterNeeded: false,
  accessNeeds: 'Uses oxygen at home; gets breathless on stairs.',
  othersToInvolve: '',
}

function actorFor(area: DemoArea, key: string, organisationId: string) {
  const userId = area.users.get(key)!
  const user = DEMO_USERS.find((u) => u.key === key)!
  return {
    audit: { userId, organisationId, role: 'demo-seed', ipAddress: null, correlationId: null },
    userId,
    name: user.displayName,
  }
}

async function personIdOf(scope: OrgScope, details: { name: string; nhsNumber: string | null; dob: string }) {
  const found = await searchPeople(
    scope,
    { name: details.name, nhsNumber: details.nhsNumber, dateOfBirth: details.dob },
    { limit: 1, offset: 0 },
  )
  return found.rows[0]?.id
}

async function raise(
  db: Database,
  scope: OrgScope,
  personId: string,
  flag: NewFlag,
  actor: ReturnType<typeof actorFor>,
  at: Date,
) {
  await db.transaction(async (tx) => {
    await raisePersonFlag(inTransaction(scope, tx), personId, flag, actor, { now: at })
  })
}

export async function seedDemoPeople(db: Database, area: DemoArea): Promise<void> {
  const service = area.organisations.get('sps')!
  const gpPractice = area.organisations.get('rosemount')!
  const scope = scopeForSystemTask(db, service, 'seeding the demo area with person records')
  const origin = { userId: null, organisationId: service.id, role: 'demo-seed', ipAddress: null, correlationId: null }
  const gp = actorFor(area, 'gp', gpPractice.id)
  const supervisor = actorFor(area, 'supervisor', service.id)
  const megan = actorFor(area, 'link-worker-2', service.id)
  const sam = actorFor(area, 'link-worker', service.id)

  // Isobel's GP referred her with her NHS number; Megan took her on.
  const fromGp: ReferralSubmission = {
    ...exampleSubmission(service.id),
    submissionKey: 'demo:isobel-gp',
    source: 'web-form',
    referrer: {
      userId: gp.userId,
      organisationId: gpPractice.id,
      name: gp.name,
      profession: 'gp',
      email: null,
      phone: null,
    },
    person: ISOBEL,
    needs: ['loneliness', 'long-term-condition'],
    reasonText: 'COPD on home oxygen; lost touch with friends since she stopped driving.',
    whatMatters: 'Getting back to the church choir.',
    consent: {
      ...exampleSubmission(service.id).consent,
      recordedByUserId: gp.userId,
      recordedByName: gp.name,
      recordedAt: daysAgo(24),
    },
  }
  const { referralId } = await submitReferral(db, fromGp, gp.audit, { now: daysAgo(24) })
  await changeReferral(scope, referralId, { kind: 'accept', ownerUserId: megan.userId }, supervisor, undefined, {
    now: daysAgo(23, 10),
  })
  await changeReferral(scope, referralId, { kind: 'progress', step: 'first-contact-made' }, megan, undefined, {
    now: daysAgo(20, 11),
  })

  // A fortnight later she referred herself online, without her NHS number and with a new email address: a
  // second record, flagged as a likely duplicate for the supervisor to merge.
  await submitReferral(
    db,
    {
      ...exampleSubmission(service.id),
      submissionKey: 'demo:isobel-self',
      source: 'self-referral',
      referrer: {
        userId: null,
        organisationId: null,
        name: 'Isobel Cruickshank',
        profession: null,
        email: null,
        phone: null,
      },
      person: {
        ...ISOBEL,
        nhsNumber: null,
        email: 'isobel.c@example.com',
        preferredContactMethod: 'email',
        accessNeeds: '',
      },
      needs: ['loneliness'],
      reasonText: 'I would like to find a choir or a singing group.',
      whatMatters: 'Singing again.',
      consent: {
        ...exampleSubmission(service.id).consent,
        method: 'online-form',
        recordedByName: 'Isobel Cruickshank',
        recordedAt: daysAgo(6),
      },
    },
    origin,
    { now: daysAgo(6) },
  )

  // Flags the link workers raised on records: an other risk for visits to Isobel, safeguarding for Margaret.
  const isobel = await personIdOf(scope, {
    name: 'Isobel Cruickshank',
    nhsNumber: ISOBEL.nhsNumber,
    dob: ISOBEL.dateOfBirth,
  })
  if (isobel) {
    await raise(
      db,
      scope,
      isobel,
      {
        kind: 'other-risk',
        details: 'Oxygen in use at home: no smoking or naked flames on visits.',
        sourceKey: 'demo:isobel-oxygen',
      },
      megan,
      daysAgo(20, 12),
    )
  }
  const margaret = await personIdOf(scope, { name: 'Margaret Thomson', nhsNumber: '4010232137', dob: '1947-11-20' })
  if (margaret) {
    await raise(
      db,
      scope,
      margaret,
      {
        kind: 'safeguarding',
        details:
          'Son reported that a neighbour has been collecting her pension; adult support and protection referral made to the council.',
        sourceKey: 'demo:margaret-safeguarding',
      },
      sam,
      daysAgo(3, 14),
    )
  }
}

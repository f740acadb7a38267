// SPDX-License-Identifier: AGPL-3.0-or-later
// The loop's safety fixes: a referral never silently takes another person's identity, and "urgent" sets its
// own, shorter contact target in the service's own working days.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { auditEvents } from '../../platform/audit/audit.table.ts'
import { createMemoryEmailSender } from '../../platform/email/email.ts'
import { createTestOrganisation, useTestContext } from '../../../test/helpers/test-app.ts'
import { people, personMerges } from '../people/people.table.ts'
import { sendCaseworkReminders } from '../casework/index.ts'
import { contactTargetFor, londonDate } from './contact-target.ts'
import { exampleSubmission } from './referral.examples.ts'
import { submitReferral } from './submission.service.ts'
import { ReferralsError } from './referrals.errors.ts'
import { referrals } from './referrals.table.ts'

const context = useTestContext()

const ORIGIN = { userId: null, organisationId: null, role: 'test', ipAddress: null, correlationId: null }

async function setUp() {
  const areaName = `Safety area ${Math.random().toString(36).slice(2, 8)}`
  const service = await createTestOrganisation(context, {
    areaName,
    users: { supervisor: ['supervisor', 'link-worker'], worker: ['link-worker'], other: ['link-worker'] },
  })
  const gp = await createTestOrganisation(context, { type: 'gp-practice', areaName, users: { gp: ['referrer'] } })
  return { service, gp }
}

async function referralRow(id: string) {
  const [row] = await context.db.select().from(referrals).where(eq(referrals.id, id))
  return row!
}

async function personRow(id: string) {
  const [row] = await context.db.select().from(people).where(eq(people.id, id))
  return row!
}

/** Margaret is held; then a referral arrives for "Hamza Qureshi" with her NHS number and date of birth. */
async function conflictingReferrals(serviceId: string) {
  const held = await submitReferral(context.db, exampleSubmission(serviceId), ORIGIN)
  const typed = exampleSubmission(serviceId)
  typed.person = { ...typed.person, givenName: 'Hamza', familyName: 'Qureshi', addressLine1: '3 Menzies Road' }
  typed.person.postcode = 'AB11 8TD'
  const conflicting = await submitReferral(context.db, typed, ORIGIN)
  return { held: await referralRow(held.referralId), conflicting: await referralRow(conflicting.referralId) }
}

describe('a referral never takes another person’s identity', () => {
  it('keeps what the referrer typed on its own record and flags it in triage', async () => {
    const { service } = await setUp()
    const { held, conflicting } = await conflictingReferrals(service.organisation.id)
    assert.notEqual(conflicting.personId, held.personId)
    assert.equal(conflicting.identityToConfirm, true)
    assert.equal(conflicting.identityMatchPersonId, held.personId)
    assert.equal(held.identityToConfirm, false)
    const typed = await personRow(conflicting.personId)
    assert.equal(`${typed.givenName} ${typed.familyName}`, 'Hamza Qureshi')
    assert.equal((await personRow(held.personId)).givenName, 'Margaret', 'the held record is untouched')

    const supervisor = await service.users['supervisor']!.session()
    const inbox = await supervisor.get('/referrals?queue=new')
    assert.match(inbox.body, /Hamza Qureshi[\s\S]*?Identity to confirm/)
    const page = await supervisor.get(`/referrals/${conflicting.id}`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Identity to confirm/)
    assert.match(page.body, /On this referral:<\/strong> Hamza Qureshi/)
    assert.match(page.body, /We hold:<\/strong> Margaret Thomson/)
    // A referral whose details agree with the held record joins it as before, with nothing to confirm.
    const same = await submitReferral(context.db, exampleSubmission(service.organisation.id), ORIGIN)
    const sameRow = await referralRow(same.referralId)
    assert.equal(sameRow.personId, held.personId)
    assert.equal(sameRow.identityToConfirm, false)
  })

  it('warns the GP on check your answers without revealing whom the service holds', async () => {
    const { service, gp } = await setUp()
    await submitReferral(context.db, exampleSubmission(service.organisation.id), ORIGIN)
    const session = await gp.users['gp']!.session()
    const start = await session.get('/referrals/new')
    const token = /\/referrals\/new\/([^/]+)\/person/.exec(start.headers.location!)![1]!
    const step = async (name: string, body: Record<string, string | string[]>) => {
      await session.get(`/referrals/new/${token}/${name}`)
      const response = await session.post(`/referrals/new/${token}/${name}`, body)
      assert.equal(response.statusCode, 303, response.body.slice(0, 1500))
    }
    // The person's details take two screens: who they are, then how to reach them.
    const person = {
      givenName: 'Hamza',
      familyName: 'Qureshi',
      dobDay: '27',
      dobMonth: '3',
      dobYear: '1948',
      nhsNumber: '943 476 5919',
      addressLine1: '3 Menzies Road',
      addressLine2: '',
      town: 'Aberdeen',
      postcode: 'AB11 8TD',
      phone: '07700 900123',
      email: '',
      preferredContactMethod: 'phone',
      preferredContactTimes: '',
      language: 'English',
      interpreterNeeded: 'no',
      accessNeeds: '',
      othersToInvolve: '',
    }
    await step('person', person)
    await step('contact', person)
    await step('reasons', {
      needs: ['loneliness'],
      reasonText: 'Moved to be near his daughter.',
      whatMatters: '',
      loneWorking: 'no',
      safeguarding: 'no',
      urgency: 'routine',
    })
    await step('service', {
      receivingOrganisationId: service.organisation.id,
      profession: 'gp',
      consentToReferral: 'yes',
      consentShareService: 'yes',
      consentShareProviders: 'yes',
      consentMethod: 'verbal',
    })
    const check = await session.get(`/referrals/new/${token}/check`)
    assert.equal(check.statusCode, 200)
    assert.match(check.body, /Check the person’s details/)
    assert.match(check.body, /different name and address/)
    assert.doesNotMatch(check.body, /Margaret|Rosemount Place/, 'the held details never reach the referrer')
    const submitted = await session.post(`/referrals/new/${token}/submit`, {})
    assert.equal(submitted.statusCode, 303)
    const mine = await session.get('/my-referrals')
    assert.match(mine.body, /Hamza Qureshi/)
    assert.doesNotMatch(mine.body, /Margaret/)
  })

  it('lets the link worker confirm: same person with new details, same person as held, or different people', async () => {
    const { service } = await setUp()
    const supervisor = await service.users['supervisor']!.session()

    // Same person, new name and address: merged into the held record, which takes the referral's details.
    let { held, conflicting } = await conflictingReferrals(service.organisation.id)
    await supervisor.get(`/referrals/${conflicting.id}`)
    let response = await supervisor.post(`/referrals/${conflicting.id}/identity`, { version: '1' })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /Select who this referral is about/)
    assert.match(response.body, /href="#identity-resolution"/)
    response = await supervisor.post(`/referrals/${conflicting.id}/identity`, {
      version: String(conflicting.version),
      resolution: 'new-details',
    })
    assert.equal(response.statusCode, 303)
    const page = await supervisor.get(response.headers.location!)
    assert.match(page.body, /identity has been confirmed/)
    assert.match(page.body, /Identity confirmed<\/strong> by Supervisor Tester/)
    let after = await referralRow(conflicting.id)
    assert.equal(after.identityToConfirm, false)
    assert.equal(after.identityResolution, 'new-details')
    assert.equal((await personRow(conflicting.personId)).mergedIntoPersonId, held.personId)
    const renamed = await personRow(held.personId)
    assert.equal(`${renamed.givenName} ${renamed.familyName} ${renamed.postcode}`, 'Hamza Qureshi AB11 8TD')
    const merges = await context.db
      .select()
      .from(personMerges)
      .where(eq(personMerges.mergedPersonId, conflicting.personId))
    assert.equal(merges.length, 1)
    const audit = await context.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'referral-identity-resolve'), eq(auditEvents.recordId, conflicting.id)))
    assert.equal(audit.length, 1)
    assert.equal(audit[0]!.outcome, 'success')
    assert.equal(audit[0]!.details['resolution'], 'new-details')
    // A second answer (a retried submission) changes nothing.
    response = await supervisor.post(`/referrals/${conflicting.id}/identity`, {
      version: String(after.version),
      resolution: 'different-person',
    })
    assert.equal(response.statusCode, 409)
    assert.equal((await referralRow(conflicting.id)).identityResolution, 'new-details')

    // Different people: the two records stay apart and the referral's wrong NHS number is cleared.
    const second = await createTestOrganisation(context, { users: { supervisor: ['supervisor', 'link-worker'] } })
    ;({ held, conflicting } = await conflictingReferrals(second.organisation.id))
    const secondSupervisor = await second.users['supervisor']!.session()
    await secondSupervisor.get(`/referrals/${conflicting.id}`)
    response = await secondSupervisor.post(`/referrals/${conflicting.id}/identity`, {
      version: String(conflicting.version),
      resolution: 'different-person',
    })
    assert.equal(response.statusCode, 303)
    const apart = await personRow(conflicting.personId)
    assert.equal(apart.mergedIntoPersonId, null)
    assert.equal(apart.nhsNumber, null)
    assert.equal((await personRow(held.personId)).nhsNumber, '9434765919')
    assert.equal((await personRow(held.personId)).givenName, 'Margaret')

    // Same person, held details right: merged, and the held name stands.
    const third = await createTestOrganisation(context, { users: { supervisor: ['supervisor', 'link-worker'] } })
    ;({ held, conflicting } = await conflictingReferrals(third.organisation.id))
    const thirdSupervisor = await third.users['supervisor']!.session()
    await thirdSupervisor.get(`/referrals/${conflicting.id}`)
    response = await thirdSupervisor.post(`/referrals/${conflicting.id}/identity`, {
      version: String(conflicting.version),
      resolution: 'details-held',
    })
    assert.equal(response.statusCode, 303)
    after = await referralRow(conflicting.id)
    assert.equal((await personRow(conflicting.personId)).mergedIntoPersonId, held.personId)
    assert.equal((await personRow(held.personId)).givenName, 'Margaret')
  })

  it('refuses a link worker the referral is not allocated to', async () => {
    const { service } = await setUp()
    const { conflicting } = await conflictingReferrals(service.organisation.id)
    const other = await service.users['other']!.session()
    await other.get('/caseload')
    const response = await other.post(`/referrals/${conflicting.id}/identity`, {
      version: String(conflicting.version),
      resolution: 'details-held',
    })
    assert.equal(response.statusCode, 404)
    assert.equal((await referralRow(conflicting.id)).identityToConfirm, true)
  })
})

describe('people of no fixed abode, and a way to reach everyone', () => {
  it('accepts ZZ99 3VZ, shows it in words, and refuses a referral with no way to reach the person', async () => {
    const { service } = await setUp()
    const homeless = exampleSubmission(service.organisation.id)
    homeless.person = {
      ...homeless.person,
      nhsNumber: null,
      givenName: 'Dougie',
      familyName: 'Reid',
      addressLine1: '',
      town: '',
      postcode: 'ZZ99 3VZ',
      phone: '',
      preferredContactMethod: null,
      contactThrough: 'carer',
      contactThroughDetails: 'Sarah Bell, Cyrenians support worker, 01224 960 123',
    }
    const made = await submitReferral(context.db, homeless, ORIGIN)
    const supervisor = await service.users['supervisor']!.session()
    const page = await supervisor.get(`/referrals/${made.referralId}`)
    assert.match(page.body, /No fixed abode \(ZZ99 3VZ\)/)
    assert.match(page.body, /Through a carer, family member or support worker: Sarah Bell/)

    const unreachable = exampleSubmission(service.organisation.id)
    unreachable.person = {
      ...unreachable.person,
      phone: '',
      email: '',
      preferredContactMethod: null,
      addressLine1: '',
      postcode: 'ZZ99 3WZ',
    }
    await assert.rejects(
      submitReferral(context.db, unreachable, ORIGIN),
      (error: unknown) =>
        error instanceof ReferralsError &&
        JSON.stringify(error.details).includes('Give at least one way to reach them'),
    )
  })
})

describe('urgent referrals', () => {
  it('get the service’s urgent target in its own working days, set by the supervisor', async () => {
    const { service } = await setUp()
    const supervisor = await service.users['supervisor']!.session()
    let page = await supervisor.get('/referrals/settings')
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /value="2"/)
    let response = await supervisor.post('/referrals/settings', {
      country: 'scotland',
      routineTargetWorkingDays: '8',
      urgentTargetWorkingDays: '12',
    })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /no longer than the routine one/)
    assert.match(response.body, /value="12"/, 'what was typed is kept')
    response = await supervisor.post('/referrals/settings', {
      country: 'scotland',
      routineTargetWorkingDays: '8',
      urgentTargetWorkingDays: '1',
    })
    assert.equal(response.statusCode, 303)
    page = await supervisor.get(response.headers.location!)
    assert.match(page.body, /1 working day for urgent referrals, 8 working days for routine ones \(Scotland/)

    const now = new Date()
    const urgent = await submitReferral(
      context.db,
      exampleSubmission(service.organisation.id, { urgency: 'urgent' }),
      ORIGIN,
      { now },
    )
    const routine = await submitReferral(context.db, exampleSubmission(service.organisation.id), ORIGIN, { now })
    const targets = { country: 'scotland', routineTargetWorkingDays: 8, urgentTargetWorkingDays: 1 } as const
    assert.equal(
      (await referralRow(urgent.referralId)).contactTargetDate,
      contactTargetFor(londonDate(now), 'urgent', targets),
    )
    assert.equal(
      (await referralRow(routine.referralId)).contactTargetDate,
      contactTargetFor(londonDate(now), 'routine', targets),
    )
    // Urgent first in triage, whatever order they arrived in.
    const inbox = await supervisor.get('/referrals?queue=new')
    assert.ok(
      inbox.body.indexOf(`/referrals/${urgent.referralId}`) < inbox.body.indexOf(`/referrals/${routine.referralId}`),
    )

    const worker = await service.users['worker']!.session()
    assert.equal((await worker.get('/referrals/settings')).statusCode, 403)
    const audit = await context.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'contact-targets-change'), eq(auditEvents.recordId, service.organisation.id)))
    assert.equal(audit.length, 1)
  })

  it('are named in the link worker’s daily digest, once', async () => {
    const { service } = await setUp()
    const referral = await submitReferral(
      context.db,
      exampleSubmission(service.organisation.id, { urgency: 'urgent' }),
      ORIGIN,
    )
    const supervisor = await service.users['supervisor']!.session()
    await supervisor.get(`/referrals/${referral.referralId}`)
    const accepted = await supervisor.post(`/referrals/${referral.referralId}/changes`, {
      kind: 'accept',
      ownerUserId: service.users['worker']!.id,
      version: '1',
    })
    assert.equal(accepted.statusCode, 303)
    // Triage ends back in the queue, saying what happened (by reference: no name in the address).
    assert.match(accepted.headers.location!, /^\/referrals\?queue=new&done=accept&reference=WM-/)
    const inbox = await supervisor.get(accepted.headers.location!)
    assert.match(inbox.body, /Referral WM-[A-Z0-9]{4}-[A-Z0-9]{4} accepted and allocated/)
    const email = createMemoryEmailSender()
    const sent = email.sent
    await sendCaseworkReminders(context.db, email, 'https://waymark.test')
    const mine = sent.filter((m) => m.to === service.users['worker']!.email)
    assert.equal(mine.length, 1)
    assert.match(mine[0]!.subject, /^Urgent: /)
    assert.match(mine[0]!.text, /1 urgent referral is waiting for a first contact/)
    assert.doesNotMatch(mine[0]!.text, /Margaret/)
    await sendCaseworkReminders(context.db, email, 'https://waymark.test')
    assert.equal(sent.filter((m) => m.to === service.users['worker']!.email).length, 1)
  })
})

// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { auditEvents } from '../../platform/audit/audit.table.ts'
import { scopeForSystemTask } from '../../platform/db/org-scope.ts'
import { createTestOrganisation, type TestOrganisation, useTestContext } from '../../../test/helpers/test-app.ts'
import { exampleSubmission, findReferralForService } from '../referrals/index.ts'
import { addDays, londonToday } from './casework.ts'
import { contacts, episodes } from './casework.table.ts'
import { CaseworkError } from './casework.errors.ts'
import { recordContact } from './episode-changes.service.ts'
import { allocatedReferral, SEED_ACTOR } from '../../../test/factories/casework.ts'

const context = useTestContext()

async function service(): Promise<TestOrganisation> {
  return createTestOrganisation(context, {
    users: { supervisor: ['supervisor'], worker: ['link-worker'], other: ['link-worker'], referrer: ['referrer'] },
  })
}

/** A referral to the service, accepted and allocated to `ownerKey`. */
function allocated(
  org: TestOrganisation,
  ownerKey = 'worker',
  overrides: Parameters<typeof exampleSubmission>[1] = {},
): Promise<string> {
  return allocatedReferral(context, org, ownerKey, { asExample: overrides })
}

function scopeOf(org: TestOrganisation) {
  return scopeForSystemTask(context.db, org.organisation, 'test assertions read the service records')
}

function today(): { day: string; month: string; year: string } {
  const [year, month, day] = londonToday().split('-') as [string, string, string]
  return { day, month, year }
}

function contactFields(page: string, extra: Record<string, string> = {}): Record<string, string> {
  const submissionKey = /name="submissionKey" value="([^"]+)"/.exec(page)![1]!
  return { submissionKey, type: 'phone', ...today(), duration: '20', whoWasThere: '', notes: '', ...extra }
}

describe('casework: the caseload', () => {
  it('shows a link worker only the people allocated to them, with flags, and opens an episode once', async () => {
    const org = await service()
    const mine = await allocated(org, 'worker', {
      risks: {
        loneWorking: true,
        loneWorkingDetails: 'Large dog at the address',
        safeguardingRaisedElsewhere: false,
        safeguardingDetails: '',
      },
    })
    const theirs = await allocated(org, 'other', {
      person: {
        ...exampleSubmission(org.organisation.id).person,
        givenName: 'Otto',
        familyName: 'Other',
        nhsNumber: null,
      },
    })
    const session = await org.users['worker']!.session()

    let page = await session.get('/caseload')
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /My caseload/)
    assert.match(page.body, /Margaret Thomson/)
    assert.doesNotMatch(page.body, /Otto Other/)
    assert.match(page.body, /Not yet opened/)

    // Opening the case twice (two tabs) creates one episode.
    const [a, b] = await Promise.all([session.get(`/caseload/${mine}`), session.get(`/caseload/${mine}`)])
    assert.equal(a.statusCode, 200)
    assert.equal(b.statusCode, 200)
    assert.match(a.body, /Lone working risk/)
    assert.match(a.body, /Large dog at the address/)
    assert.match(a.body, /I would like some company/)
    const rows = await context.db
      .select()
      .from(episodes)
      .where(and(eq(episodes.organisationId, org.organisation.id), eq(episodes.referralId, mine)))
    assert.equal(rows.length, 1)
    // Every episode opens on the short-term pathway, with that pathway's allowance (8 unless the service changes it).
    assert.equal(rows[0]!.contactAllowance, 8)
    assert.equal(rows[0]!.nextReviewOn, addDays(londonToday(), 42))

    page = await session.get('/caseload?show=flagged&sort=name')
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Lone working risk/)
    assert.match(page.body, /With a risk flag: 1 person/)

    // Someone else's case, a made-up id and a malformed id all look the same: not found.
    assert.equal((await session.get(`/caseload/${theirs}`)).statusCode, 404)
    assert.equal((await session.get(`/caseload/${randomUUID()}`)).statusCode, 404)
    assert.equal((await session.get('/caseload/not-an-id')).statusCode, 404)

    const viewed = await context.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'view'),
          eq(auditEvents.recordType, 'episode'),
          eq(auditEvents.recordId, rows[0]!.id),
        ),
      )
    assert.equal(viewed.length, 2)
  })

  it('is for link workers only, and another organisation cannot reach the case', async () => {
    const org = await service()
    const referralId = await allocated(org)
    const referrer = await org.users['referrer']!.session()
    assert.equal((await referrer.get('/caseload')).statusCode, 403)
    const elsewhere = await createTestOrganisation(context, { users: { worker: ['link-worker'] } })
    const stranger = await elsewhere.users['worker']!.session()
    assert.equal((await stranger.get(`/caseload/${referralId}`)).statusCode, 404)
    const anonymous = await context.app.inject({ method: 'GET', url: '/caseload' })
    assert.notEqual(anonymous.statusCode, 200)
  })
})

describe('casework: recording a contact', () => {
  it('keeps a person’s "do not contact by phone": a phone contact needs the reason, which the history shows', async () => {
    const org = await service()
    const base = exampleSubmission(org.organisation.id)
    const referralId = await allocated(org, 'worker', {
      person: { ...base.person, nhsNumber: null, preferredContactMethod: 'text', contactMethodsToAvoid: ['phone'] },
    })
    const session = await org.users['worker']!.session()
    const form = await session.get(`/caseload/${referralId}/contacts/new`)
    assert.match(form.body, /Do not contact by/)
    assert.match(form.body, /Phone call\. They asked not to be contacted this way/)
    const fields = contactFields(form.body, { notes: 'Talked through the lunch club', avoidedMethodReason: '' })
    const refused = await session.post(`/caseload/${referralId}/contacts`, fields)
    assert.equal(refused.statusCode, 400)
    assert.match(refused.body, /They asked not to be contacted by phone call: say why you contacted them this way/)
    assert.match(refused.body, /Talked through the lunch club/)
    const stored = () => context.db.select().from(contacts).where(eq(contacts.organisationId, org.organisation.id))
    assert.equal((await stored()).length, 0)
    // A text is fine without a reason; a phone call with one is recorded, reason and all.
    const reasoned = await session.post(
      `/caseload/${referralId}/contacts`,
      { ...fields, avoidedMethodReason: 'She rang the office and asked me to call her back' },
      { csrfFrom: `/caseload/${referralId}/contacts/new` },
    )
    assert.equal(reasoned.statusCode, 303)
    const [row] = await stored()
    assert.equal(row!.avoidedMethodReason, 'She rang the office and asked me to call her back')
    const episode = await session.get(`/caseload/${referralId}`)
    assert.match(episode.body, /Contacted in a way they asked not to be, because: She rang the office/)
    // The rule holds below the page too: the service refuses a phone contact without a reason.
    const scope = scopeForSystemTask(context.db, org.organisation, 'test: recording a contact directly')
    const worker = org.users['worker']!
    await assert.rejects(
      recordContact(
        scope,
        referralId,
        {
          submissionKey: randomUUID(),
          type: 'phone',
          contactOn: londonToday(),
          durationMinutes: 5,
          whoWasThere: '',
          notes: '',
          riskCheck: null,
          nextContactOn: null,
        },
        {
          audit: { ...SEED_ACTOR, organisationId: org.organisation.id, userId: worker.id },
          userId: worker.id,
          name: 'W',
        },
      ),
      (error: unknown) => error instanceof CaseworkError && error.code === 'CASEWORK_AVOIDED_METHOD',
    )
  })

  it('records the first contact once, moves the referral to in-progress and counts it', async () => {
    const org = await service()
    const referralId = await allocated(org)
    const session = await org.users['worker']!.session()
    const form = await session.get(`/caseload/${referralId}/contacts/new`)
    assert.equal(form.statusCode, 200)
    const fields = contactFields(form.body, {
      notes: '<script>alert(1)</script>',
      nextDay: '',
      nextMonth: '',
      nextYear: '',
    })

    const first = await session.post(`/caseload/${referralId}/contacts`, fields)
    assert.equal(first.statusCode, 303)
    // The same submission again (a double click or a retry) records nothing more.
    const again = await session.post(`/caseload/${referralId}/contacts`, fields, {
      csrfFrom: `/caseload/${referralId}`,
    })
    assert.equal(again.statusCode, 303)

    const recorded = await context.db.select().from(contacts).where(eq(contacts.organisationId, org.organisation.id))
    assert.equal(recorded.length, 1)
    const [episode] = await context.db.select().from(episodes).where(eq(episodes.organisationId, org.organisation.id))
    assert.equal(episode!.contactsUsed, 1)
    assert.equal(episode!.firstContactOn, londonToday())
    const referral = await findReferralForService(scopeOf(org), referralId)
    assert.equal(referral!.status, 'in-progress')
    assert.equal(referral!.businessStatus, 'first-contact-made')

    const page = await session.get(`/caseload/${referralId}`)
    assert.match(page.body, /1 of 8 allowed/)
    assert.match(page.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/)
    assert.doesNotMatch(page.body, /<script>alert/)

    const audited = await context.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'contact-record'), eq(auditEvents.recordId, episode!.id)))
    assert.equal(audited.length, 1)
  })

  it('does not count an attempted contact, and keeps the referral accepted', async () => {
    const org = await service()
    const referralId = await allocated(org)
    const session = await org.users['worker']!.session()
    const form = await session.get(`/caseload/${referralId}/contacts/new`)
    const response = await session.post(
      `/caseload/${referralId}/contacts`,
      contactFields(form.body, { type: 'attempted-contact', duration: '2' }),
    )
    assert.equal(response.statusCode, 303)
    const [episode] = await context.db.select().from(episodes).where(eq(episodes.organisationId, org.organisation.id))
    assert.equal(episode!.contactsUsed, 0)
    assert.equal(episode!.firstContactOn, null)
    assert.equal((await findReferralForService(scopeOf(org), referralId))!.status, 'accepted')
  })

  it('refuses a future date and missing answers, keeping what was typed', async () => {
    const org = await service()
    const referralId = await allocated(org)
    const session = await org.users['worker']!.session()
    const form = await session.get(`/caseload/${referralId}/contacts/new`)
    const tomorrow = addDays(londonToday(), 1).split('-')
    const response = await session.post(
      `/caseload/${referralId}/contacts`,
      contactFields(form.body, {
        type: '',
        year: tomorrow[0]!,
        month: tomorrow[1]!,
        day: tomorrow[2]!,
        duration: 'abc',
        notes: 'Kept notes',
      }),
    )
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /There is a problem/)
    assert.match(response.body, /Select the type of contact/)
    assert.match(response.body, /Date of the contact must be today or in the past/)
    assert.match(response.body, /How long the contact took must be a number of minutes/)
    assert.match(response.body, /Kept notes/)
    assert.equal(
      (await context.db.select().from(contacts).where(eq(contacts.organisationId, org.organisation.id))).length,
      0,
    )
  })

  it('will not record a home visit until the lone-working risk check is answered', async () => {
    const org = await service()
    const referralId = await allocated(org)
    const session = await org.users['worker']!.session()
    const form = await session.get(`/caseload/${referralId}/contacts/new`)
    const base = contactFields(form.body, { type: 'home-visit', duration: '60' })

    let response = await session.post(`/caseload/${referralId}/contacts`, base)
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /Select whether someone knew where you were/)
    assert.match(response.body, /Enter the time you expected to finish/)
    assert.match(response.body, /Select whether there are known risks at the address/)
    assert.match(response.body, /Select whether a check-in was arranged/)

    response = await session.post(`/caseload/${referralId}/contacts`, {
      ...base,
      someoneKnows: 'no',
      finishTime: '14:30',
      knownRisks: 'no',
      checkIn: 'yes',
    })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /Someone must know where you are before a home visit/)

    response = await session.post(`/caseload/${referralId}/contacts`, {
      ...base,
      someoneKnows: 'yes',
      finishTime: '14:30',
      knownRisks: 'yes',
      knownRisksDetails: 'Dog',
      checkIn: 'yes',
    })
    assert.equal(response.statusCode, 303)
    const [row] = await context.db.select().from(contacts).where(eq(contacts.organisationId, org.organisation.id))
    assert.deepEqual(row!.riskCheck, {
      someoneKnowsWhereYouAre: true,
      expectedFinishTime: '14:30',
      knownRisksAtAddress: true,
      knownRisksDetails: 'Dog',
      checkInArranged: true,
    })
  })

  it('needs the CSRF token', async () => {
    const org = await service()
    const referralId = await allocated(org)
    const session = await org.users['worker']!.session()
    const form = await session.get(`/caseload/${referralId}/contacts/new`)
    const response = await session.post(`/caseload/${referralId}/contacts`, contactFields(form.body), {
      csrfToken: null,
    })
    assert.equal(response.statusCode, 400)
    assert.equal(
      (await context.db.select().from(contacts).where(eq(contacts.organisationId, org.organisation.id))).length,
      0,
    )
  })
})

describe('casework: pausing and changing details', () => {
  it('pauses with a reason, stops contacts, and resumes with the paused days added', async () => {
    const org = await service()
    const referralId = await allocated(org)
    const session = await org.users['worker']!.session()
    await session.get(`/caseload/${referralId}`)

    let response = await session.post(
      `/caseload/${referralId}/pause`,
      { reason: '' },
      { csrfFrom: `/caseload/${referralId}/pause` },
    )
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /Select why support is being paused/)
    response = await session.post(`/caseload/${referralId}/pause`, { reason: 'other', reasonText: '' })
    assert.match(response.body, /Enter why support is being paused/)

    response = await session.post(`/caseload/${referralId}/pause`, { reason: 'hospital-stay', reasonText: '' })
    assert.equal(response.statusCode, 303)
    assert.equal((await findReferralForService(scopeOf(org), referralId))!.status, 'on-hold')
    const page = await session.get(`/caseload/${referralId}`)
    assert.match(page.body, /Support is paused/)
    assert.match(page.body, /Hospital stay/)
    assert.equal((await session.get(`/caseload/${referralId}/contacts/new`)).statusCode, 409)

    // Pretend the pause began ten days ago, then resume.
    const [before] = await context.db.select().from(episodes).where(eq(episodes.organisationId, org.organisation.id))
    await context.db
      .update(episodes)
      .set({ pausedOn: addDays(londonToday(), -10) })
      .where(and(eq(episodes.organisationId, org.organisation.id), eq(episodes.id, before!.id)))
    response = await session.post(`/caseload/${referralId}/resume`, {}, { csrfFrom: `/caseload/${referralId}` })
    assert.equal(response.statusCode, 303)
    const [afterResume] = await context.db
      .select()
      .from(episodes)
      .where(eq(episodes.organisationId, org.organisation.id))
    assert.equal(afterResume!.pausedDays, 10)
    assert.equal(afterResume!.nextReviewOn, addDays(before!.nextReviewOn, 10))
    assert.equal(afterResume!.pausedOn, null)
    assert.equal((await findReferralForService(scopeOf(org), referralId))!.status, 'in-progress')

    // A second "Resume" click changes nothing.
    response = await session.post(`/caseload/${referralId}/resume`, {}, { csrfFrom: `/caseload/${referralId}` })
    assert.equal(response.statusCode, 303)
    const [still] = await context.db.select().from(episodes).where(eq(episodes.organisationId, org.organisation.id))
    assert.equal(still!.pausedDays, 10)
  })

  it('changes pathway, complexity and allowance, and refuses a stale form', async () => {
    const org = await service()
    const referralId = await allocated(org)
    const session = await org.users['worker']!.session()
    const form = await session.get(`/caseload/${referralId}/details`)
    assert.equal(form.statusCode, 200)
    const version = /name="version" value="(\d+)"/.exec(form.body)![1]!

    let response = await session.post(`/caseload/${referralId}/details`, {
      pathway: 'long-term',
      complexity: '',
      complexityReason: '',
      contactAllowance: '99',
      version,
    })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /Select a complexity level/)
    assert.match(response.body, /Enter why you chose this complexity level/)
    assert.match(response.body, /Contacts allowed must be a whole number between 1 and 60/)
    assert.match(response.body, /allows 8 on the short-term pathway and 12 on the long-term/)
    assert.match(response.body, /value="99"/)

    const valid = {
      pathway: 'long-term',
      complexity: '3',
      complexityReason: 'Several needs',
      contactAllowance: '6',
      version,
    }
    response = await session.post(`/caseload/${referralId}/details`, valid)
    assert.equal(response.statusCode, 303)
    const [episode] = await context.db.select().from(episodes).where(eq(episodes.organisationId, org.organisation.id))
    assert.equal(episode!.complexity, 3)
    assert.equal(episode!.contactAllowance, 6)
    assert.equal(episode!.nextReviewOn, addDays(episode!.openedOn, 91))

    response = await session.post(
      `/caseload/${referralId}/details`,
      { ...valid, complexity: '1' },
      { csrfFrom: `/caseload/${referralId}` },
    )
    assert.equal(response.statusCode, 409)
    assert.match(response.body, /Someone else changed this episode/)
  })

  it('moves the allowance with the pathway when it was left at the pathway’s setting, and keeps one set by hand', async () => {
    const org = await service()
    const session = await org.users['worker']!.session()
    const versionOf = async (id: string) =>
      /name="version" value="(\d+)"/.exec((await session.get(`/caseload/${id}/details`)).body)![1]!
    const details = { complexity: '3', complexityReason: 'Several needs' }
    const allowanceOf = async (id: string) =>
      (await context.db.select().from(episodes).where(eq(episodes.referralId, id)))[0]!.contactAllowance

    const followed = await allocated(org)
    let response = await session.post(`/caseload/${followed}/details`, {
      ...details,
      pathway: 'long-term',
      contactAllowance: '8',
      version: await versionOf(followed),
    })
    assert.equal(response.statusCode, 303)
    assert.match(response.headers.location as string, /saved=details-long-term/)
    assert.equal(await allowanceOf(followed), 12)
    assert.match((await session.get(response.headers.location as string)).body, /now follow the long-term pathway/)
    // And back again.
    response = await session.post(`/caseload/${followed}/details`, {
      ...details,
      pathway: 'short-term',
      contactAllowance: '12',
      version: await versionOf(followed),
    })
    assert.equal(await allowanceOf(followed), 8)

    const byHand = await allocated(org)
    response = await session.post(`/caseload/${byHand}/details`, {
      ...details,
      pathway: 'long-term',
      contactAllowance: '10',
      version: await versionOf(byHand),
    })
    assert.match(response.headers.location as string, /saved=details$/)
    assert.equal(await allowanceOf(byHand), 10)
  })
})

// SPDX-License-Identifier: AGPL-3.0-or-later
// Self-referral, one question a page, as a member of the public uses it: no account, answers kept between pages.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import {
  createTestContext,
  createTestOrganisation,
  useTestContext,
  type TestOrganisation,
} from '../../../test/helpers/test-app.ts'
import { uniqueAddress, WebSession } from '../../../test/helpers/web-session.ts'
import { referrals, selfReferralDrafts } from './referrals.table.ts'
import { createMemoryEmailSender } from '../../platform/email/email.ts'
import { createMemoryTextSender } from '../../platform/notify/notify.ts'
import { scopeForSystemTask } from '../../platform/db/org-scope.ts'
import { people } from '../people/index.ts'
import { changeReferral } from './referral.service.ts'
import { sendReferrerUpdates } from './referrer-updates.service.ts'
import { deleteExpiredSelfReferralDrafts } from './self-referral-draft.service.ts'
import { SELF_REFERRAL_COOKIE } from './web/self-referral/self-referral.handler.ts'

const context = useTestContext()

async function service(): Promise<TestOrganisation> {
  return createTestOrganisation(context, {
    areaName: `Self-referral area ${Math.random().toString(36).slice(2, 8)}`,
    users: { supervisor: ['supervisor', 'link-worker'] },
  })
}

const ANSWERS = {
  givenName: 'Elspeth',
  familyName: 'Cowie',
  dobDay: '9',
  dobMonth: '9',
  dobYear: '1949',
  nhsNumber: '',
  addressLine1: '12 Ash Road',
  addressLine2: '',
  town: 'Aberdeen',
  postcode: 'AB16 5QS',
  gpPractice: 'Links Medical Practice, Aberdeen',
  phone: '07700 900982',
  email: '',
  contactThrough: '',
  contactThroughDetails: '',
  preferredContactMethod: 'phone',
  preferredContactTimes: 'Mornings',
  language: '',
  interpreterNeeded: '',
  accessNeeds: 'Hard of hearing',
  othersToInvolve: '',
  needs: ['loneliness'],
  reasonText: '',
  whatMatters: 'Company, and getting out of the house',
  consentShare: 'yes',
  consentShareProviders: 'no',
  updates: 'text',
  sex: 'female',
  ethnicity: 'B',
}

/** The pages, in order, from the first question: follows each Continue until check your answers. */
async function answerEveryPage(session: WebSession, serviceId: string, answers: Record<string, unknown> = ANSWERS) {
  const start = await session.get('/self-referral')
  assert.equal(start.statusCode, 303)
  let url = start.headers.location!
  const visited: string[] = []
  while (url !== '/self-referral/check') {
    visited.push(url)
    assert.ok(visited.length < 20, `no end to the pages: ${visited.join(' ')}`)
    const page = await session.get(url)
    assert.equal(page.statusCode, 200, url)
    const response = await session.post(url, { ...answers, serviceId })
    assert.equal(response.statusCode, 303, `${url}: ${response.body.slice(0, 1500)}`)
    url = response.headers.location!
  }
  return visited
}

describe('self-referral, one question a page', () => {
  it('asks one thing a page, checks the answers, and sends one referral however often Send is pressed', async () => {
    const org = await service()
    await service() // a second service, so the person is asked which one covers where they live
    const session = new WebSession(context.app)
    const visited = await answerEveryPage(session, org.organisation.id)
    assert.deepEqual(visited, [
      '/self-referral/service',
      '/self-referral/name',
      '/self-referral/date-of-birth',
      '/self-referral/nhs-number',
      '/self-referral/address',
      '/self-referral/gp-practice',
      '/self-referral/contact',
      '/self-referral/contact-preferences',
      '/self-referral/language-and-access',
      '/self-referral/about-you',
      '/self-referral/help',
      '/self-referral/what-matters',
      '/self-referral/sharing',
      '/self-referral/updates',
    ])
    const check = await session.get('/self-referral/check')
    assert.equal(check.statusCode, 200)
    assert.match(check.body, /Elspeth Cowie/)
    assert.match(check.body, /Hard of hearing/)
    assert.match(check.body, /Ethnic group\s*<\/dt>\s*<dd class="nhsuk-summary-list__value">\s*White: Irish/)
    assert.match(check.body, /href="\/self-referral\/about-you\?change=1#ethnicity"/)
    assert.match(check.body, /Yes, by text message/)
    assert.match(check.body, /href="\/self-referral\/date-of-birth\?change=1#dobDay"/)
    const csrf = session.csrfToken()
    const first = await session.post('/self-referral/send', {}, { csrfToken: csrf })
    assert.equal(first.statusCode, 303)
    const second = await session.post('/self-referral/send', {}, { csrfToken: csrf })
    assert.equal(second.headers.location, first.headers.location)
    const sent = await session.get(first.headers.location!)
    assert.match(sent.body, /WM-[A-Z0-9]{4}-[A-Z0-9]{4}/)
    assert.ok(sent.body.includes(org.organisation.name), 'the confirmation names the service')
    assert.match(sent.body, /will contact you within 10 working days/)
    const rows = await context.db.select().from(referrals).where(eq(referrals.organisationId, org.organisation.id))
    assert.equal(rows.length, 1)
    assert.equal(rows[0]!.source, 'self-referral')
    assert.equal(rows[0]!.personUpdates, 'text')
    const [person] = await context.db.select().from(people).where(eq(people.id, rows[0]!.personId))
    assert.deepEqual([person?.sex, person?.ethnicity], ['female', 'B'])
    // The practice they gave is on the referral the service reads, so the message back can reach it.
    const supervisor = await org.users['supervisor']!.session()
    const referralPage = await supervisor.get(`/referrals/${rows[0]!.id}`)
    assert.match(referralPage.body, /GP practice[\s\S]{0,200}Links Medical Practice, Aberdeen/)
    // Once sent, the next visit starts a new request instead of showing the last one's answers.
    const again = await session.get('/self-referral/name')
    assert.doesNotMatch(again.body, /Elspeth/)
  })

  it('keeps what was typed when a page has errors, on going back, and when changing an answer', async () => {
    const org = await service()
    const session = new WebSession(context.app)
    await session.get('/self-referral/name')
    await session.post('/self-referral/name', { givenName: 'Elspeth', familyName: 'Cowie' })
    await session.get('/self-referral/date-of-birth')
    const bad = await session.post('/self-referral/date-of-birth', { dobDay: '31', dobMonth: '2', dobYear: '1949' })
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /There is a problem/)
    assert.match(bad.body, /href="#dobDay"/)
    assert.match(bad.body, /name="dobDay"[^>]*value="31"|value="31"[^>]*name="dobDay"/)
    // Back to the name page: the name is still there.
    const back = await session.get('/self-referral/name')
    assert.match(back.body, /value="Elspeth"/)
    assert.match(back.body, /href="\/self-referral\/service"/, 'the back link goes to the page before')
    // Answer the rest, then change the name from check your answers: it returns to check your answers.
    await answerEveryPage(session, org.organisation.id)
    await session.get('/self-referral/name?change=1')
    const changed = await session.post('/self-referral/name?change=1', { givenName: 'Elsie', familyName: 'Cowie' })
    assert.equal(changed.headers.location, '/self-referral/check')
    const check = await session.get('/self-referral/check')
    assert.match(check.body, /Elsie Cowie/)
    assert.match(check.body, /Hard of hearing/, 'other answers are kept')
  })

  it('sends a person back to any page they skipped, and asks again for an answer a later one undid', async () => {
    const org = await service()
    const session = new WebSession(context.app)
    await session.get('/self-referral/name')
    await session.post('/self-referral/name', { givenName: 'Elspeth', familyName: 'Cowie' })
    const check = await session.get('/self-referral/check')
    assert.equal(check.headers.location, '/self-referral/service')
    await answerEveryPage(session, org.organisation.id)
    // Now say text messages must not be used: the updates page, which chose text, must be answered again.
    await session.get('/self-referral/contact-preferences?change=1')
    const avoided = await session.post('/self-referral/contact-preferences?change=1', {
      preferredContactMethod: 'phone',
      contactMethodsToAvoid: 'text',
    })
    assert.equal(avoided.headers.location, '/self-referral/updates')
    const updates = await session.get('/self-referral/updates')
    assert.match(updates.body, /value="text"/)
    const refused = await session.post('/self-referral/updates', { updates: 'text' })
    assert.equal(refused.statusCode, 400)
    assert.match(refused.body, /You asked us not to text you/)
    const email = await session.post('/self-referral/updates', { updates: 'email' })
    assert.match(email.body, /You did not give an email address/)
    const none = await session.post('/self-referral/updates', { updates: 'no' })
    assert.equal(none.headers.location, '/self-referral/check')
    // A preferred way of contact with nothing to reach it by is named on the page that chose it.
    await session.get('/self-referral/contact-preferences')
    const noEmail = await session.post('/self-referral/contact-preferences', { preferredContactMethod: 'email' })
    assert.equal(noEmail.statusCode, 400)
    assert.match(noEmail.body, /You chose email, but did not give an email address/)
  })

  it('keeps each browser’s answers to itself, and forgets them a day after the last answer', async () => {
    const session = new WebSession(context.app)
    await session.get('/self-referral/name')
    await session.post('/self-referral/name', { givenName: 'Private', familyName: 'Person' })
    const token = session.cookies.get(SELF_REFERRAL_COOKIE)
    assert.ok(token, 'the browser holds a token')
    const stored = await context.db.select().from(selfReferralDrafts)
    assert.ok(!stored.some((row) => row.tokenHash === token), 'only the hash of the token is stored')
    const stranger = new WebSession(context.app)
    assert.doesNotMatch((await stranger.get('/self-referral/name')).body, /Private/)
    stranger.cookies.set(SELF_REFERRAL_COOKIE, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)
    assert.doesNotMatch((await stranger.get('/self-referral/name')).body, /Private/)
    // A day later the draft is gone.
    const before = (await context.db.select().from(selfReferralDrafts)).length
    const removed = await deleteExpiredSelfReferralDrafts(context.db, new Date(Date.now() + 25 * 3_600_000))
    assert.ok(removed >= 1 && removed <= before)
    assert.doesNotMatch((await session.get('/self-referral/name')).body, /Private/)
  })

  it('answers an unknown page with 404, and a send with no answers by going to the first question', async () => {
    const session = new WebSession(context.app)
    assert.equal((await session.get('/self-referral/favourite-colour')).statusCode, 404)
    assert.equal((await session.get('/self-referral/NAME')).statusCode, 404)
    await session.get('/self-referral/name')
    const send = await session.post('/self-referral/send', {})
    assert.equal(send.statusCode, 303)
    assert.equal(send.headers.location, '/self-referral/service')
  })

  it('discards a send that filled the honeypot', async () => {
    const org = await service()
    const session = new WebSession(context.app)
    await answerEveryPage(session, org.organisation.id)
    await session.get('/self-referral/check')
    const response = await session.post('/self-referral/send', { website: 'http://spam.example' })
    assert.equal(response.statusCode, 303)
    assert.match(response.headers.location!, /WM-XXXX-XXXX/)
    const rows = await context.db.select().from(referrals).where(eq(referrals.organisationId, org.organisation.id))
    assert.equal(rows.length, 0)
  })

  it('is reached from the public start page and from the sign-in page', async () => {
    const session = new WebSession(context.app)
    const start = await session.get('/get-support')
    assert.equal(start.statusCode, 200)
    assert.match(start.body, /href="\/self-referral"[^>]*>\s*Start now/)
    assert.match(start.body, /NHS 111/)
    const signIn = await session.get('/sign-in')
    assert.match(signIn.body, /href="\/get-support"/)
    // An unknown service in the confirmation's address falls back to the general wording.
    const sent = await session.get(`/self-referral/sent?reference=WM-ABCD-EFGH&service=${randomUUID()}`)
    assert.equal(sent.statusCode, 200)
    assert.match(sent.body, /usually within 2 weeks/)
  })
})

describe('a self-referrer hears how their request is going', () => {
  async function referAndAccept(answers: Record<string, unknown>) {
    const org = await service()
    const session = new WebSession(context.app)
    await answerEveryPage(session, org.organisation.id, answers)
    await session.get('/self-referral/check')
    await session.post('/self-referral/send', {})
    const [row] = await context.db.select().from(referrals).where(eq(referrals.organisationId, org.organisation.id))
    const scope = scopeForSystemTask(context.db, { id: org.organisation.id, areaId: '' }, 'the test accepts')
    const supervisor = org.users['supervisor']!
    const audit = {
      userId: supervisor.id,
      organisationId: org.organisation.id,
      role: 'supervisor',
      ipAddress: null,
      correlationId: null,
    }
    const now = new Date()
    await changeReferral(
      scope,
      row!.id,
      { kind: 'accept', ownerUserId: supervisor.id },
      { audit, userId: supervisor.id, name: 'Sup' },
      undefined,
      { now },
    )
    return { row: row!, org, later: new Date(now.getTime() + 11 * 60_000) }
  }

  it('by text when they asked for texts: the reference and the step, never their name', async () => {
    const { row, org, later } = await referAndAccept(ANSWERS)
    const email = createMemoryEmailSender()
    const texts = createMemoryTextSender()
    await sendReferrerUpdates(context.db, email, 'http://waymark.test', later, texts)
    const mine = texts.sent.filter((t) => t.message.includes(row.reference))
    assert.equal(mine.length, 1)
    assert.equal(mine[0]!.to, '07700900982')
    assert.match(
      mine[0]!.message,
      new RegExp(`${row.reference} to ${org.organisation.name}: a link worker now has your request`),
    )
    assert.doesNotMatch(mine[0]!.message, /Elspeth|Cowie|lonel/i)
    // Sent once: a second run sends nothing more.
    await sendReferrerUpdates(context.db, email, 'http://waymark.test', later, texts)
    assert.equal(texts.sent.filter((t) => t.message.includes(row.reference)).length, 1)
  })

  it('not at all once their record says not to text them, nor when they said no', async () => {
    const { row, later } = await referAndAccept(ANSWERS)
    await context.db
      .update(people)
      .set({ contactMethodsToAvoid: ['text'] })
      .where(eq(people.id, row.personId))
    const texts = createMemoryTextSender()
    await sendReferrerUpdates(context.db, createMemoryEmailSender(), 'http://waymark.test', later, texts)
    assert.equal(texts.sent.filter((t) => t.message.includes(row.reference)).length, 0)

    const no = await referAndAccept({ ...ANSWERS, updates: 'no', email: 'elspeth@example.com' })
    const email = createMemoryEmailSender()
    await sendReferrerUpdates(context.db, email, 'http://waymark.test', no.later, texts)
    assert.equal(email.sent.filter((m) => m.text.includes(no.row.reference)).length, 0)
    assert.equal(texts.sent.filter((t) => t.message.includes(no.row.reference)).length, 0)
  })

  it('by email when they asked for email', async () => {
    const { row, later } = await referAndAccept({ ...ANSWERS, updates: 'email', email: 'elspeth@example.com' })
    const email = createMemoryEmailSender()
    await sendReferrerUpdates(context.db, email, 'http://waymark.test', later, createMemoryTextSender())
    const mine = email.sent.filter((m) => m.text.includes(row.reference))
    assert.equal(mine.length, 1)
    assert.equal(mine[0]!.to, 'elspeth@example.com')
    assert.doesNotMatch(mine[0]!.text, /sign in/i, 'a member of the public has no account to sign in to')
  })
})

describe('self-referral rate limit', () => {
  it('answers 429 once an address has sent more than config.formRateLimit requests in five minutes', async () => {
    const limited = await createTestContext({ WAYMARK_FORM_RATE_LIMIT: '2' })
    try {
      const session = new WebSession(limited.app, { remoteAddress: uniqueAddress() })
      await session.get('/self-referral/name')
      const token = session.csrfToken()
      const codes: number[] = []
      for (let i = 0; i < 3; i++)
        codes.push((await session.post('/self-referral/send', {}, { csrfToken: token })).statusCode)
      assert.deepEqual(codes, [303, 303, 429])
    } finally {
      await limited.close()
    }
  })
})

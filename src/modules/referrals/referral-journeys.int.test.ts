// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { auditEvents } from '../../platform/audit/audit.table.ts'
import { createTestOrganisation, type TestOrganisation, useTestContext } from '../../../test/helpers/test-app.ts'
import type { WebSession } from '../../../test/helpers/web-session.ts'
import type { EmailSender } from '../../platform/email/email.ts'
import { deleteExpiredReferralDrafts } from './referral-draft.service.ts'
import { referrals } from './referrals.table.ts'
import { people } from '../people/index.ts'
import { sendReferrerUpdates } from './referrer-updates.service.ts'
import { COALESCE_MINUTES } from './referrer-updates.ts'

const context = useTestContext()

async function area(): Promise<{
  service: TestOrganisation
  gp: TestOrganisation
  physio: TestOrganisation
  areaName: string
}> {
  const areaName = `Referral area ${Math.random().toString(36).slice(2, 8)}`
  const service = await createTestOrganisation(context, {
    areaName,
    users: { supervisor: ['supervisor', 'link-worker'], worker: ['link-worker'], other: ['link-worker'] },
  })
  const gp = await createTestOrganisation(context, { type: 'gp-practice', areaName, users: { gp: ['referrer'] } })
  const physio = await createTestOrganisation(context, {
    type: 'hospital-trust',
    areaName,
    users: { physio: ['referrer', 'link-worker'] },
  })
  return { service, gp, physio, areaName }
}

const PERSON = {
  givenName: 'Leanne',
  familyName: 'Murray',
  dobDay: '14',
  dobMonth: '6',
  dobYear: '1991',
  nhsNumber: '943 476 5919',
  addressLine1: '3 Union Street',
  addressLine2: '',
  town: 'Aberdeen',
  postcode: 'ab11 6bd',
  phone: '07700 900982',
  email: '',
  preferredContactMethod: 'text',
  preferredContactTimes: 'Afternoons',
  contactMethodsToAvoid: 'letter',
  language: 'English',
  interpreterNeeded: 'no',
  accessNeeds: '',
  othersToInvolve: '',
  gpPractice: 'Links Medical Practice, Aberdeen',
  sex: 'female',
  ethnicity: 'A',
}
const REASONS = {
  needs: ['low-mood', 'loneliness'],
  reasonText: 'Lost confidence since leaving work.',
  whatMatters: 'I used to love acting at school.',
  loneWorking: 'no',
  safeguarding: 'no',
  urgency: 'routine',
}

/** Walks the referral form from the start; returns the URL of the check-your-answers page. */
async function fillForm(session: WebSession, serviceId: string, extra: Record<string, string> = {}): Promise<string> {
  const start = await session.get('/referrals/new')
  assert.equal(start.statusCode, 303)
  const personUrl = start.headers.location!
  const token = /\/referrals\/new\/([^/]+)\/person/.exec(personUrl)![1]!
  await session.get(personUrl)
  let response = await session.post(personUrl, PERSON)
  assert.equal(response.statusCode, 303, response.body.slice(0, 2000))
  assert.equal(response.headers.location, `/referrals/new/${token}/contact`)
  await session.get(`/referrals/new/${token}/contact`)
  response = await session.post(`/referrals/new/${token}/contact`, PERSON)
  assert.equal(response.statusCode, 303, response.body.slice(0, 2000))
  await session.get(`/referrals/new/${token}/reasons`)
  response = await session.post(`/referrals/new/${token}/reasons`, REASONS)
  assert.equal(response.statusCode, 303)
  await session.get(`/referrals/new/${token}/service`)
  response = await session.post(`/referrals/new/${token}/service`, {
    receivingOrganisationId: serviceId,
    profession: 'gp',
    consentToReferral: 'yes',
    consentShareService: 'yes',
    consentShareProviders: 'yes',
    consentMethod: 'verbal',
    ...extra,
  })
  assert.equal(response.statusCode, 303, response.body.slice(0, 3000))
  return `/referrals/new/${token}/check`
}

describe('a GP refers through the web form', () => {
  it('takes four screens and a check page, and a double submission makes one referral', async () => {
    const { service, gp } = await area()
    const session = await gp.users['gp']!.session()
    const checkUrl = await fillForm(session, service.organisation.id)
    const check = await session.get(checkUrl)
    assert.equal(check.statusCode, 200)
    assert.match(check.body, /Leanne Murray/)
    assert.match(check.body, /AB11 6BD/)
    assert.match(check.body, /Ethnic group\s*<\/dt>\s*<dd class="nhsuk-summary-list__value">\s*White: British/)
    const submitUrl = checkUrl.replace('/check', '/submit')
    const token = session.csrfToken()
    const first = await session.post(submitUrl, {}, { csrfToken: token })
    const second = await session.post(submitUrl, {}, { csrfToken: token })
    assert.equal(first.statusCode, 303)
    assert.equal(second.statusCode, 303)
    const rows = await context.db.select().from(referrals).where(eq(referrals.organisationId, service.organisation.id))
    assert.equal(rows.length, 1)
    const [person] = await context.db.select().from(people).where(eq(people.id, rows[0]!.personId))
    assert.deepEqual([person?.sex, person?.ethnicity], ['female', 'A'])
    const done = await session.get(first.headers.location!)
    assert.match(done.body, new RegExp(rows[0]!.reference))
    const mine = await session.get('/my-referrals')
    assert.equal(mine.statusCode, 200)
    assert.match(mine.body, /Leanne Murray/)
  })

  it('keeps everything typed and names each problem when the person screen is wrong', async () => {
    const { gp } = await area()
    const session = await gp.users['gp']!.session()
    const start = await session.get('/referrals/new')
    const url = start.headers.location!
    await session.get(url)
    const response = await session.post(url, {
      ...PERSON,
      givenName: '<script>alert(1)</script>',
      dobYear: String(new Date().getFullYear() + 1),
      nhsNumber: '943 476 5918',
      postcode: 'NOT A POSTCODE',
    })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /Date of birth must be today or in the past/)
    assert.match(response.body, /Enter a valid NHS number/)
    assert.match(response.body, /Enter a real postcode/)
    assert.match(response.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/)
    assert.doesNotMatch(response.body, /<script>alert\(1\)/)
    assert.match(response.body, /value="NOT A POSTCODE"/)
  })

  it('asks how to reach the person on its own screen, and keeps the first screen’s answers', async () => {
    const { gp } = await area()
    const session = await gp.users['gp']!.session()
    const start = await session.get('/referrals/new')
    const token = /\/referrals\/new\/([^/]+)\/person/.exec(start.headers.location!)![1]!
    await session.get(start.headers.location!)
    // Contact details sent with the first screen are not taken from it: they belong to the second.
    const first = await session.post(start.headers.location!, { ...PERSON, phone: '', email: '' })
    assert.equal(first.headers.location, `/referrals/new/${token}/contact`)
    const contact = await session.get(first.headers.location)
    assert.match(contact.body, /How can the service contact Leanne\?/)
    const none = await session.post(first.headers.location, { phone: '', email: '', preferredContactMethod: 'text' })
    assert.equal(none.statusCode, 400)
    assert.match(none.body, /Enter a phone number to contact them on/)
    const back = await session.get(`/referrals/new/${token}/person`)
    assert.match(back.body, /value="Leanne"/)
    assert.match(back.body, /value="3 Union Street"/)
    // Check your answers sends a missing contact screen back to it.
    const check = await session.get(`/referrals/new/${token}/check`)
    assert.equal(check.headers.location, `/referrals/new/${token}/contact`)
  })

  it('forgets a referral form a week after it was last touched, and says it has expired', async () => {
    const { gp } = await area()
    const session = await gp.users['gp']!.session()
    const start = await session.get('/referrals/new')
    await session.get(start.headers.location!)
    await session.post(start.headers.location!, PERSON)
    assert.equal(await deleteExpiredReferralDrafts(context.db, new Date(Date.now() + 6 * 86_400_000)), 0)
    assert.match((await session.get(start.headers.location!)).body, /value="Leanne"/, 'kept for a week')
    assert.ok((await deleteExpiredReferralDrafts(context.db, new Date(Date.now() + 8 * 86_400_000))) >= 1)
    const expired = await session.get(start.headers.location!)
    assert.equal(expired.statusCode, 404)
    assert.match(expired.body, /This referral form has expired/)
    assert.doesNotMatch(expired.body, /Leanne/)
  })
})

describe('triage and the closed loop', () => {
  it('the supervisor accepts and allocates, the link worker records progress and closes, the GP gets the coded message back', async () => {
    const { service, gp } = await area()
    const gpSession = await gp.users['gp']!.session()
    const checkUrl = await fillForm(gpSession, service.organisation.id)
    await gpSession.get(checkUrl)
    await gpSession.post(checkUrl.replace('/check', '/submit'), {})
    const [row] = await context.db.select().from(referrals).where(eq(referrals.organisationId, service.organisation.id))
    const id = row!.id

    const supervisor = await service.users['supervisor']!.session()
    const inbox = await supervisor.get('/referrals?queue=new')
    assert.equal(inbox.statusCode, 200)
    assert.match(inbox.body, /Leanne Murray/)
    const page = await supervisor.get(`/referrals/${id}`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Do not contact by: Letter/)
    assert.match(page.body, /0 open referrals/)

    // Decline needs a reason; accept needs a link worker of the service.
    let response = await supervisor.post(`/referrals/${id}/changes`, { kind: 'accept', ownerUserId: '', version: '1' })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /Select a link worker/)
    response = await supervisor.post(`/referrals/${id}/changes`, {
      kind: 'accept',
      ownerUserId: gp.users['gp']!.id,
      version: '1',
    })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /Choose a link worker of this service/)
    await supervisor.get(`/referrals/${id}`)
    response = await supervisor.post(`/referrals/${id}/changes`, {
      kind: 'accept',
      ownerUserId: service.users['worker']!.id,
      version: '1',
    })
    assert.equal(response.statusCode, 303)
    // The GP hears once the coalescing window has passed, not at once.
    const gpEmails = () => context.emails.filter((e) => e.to === gp.users['gp']!.email)
    const sender: EmailSender = { kind: 'memory', send: async (m) => void context.emails.push(m) }
    const later = (minutes: number) => new Date(Date.now() + minutes * 60_000)
    assert.equal(gpEmails().length, 0)
    await sendReferrerUpdates(context.db, sender, 'http://waymark.test', later(COALESCE_MINUTES + 1))
    assert.equal(gpEmails().length, 1)
    assert.match(gpEmails()[0]!.subject, /accepted and allocated/)
    assert.doesNotMatch(gpEmails()[0]!.text, /Leanne|Murray/)

    // Another link worker cannot see it; the allocated one can.
    const other = await service.users['other']!.session()
    assert.equal((await other.get(`/referrals/${id}`)).statusCode, 404)
    const worker = await service.users['worker']!.session()
    assert.equal((await worker.get(`/referrals/${id}`)).statusCode, 200)
    response = await worker.post(`/referrals/${id}/changes`, { kind: 'progress', step: 'first-contact-made' })
    assert.equal(response.statusCode, 303)
    await worker.get(`/referrals/${id}`)
    response = await worker.post(`/referrals/${id}/changes`, { kind: 'pause', text: '' })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /Say why the referral is on hold/)
    response = await worker.post(`/referrals/${id}/changes`, {
      kind: 'close',
      connectedTo: 'Northfield drama group',
      outcomes: 'Goes weekly; feels more confident.',
    })
    assert.equal(response.statusCode, 303)

    // The GP sees the history and the coded message back, as a page and a PDF.
    const mine = await gpSession.get(`/my-referrals/${id}`)
    assert.equal(mine.statusCode, 200)
    assert.match(mine.body, /First contact made/)
    const message = await gpSession.get(`/my-referrals/${id}/message-back`)
    assert.equal(message.statusCode, 200)
    assert.match(message.body, /871731000000106/)
    assert.match(message.body, /Northfield drama group/)
    assert.match(message.body, /GP practice[\s\S]{0,200}Links Medical Practice, Aberdeen/)
    const pdf = await gpSession.get(`/my-referrals/${id}/message-back.pdf`)
    assert.equal(pdf.statusCode, 200)
    assert.equal(pdf.headers['content-type'], 'application/pdf')
    assert.match(pdf.rawPayload.subarray(0, 5).toString(), /%PDF-/)
    // First contact and closing within minutes of each other: one email, with the latest milestone.
    await sendReferrerUpdates(context.db, sender, 'http://waymark.test', later(COALESCE_MINUTES + 1))
    assert.equal(gpEmails().length, 2)
    assert.match(gpEmails()[1]!.subject, /support has ended; the message back is ready/)
    await sendReferrerUpdates(context.db, sender, 'http://waymark.test', later(COALESCE_MINUTES + 2))
    assert.equal(gpEmails().length, 2, 'a rerun sends nothing twice')

    // Every view and change is audited.
    const audited = await context.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.recordId, id)))
    const actions = audited.map((a) => a.action)
    for (const action of [
      'submit',
      'view',
      'referral-accept',
      'referral-progress',
      'referral-close',
      'view-as-referrer',
    ])
      assert.ok(actions.includes(action), `audited ${action}`)
  })

  it('declines with the specialist mental health reason and shows the referrer the guidance', async () => {
    const { service, gp } = await area()
    const gpSession = await gp.users['gp']!.session()
    const checkUrl = await fillForm(gpSession, service.organisation.id)
    await gpSession.get(checkUrl)
    await gpSession.post(checkUrl.replace('/check', '/submit'), {})
    const [row] = await context.db.select().from(referrals).where(eq(referrals.organisationId, service.organisation.id))
    const supervisor = await service.users['supervisor']!.session()
    await supervisor.get(`/referrals/${row!.id}`)
    const response = await supervisor.post(`/referrals/${row!.id}/changes`, {
      kind: 'decline',
      declineReason: 'specialist-mental-health',
      text: '',
    })
    assert.equal(response.statusCode, 303)
    const mine = await gpSession.get(`/my-referrals/${row!.id}`)
    assert.match(mine.body, /Needs specialist mental health support/)
    assert.match(mine.body, /community mental health team/)
    const message = await gpSession.get(`/my-referrals/${row!.id}/message-back`)
    assert.match(message.body, /871711000000103/)
    // The referrer of another organisation cannot see it.
    const { gp: otherGp } = await area()
    const stranger = await otherGp.users['gp']!.session()
    assert.equal((await stranger.get(`/my-referrals/${row!.id}`)).statusCode, 404)
  })

  it('lets a physiotherapist do the social prescribing themselves', async () => {
    const { service, physio } = await area()
    const session = await physio.users['physio']!.session()
    const checkUrl = await fillForm(session, service.organisation.id, {
      receivingOrganisationId: 'self',
      profession: 'physiotherapist',
    })
    await session.get(checkUrl)
    const response = await session.post(checkUrl.replace('/check', '/submit'), {})
    assert.equal(response.statusCode, 303)
    const [row] = await context.db.select().from(referrals).where(eq(referrals.organisationId, physio.organisation.id))
    assert.equal(row?.status, 'accepted')
    assert.equal(row?.ownerUserId, physio.users['physio']!.id)
    const inbox = await session.get('/referrals')
    assert.match(inbox.body, /Leanne Murray/)
  })

  it('refuses "do it myself" to a GP', async () => {
    const { gp } = await area()
    const session = await gp.users['gp']!.session()
    const start = await session.get('/referrals/new')
    const token = /\/referrals\/new\/([^/]+)\/person/.exec(start.headers.location!)![1]!
    await session.get(`/referrals/new/${token}/service`)
    const response = await session.post(`/referrals/new/${token}/service`, {
      receivingOrganisationId: 'self',
      profession: 'gp',
      consentToReferral: 'yes',
      consentShareService: 'yes',
      consentShareProviders: 'no',
      consentMethod: 'verbal',
    })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /you do not have a caseload in this organisation/)
  })
})

// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { before, describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { actorOf, allocatedReferral, hiddenField, scopeOf, testService } from '../../../test/factories/casework.ts'
import { listingSnapshot, testListing } from '../../../test/factories/directory.ts'
import { PLAN_GOAL, personWithPlan as planFactory } from '../../../test/factories/connections.ts'
import { createTestOrganisation, useTestContext, type TestOrganisation } from '../../../test/helpers/test-app.ts'
import { auditEvents } from '../../platform/audit/audit.table.ts'
import { addDays, londonToday } from '../casework/index.ts'
import { recordConsentDecision } from '../people/index.ts'
import { savePlan } from '../plans/index.ts'
import { ConnectionsError } from './connections.errors.ts'
import { connectPerson, openConnectionCase } from './connections.service.ts'
import { answerAsProvider, createRegisterLink, openResponseLink, recordRegister } from './group-links.service.ts'
import { attendances, connections } from './connections.table.ts'

const SEED_AUDIT = { userId: null, organisationId: null, role: 'test', ipAddress: null, correlationId: null }

const context = useTestContext()
let org: TestOrganisation
let elsewhere: TestOrganisation
let strum: string
let closed: string

const GOAL = PLAN_GOAL

/** A person allocated to the worker with an agreed plan naming Strum Along (and a closed lunch club). */
function personWithPlan(consent: { shareWithProviders: boolean } = { shareWithProviders: true }) {
  return planFactory(
    context,
    org,
    [
      { directoryServiceId: strum, name: 'Strum Along' },
      { directoryServiceId: closed, name: 'Old lunch club' },
    ],
    { consent },
  )
}

async function goalKeyOn(page: string): Promise<string> {
  const match =
    /name="goal" type="radio" value="([0-9a-f-]{36})"/.exec(page) ??
    /value="([0-9a-f-]{36})"[^>]*name="goal"/.exec(page)
  assert.ok(match, 'the goal is offered')
  return match[1]!
}

function tokenFrom(text: string): string {
  const match = /\/connections\/respond\/([A-Za-z0-9_-]+)/.exec(text)
  assert.ok(match, 'the email carries the link')
  return match[1]!
}

async function connect(referralId: string, fields: Record<string, string>) {
  const session = await org.users['worker']!.session()
  const form = await session.get(`/caseload/${referralId}/connections/new`)
  assert.equal(form.statusCode, 200)
  const submissionKey = hiddenField(form.body, 'submissionKey')
  const goal = await goalKeyOn(form.body)
  const body = {
    service: strum,
    goal,
    sharing: 'contact',
    accompaniedBy: 'link-worker',
    firstSessionNote: 'Meet at the door at 1.50pm',
    submissionKey,
    ...fields,
  }
  const response = await session.post(`/caseload/${referralId}/connections/new`, body)
  return { session, response, body, formPage: form.body }
}

async function countRows(episodeId: string): Promise<number> {
  const rows = await context.db
    .select({ id: connections.id })
    .from(connections)
    .where(and(eq(connections.organisationId, org.organisation.id), eq(connections.episodeId, episodeId)))
  return rows.length
}

describe('connecting a person to a community group', () => {
  before(async () => {
    org = await createTestOrganisation(context, {
      users: {
        supervisor: ['supervisor'],
        worker: ['link-worker'],
        other: ['link-worker'],
        editor: ['directory-editor'],
      },
    })
    elsewhere = await testService(context)
    strum = await testListing(context, org, 'editor', listingSnapshot('Strum Along'))
    closed = await testListing(context, org, 'editor', listingSnapshot('Old lunch club', { status: 'defunct' }))
  })

  it('offers the plan’s services with how many were sent there lately, and emails the group a link once', async () => {
    const person = await personWithPlan()
    const before = context.emails.length
    const { session, response, body, formPage } = await connect(person.referralId, {})
    assert.match(formPage, /Strum Along/)
    assert.match(formPage, /Nobody else from your service has been sent there in the last 30 days/)
    assert.equal(response.statusCode, 303)
    assert.match(String(response.headers.location), /\/connections\/[0-9a-f-]{36}\?saved=sent$/)
    // A retried submission (a double click, a refresh) records nothing more and sends nothing more.
    const again = await session.post(`/caseload/${person.referralId}/connections/new`, body, {
      csrfFrom: `/caseload/${person.referralId}/connections/new`,
    })
    assert.equal(again.statusCode, 303)
    assert.equal(await countRows(person.episodeId), 1)
    // A new attempt at the same service while that connection is open is refused on the form, keeping what was typed.
    const twice = await connect(person.referralId, { firstSessionNote: 'Second try' })
    assert.equal(twice.response.statusCode, 409)
    assert.match(twice.response.body, /already connected to this service/)
    assert.match(twice.response.body, /Second try/)
    assert.equal(await countRows(person.episodeId), 1)
    const sent = context.emails.slice(before)
    assert.equal(sent.length, 1)
    assert.equal(sent[0]!.to, 'moira@strum.example')
    assert.doesNotMatch(sent[0]!.text, new RegExp(person.name), 'the email itself holds nothing about the person')

    const page = await session.get(String(response.headers.location))
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Sent, waiting for the group/)
    assert.match(page.body, /moira@strum.example/)
    const list = await session.get(`/caseload/${person.referralId}/connections`)
    assert.match(list.body, /Strum Along/)

    // The next person's form counts this one.
    const next = await personWithPlan()
    const form = await session.get(`/caseload/${next.referralId}/connections/new`)
    assert.match(form.body, /1 person from your service sent there in the last 30 days/)
  })

  it('lets the group see only what was agreed and answer once from the link, with no account', async () => {
    const person = await personWithPlan()
    const before = context.emails.length
    await connect(person.referralId, { sharing: 'contact' })
    const token = tokenFrom(context.emails[before]!.text)
    const group = context.app
    const view = await group.inject({ method: 'GET', url: `/connections/respond/${token}` })
    assert.equal(view.statusCode, 200)
    assert.match(view.body, new RegExp(person.name))
    assert.match(view.body, /Meet at the door at 1.50pm/)
    assert.match(view.body, /Their link worker will come with them the first time/)
    assert.doesNotMatch(view.body, /Music, and getting out of the flat/, 'what matters was not agreed to be shared')
    assert.doesNotMatch(view.body, new RegExp(GOAL))

    const { WebSession } = await import('../../../test/helpers/web-session.ts')
    const provider = new WebSession(context.app)
    await provider.get(`/connections/respond/${token}`)
    const csrfToken = provider.csrfToken() ?? null
    const missing = await provider.post(`/connections/respond/${token}`, { status: 'declined' })
    assert.equal(missing.statusCode, 400)
    assert.match(missing.body, /Select why/)
    const answer = await provider.post(`/connections/respond/${token}`, { status: 'accepted', note: 'Come at 2pm' })
    assert.equal(answer.statusCode, 303)
    const thanks = await provider.get(String(answer.headers.location))
    assert.match(thanks.body, /Thank you for your answer/)
    assert.doesNotMatch(thanks.body, new RegExp(person.name))
    // A second answer changes nothing.
    const second = await provider.post(
      `/connections/respond/${token}`,
      { status: 'declined', declineReason: 'full' },
      { csrfToken },
    )
    assert.equal(second.statusCode, 303)
    const [row] = await context.db.select().from(connections).where(eq(connections.episodeId, person.episodeId))
    assert.equal(row!.status, 'accepted')
    assert.equal(row!.statusNote, 'Come at 2pm')
    const answers = await context.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.recordId, row!.id), eq(auditEvents.action, 'connection.answer')))
    assert.equal(answers.length, 1)
    assert.equal(answers[0]!.actorRole, 'provider-link')
    assert.equal(answers[0]!.outcome, 'success')

    const worker = await org.users['worker']!.session()
    const seen = await worker.get(`/caseload/${person.referralId}/connections/${row!.id}`)
    assert.match(seen.body, /Accepted by the group/)
    assert.match(seen.body, /Come at 2pm/)
  })

  it('shares needs and what matters only when the person agreed to everything', async () => {
    const person = await personWithPlan()
    const before = context.emails.length
    await connect(person.referralId, { sharing: 'full' })
    const token = tokenFrom(context.emails[before]!.text)
    const view = await context.app.inject({ method: 'GET', url: `/connections/respond/${token}` })
    assert.match(view.body, /Music, and getting out of the flat/)
    assert.match(view.body, new RegExp(GOAL))
  })

  it('sends nothing without consent to share: the person gets a sheet and the connection is a self-contact', async () => {
    const person = await personWithPlan({ shareWithProviders: false })
    const before = context.emails.length
    const session = await org.users['worker']!.session()
    const form = await session.get(`/caseload/${person.referralId}/connections/new`)
    assert.match(form.body, /has not agreed to share their details with community groups/)
    assert.doesNotMatch(form.body, /value="contact"/)
    // A crafted post asking to share anyway is refused and stores nothing.
    const refused = await connect(person.referralId, { sharing: 'contact' })
    assert.equal(refused.response.statusCode, 409)
    assert.equal(await countRows(person.episodeId), 0)
    const { response } = await connect(person.referralId, { sharing: 'self-contact' })
    assert.equal(response.statusCode, 303)
    assert.match(String(response.headers.location), /saved=self-contact/)
    assert.equal(context.emails.length, before)
    const page = await session.get(String(response.headers.location))
    assert.match(page.body, /To contact the group themselves/)
    assert.match(page.body, new RegExp(`/directory/signpost\\?service=${strum}`))
  })

  it('stops showing the person to the group once they withdraw consent, and refuses expired and made-up links', async () => {
    const person = await personWithPlan()
    const before = context.emails.length
    await connect(person.referralId, {})
    const token = tokenFrom(context.emails[before]!.text)
    await assert.rejects(
      openResponseLink(context.db, token, new Date(Date.now() + 31 * 86_400_000)),
      (error: unknown) => error instanceof ConnectionsError && error.code === 'CONNECTIONS_LINK_INVALID',
    )
    await recordConsentDecision(
      scopeOf(context, org),
      person.personId,
      { scope: 'share-with-providers', given: false, method: 'verbal', submissionKey: randomUUID() },
      { audit: actorOf(org, 'worker').audit, userId: org.users['worker']!.id, name: 'Worker' },
    )
    const withdrawn = await context.app.inject({ method: 'GET', url: `/connections/respond/${token}` })
    assert.equal(withdrawn.statusCode, 410)
    assert.doesNotMatch(withdrawn.body, new RegExp(person.name))
    for (const made of [
      `${org.organisation.id.replaceAll('-', '')}${'A'.repeat(43)}`,
      `${elsewhere.organisation.id.replaceAll('-', '')}${token.slice(32)}`,
      'not-a-token',
    ]) {
      const response = await context.app.inject({ method: 'GET', url: `/connections/respond/${made}` })
      assert.equal(response.statusCode, 404, made)
      assert.doesNotMatch(response.body, new RegExp(person.name))
    }
  })

  it('suggests services that fit, explained, and connects to one that is not on the plan', async () => {
    const jam = await testListing(
      context,
      org,
      'editor',
      listingSnapshot('Ukulele jam session', { description: 'Bring a ukulele and play along with others.' }),
    )
    const person = await personWithPlan()
    const session = await org.users['worker']!.session()
    const page = await session.get(`/caseload/${person.referralId}/connections/suggestions`)
    assert.equal(page.statusCode, 200)
    const jamAt = page.body.indexOf('Ukulele jam session')
    const closedAt = page.body.indexOf('Old lunch club')
    assert.ok(jamAt > 0, 'the service matching their interest is suggested')
    assert.equal(closedAt, -1, 'a defunct service is never suggested')
    assert.match(page.body, /matches their interest in ukulele/)
    assert.match(page.body, new RegExp(`/caseload/${person.referralId}/connections/new\\?service=${jam}`))
    const form = await session.get(`/caseload/${person.referralId}/connections/new?service=${jam}`)
    assert.match(form.body, new RegExp(`value="${jam}"`))
    const { response } = await connect(person.referralId, { service: jam })
    assert.equal(response.statusCode, 303)
    const other = await org.users['other']!.session()
    assert.equal((await other.get(`/caseload/${person.referralId}/connections/suggestions`)).statusCode, 404)
  })

  it('refuses a closed service, and keeps connections to the person’s own link worker and service', async () => {
    const person = await personWithPlan()
    const { response } = await connect(person.referralId, { service: closed })
    assert.equal(response.statusCode, 422)
    assert.match(response.body, /no longer running/)
    const other = await org.users['other']!.session()
    assert.equal((await other.get(`/caseload/${person.referralId}/connections`)).statusCode, 404)
    assert.equal((await other.get(`/caseload/${person.referralId}/connections/new`)).statusCode, 404)
    const outsider = await elsewhere.users['worker']!.session()
    assert.equal((await outsider.get(`/caseload/${person.referralId}/connections`)).statusCode, 404)
  })

  it('records how it goes, asks why someone stopped, and refuses a stale or finished update', async () => {
    const person = await personWithPlan()
    const { session, response } = await connect(person.referralId, {})
    const url = String(response.headers.location).replace(/\?.*$/, '')
    let page = await session.get(url)
    const first = hiddenField(page.body, 'rowVersion')
    const started = await session.post(url, { status: 'started', rowVersion: first, note: '' })
    assert.equal(started.statusCode, 303)
    // The same form sent again from the old page is refused as stale, never applied twice.
    const stale = await session.post(url, { status: 'attended', rowVersion: first, note: '' }, { csrfFrom: url })
    assert.equal(stale.statusCode, 409)
    assert.match(stale.body, /Someone else updated this connection/)
    page = await session.get(url)
    const noReason = await session.post(url, {
      status: 'stopped',
      rowVersion: hiddenField(page.body, 'rowVersion'),
      note: '',
    })
    assert.equal(noReason.statusCode, 400)
    assert.match(noReason.body, /Select why they stopped/)
    const stopped = await session.post(url, {
      status: 'stopped',
      stopReason: 'access',
      rowVersion: hiddenField(noReason.body, 'rowVersion'),
      note: 'The hall has no lift',
    })
    assert.equal(stopped.statusCode, 303)
    page = await session.get(url)
    assert.match(page.body, /Stopped going/)
    assert.match(page.body, /Getting there, or access once there/)
    assert.doesNotMatch(page.body, /Record how it is going/)
    const after = await session.post(url, { status: 'attended', rowVersion: '3', note: '' }, { csrfFrom: url })
    assert.equal(after.statusCode, 409)
  })

  it('starts the message back’s "connected to" from the connections and how each went', async () => {
    const person = await personWithPlan()
    const before = await org.users['worker']!.session()
    const fromPlan = await before.get(`/caseload/${person.referralId}/close`)
    assert.match(fromPlan.body, /Strum Along\s*\n\s*Old lunch club/, 'before any connection, the plan’s services')
    const { session, response } = await connect(person.referralId, {})
    const url = String(response.headers.location).replace(/\?.*$/, '')
    const page = await session.get(url)
    await session.post(url, { status: 'started', rowVersion: hiddenField(page.body, 'rowVersion'), note: '' })
    const close = await session.get(`/caseload/${person.referralId}/close`)
    assert.match(close.body, /Strum Along: started going/)
    assert.doesNotMatch(close.body, /Old lunch club/)
  })
})

describe('the group’s register and following up', () => {
  let org2: TestOrganisation
  let walk: string
  before(async () => {
    org2 = await createTestOrganisation(context, {
      users: { supervisor: ['supervisor'], worker: ['link-worker'], editor: ['directory-editor'] },
    })
    walk = await testListing(context, org2, 'editor', listingSnapshot('Walk and talk'))
  })

  async function connectedTo(serviceId: string, consent = true) {
    const referralId = await allocatedReferral(context, org2, 'worker', { consent: { shareWithProviders: consent } })
    const scope = scopeOf(context, org2)
    const actor = actorOf(org2, 'worker')
    await savePlan(
      scope,
      referralId,
      {
        goals: [],
        actions: [],
        services: [{ goalKey: null, directoryServiceId: serviceId, name: 'Walk and talk', details: '' }],
        reviewOn: addDays(londonToday(), 42),
        nextSteps: '',
      },
      { submissionKey: randomUUID(), basedOn: null },
      actor,
    )
    const found = await openConnectionCase(scope, referralId, actor)
    return { referralId, found, scope, actor }
  }

  it('lets the group tick who came, records each day once, and moves people to started then going', async () => {
    const a = await connectedTo(walk)
    const { connection, token } = await connectPerson(
      a.scope,
      a.found,
      {
        submissionKey: randomUUID(),
        directoryServiceId: walk,
        goalKey: null,
        sharing: 'contact',
        accompaniedBy: 'nobody',
        firstSessionNote: '',
      },
      a.actor,
    )
    await answerAsProvider(context.db, token!, { status: 'accepted', reason: null, note: '' }, SEED_AUDIT)
    const self = await connectedTo(walk, false)
    await connectPerson(
      self.scope,
      self.found,
      {
        submissionKey: randomUUID(),
        directoryServiceId: walk,
        goalKey: null,
        sharing: 'self-contact',
        accompaniedBy: 'nobody',
        firstSessionNote: '',
      },
      self.actor,
    )

    const worker = await org2.users['worker']!.session()
    const before = context.emails.length
    const made = await worker.post(
      `/caseload/${a.referralId}/connections/${connection.id}/register`,
      {},
      {
        csrfFrom: `/caseload/${a.referralId}/connections/${connection.id}`,
      },
    )
    assert.equal(made.statusCode, 200)
    assert.match(made.body, /A register link for Walk and talk/)
    const email = context.emails[before]!
    assert.match(email.subject, /Your register for Walk and talk/)
    const registerToken = /\/connections\/register\/([A-Za-z0-9_-]+)/.exec(email.text)![1]!

    const { WebSession } = await import('../../../test/helpers/web-session.ts')
    const group = new WebSession(context.app)
    const page = await group.get(`/connections/register/${registerToken}`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, new RegExp(connection.shared['name']!))
    assert.doesNotMatch(page.body, new RegExp(self.found.referral.person.givenName), 'a self-contact is never listed')
    const csrfToken = group.csrfToken() ?? null
    const today = londonToday()
    const [year, month, day] = today.split('-') as [string, string, string]
    const tomorrow = addDays(today, 1).split('-') as [string, string, string]
    const future = await group.post(
      `/connections/register/${registerToken}`,
      { day: tomorrow[2], month: tomorrow[1], year: tomorrow[0], people: [connection.id] },
      { csrfToken },
    )
    assert.equal(future.statusCode, 400)
    assert.match(future.body, /must be today or in the past/)
    const outsider = await group.post(
      `/connections/register/${registerToken}`,
      { day, month, year, people: [self.found.episode.id] },
      { csrfToken },
    )
    assert.equal(outsider.statusCode, 400)
    assert.match(outsider.body, /Tick the people who came from the list/)
    for (let i = 0; i < 2; i++) {
      const saved = await group.post(
        `/connections/register/${registerToken}`,
        { day, month, year, people: [connection.id] },
        { csrfToken },
      )
      assert.equal(saved.statusCode, 303)
      assert.match(String(saved.headers.location), new RegExp(`recorded=${i === 0 ? 1 : 0}&`))
    }
    let [row] = await context.db.select().from(connections).where(eq(connections.id, connection.id))
    assert.equal(row!.status, 'started')
    const lastWeek = addDays(today, -7).split('-') as [string, string, string]
    await group.post(
      `/connections/register/${registerToken}`,
      { day: lastWeek[2], month: lastWeek[1], year: lastWeek[0], people: [connection.id] },
      { csrfToken },
    )
    ;[row] = await context.db.select().from(connections).where(eq(connections.id, connection.id))
    assert.equal(row!.status, 'attended')
    const days = await context.db.select().from(attendances).where(eq(attendances.connectionId, connection.id))
    assert.equal(days.length, 2, 'each day once')
    const seen = await worker.get(`/caseload/${a.referralId}/connections/${connection.id}`)
    assert.match(seen.body, /Going regularly|Attending/)
    assert.equal((await group.get('/connections/register/not-a-real-token')).statusCode, 404)
  })

  it('puts unanswered groups and people who stopped going on the caseload', async () => {
    const quiet = await connectedTo(walk)
    const sentLongAgo = new Date(Date.now() - 21 * 86_400_000)
    await connectPerson(
      quiet.scope,
      quiet.found,
      {
        submissionKey: randomUUID(),
        directoryServiceId: walk,
        goalKey: null,
        sharing: 'contact',
        accompaniedBy: 'nobody',
        firstSessionNote: '',
      },
      quiet.actor,
      sentLongAgo,
    )
    const gone = await connectedTo(walk)
    const { token } = await connectPerson(
      gone.scope,
      gone.found,
      {
        submissionKey: randomUUID(),
        directoryServiceId: walk,
        goalKey: null,
        sharing: 'contact',
        accompaniedBy: 'nobody',
        firstSessionNote: '',
      },
      gone.actor,
    )
    await answerAsProvider(context.db, token!, { status: 'accepted', reason: null, note: '' }, SEED_AUDIT)
    const { connection } = await openResponseLink(context.db, token!)
    const register = await createRegisterLink(gone.scope, gone.found, connection.id, gone.actor)
    await recordRegister(context.db, register.token, addDays(londonToday(), -40), [connection.id], SEED_AUDIT)

    const worker = await org2.users['worker']!.session()
    const caseload = await worker.get('/caseload')
    assert.equal(caseload.statusCode, 200)
    assert.match(caseload.body, /To follow up/)
    assert.match(caseload.body, /Walk and talk has not answered in 10 working days/)
    assert.match(caseload.body, /Not been to Walk and talk for 5 weeks/)
  })
})

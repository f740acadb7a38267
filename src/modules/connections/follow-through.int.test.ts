// SPDX-License-Identifier: AGPL-3.0-or-later
// After a connection is made (issue 11): the reminder to a silent group, the person's own check-in, the referrer
// seeing progress, the person's email and leaflet, "still going?" at close, a closed group flagged, and a
// community provider answering from its account.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { before, describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { actorOf, hiddenField, scopeOf, todayFields } from '../../../test/factories/casework.ts'
import { linkTokenFrom, personWithPlan } from '../../../test/factories/connections.ts'
import { listingSnapshot, testListing } from '../../../test/factories/directory.ts'
import { createTestOrganisation, useTestContext, type TestOrganisation } from '../../../test/helpers/test-app.ts'
import { WebSession } from '../../../test/helpers/web-session.ts'
import { auditEvents } from '../../platform/audit/audit.table.ts'
import type { EmailMessage } from '../../platform/email/email.ts'
import { londonToday } from '../casework/index.ts'
import { linkServiceToProvider } from '../directory/index.ts'
import { recordConsentDecision } from '../people/index.ts'
import { findReferralForService } from '../referrals/index.ts'
import { referrals } from '../referrals/referrals.table.ts'
import { followUpsFor } from './episode-hooks.service.ts'
import { attendances, connections } from './connections.table.ts'
import { sendNudges } from './nudge.job.ts'

const context = useTestContext()
let org: TestOrganisation
let hub: TestOrganisation
let strum: string
let walk: string
const DAY_MS = 86_400_000

async function connectTo(person: { referralId: string }, service: string, fields: Record<string, string> = {}) {
  const session = await org.users['worker']!.session()
  const form = await session.get(`/caseload/${person.referralId}/connections/new?service=${service}`)
  assert.equal(form.statusCode, 200)
  const body = {
    service,
    goal: 'none',
    sharing: 'contact',
    accompaniedBy: 'nobody',
    firstSessionNote: 'Ask for Moira at the door',
    submissionKey: hiddenField(form.body, 'submissionKey'),
    ...fields,
  }
  const response = await session.post(`/caseload/${person.referralId}/connections/new`, body)
  assert.equal(response.statusCode, 303)
  const connectionId = /connections\/([0-9a-f-]{36})/.exec(String(response.headers.location))![1]!
  return { session, response, body, formPage: form.body, connectionId }
}

async function row(connectionId: string) {
  const [found] = await context.db
    .select()
    .from(connections)
    .where(and(eq(connections.organisationId, org.organisation.id), eq(connections.id, connectionId)))
  return found!
}

async function registerToken(session: WebSession, referralId: string, connectionId: string): Promise<string> {
  const before = context.emails.length
  const page = `/caseload/${referralId}/connections/${connectionId}`
  const made = await session.post(`${page}/register`, {}, { csrfFrom: page })
  if (made.statusCode === 200) return /\/connections\/register\/([A-Za-z0-9_-]{75})/.exec(made.body)![1]!
  assert.equal(made.statusCode, 303)
  const emailed = context.emails.slice(before).find((e) => e.text.includes('/connections/register/'))
  if (emailed) return linkTokenFrom(emailed.text, 'register')
  const shown = await session.get(String(made.headers.location))
  return /\/connections\/register\/([A-Za-z0-9_-]{75})/.exec(shown.body)![1]!
}

describe('connections after they are made', () => {
  before(async () => {
    const areaName = `Follow-through area ${randomUUID().slice(0, 8)}`
    org = await createTestOrganisation(context, {
      areaName,
      users: { supervisor: ['supervisor'], worker: ['link-worker'], editor: ['directory-editor'] },
    })
    hub = await createTestOrganisation(context, { areaName, type: 'vcse', users: { fiona: ['provider'] } })
    strum = await testListing(context, org, 'editor', listingSnapshot('Strum Along'))
    walk = await testListing(context, org, 'editor', listingSnapshot('Park walk', { monthlyPlaces: 2 }))
  })

  it('reminds a silent group once, with a new link, after the working days set, and never chases a withdrawn person', async () => {
    const person = await personWithPlan(context, org, [{ directoryServiceId: strum, name: 'Strum Along' }])
    const quiet = await personWithPlan(context, org, [{ directoryServiceId: strum, name: 'Strum Along' }])
    const before = context.emails.length
    const first = await connectTo(person, strum)
    const firstToken = linkTokenFrom(context.emails[before]!.text)
    const second = await connectTo(quiet, strum)
    await recordConsentDecision(
      scopeOf(context, org),
      quiet.personId,
      { scope: 'share-with-providers', given: false, method: 'verbal', submissionKey: randomUUID() },
      actorOf(org, 'worker'),
    )
    const sent: EmailMessage[] = []
    const sender = { kind: 'memory' as const, send: async (m: EmailMessage) => void sent.push(m) }
    const rules = { nudgeWorkingDays: 5 }
    const only = { organisationId: org.organisation.id }
    // Two calendar days on: not yet.
    await sendNudges(context.db, sender, 'https://waymark.example', rules, {
      ...only,
      now: new Date(Date.now() + 2 * DAY_MS),
    })
    assert.equal(sent.length, 0)
    const later = new Date(Date.now() + 9 * DAY_MS)
    assert.deepEqual(await sendNudges(context.db, sender, 'https://waymark.example', rules, { ...only, now: later }), {
      sent: 1,
    })
    assert.equal(sent[0]!.to, 'moira@strum.example')
    assert.match(sent[0]!.subject, /^Reminder: someone would like to join Strum Along/)
    assert.doesNotMatch(sent[0]!.text, new RegExp(person.name), 'the reminder holds nothing about the person')
    const newToken = linkTokenFrom(sent[0]!.text)
    assert.notEqual(newToken, firstToken)
    // The first link stops working; the new one opens the connection.
    assert.equal((await context.app.inject({ url: `/connections/respond/${firstToken}` })).statusCode, 404)
    const opened = await context.app.inject({ url: `/connections/respond/${newToken}` })
    assert.equal(opened.statusCode, 200)
    assert.match(opened.body, new RegExp(person.name))
    // Once only; the withdrawn person's group is never chased.
    assert.deepEqual(await sendNudges(context.db, sender, 'https://waymark.example', rules, { ...only, now: later }), {
      sent: 0,
    })
    assert.ok((await row(first.connectionId)).nudgedAt)
    assert.equal((await row(second.connectionId)).nudgedAt, null)
    const page = await first.session.get(`/caseload/${person.referralId}/connections/${first.connectionId}`)
    assert.match(page.body, /Reminder sent to the group/)
    const audited = await context.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.recordId, first.connectionId), eq(auditEvents.action, 'connection.nudge')))
    assert.equal(audited.length, 1)
  })

  it('moves the referral to "connected" when the group takes them on, so the referrer sees progress', async () => {
    const person = await personWithPlan(context, org, [{ directoryServiceId: strum, name: 'Strum Along' }])
    const before = context.emails.length
    await connectTo(person, strum)
    const token = linkTokenFrom(context.emails[before]!.text)
    const group = new WebSession(context.app)
    await group.get(`/connections/respond/${token}`)
    // A refusal without its reason keeps what the group wrote.
    const unfinished = await group.post(`/connections/respond/${token}`, {
      status: 'declined',
      note: 'Sorry, we are full until the spring',
    })
    assert.equal(unfinished.statusCode, 400)
    assert.match(unfinished.body, /Sorry, we are full until the spring/)
    assert.match(unfinished.body, /value="declined" checked/)
    assert.equal((await group.post(`/connections/respond/${token}`, { status: 'accepted' })).statusCode, 303)
    const referral = await findReferralForService(scopeOf(context, org), person.referralId)
    assert.equal(referral?.businessStatus, 'connected')
    // Kept for the equity report, whatever the referral goes on to.
    const [row] = await context.db
      .select({ connectedAt: referrals.connectedAt })
      .from(referrals)
      .where(eq(referrals.id, person.referralId))
    assert.ok(row?.connectedAt instanceof Date)
  })

  it('lets the person check in with their own code on the group’s register, once a day, and by nobody else’s code', async () => {
    const person = await personWithPlan(context, org, [{ directoryServiceId: strum, name: 'Strum Along' }])
    const { session, connectionId } = await connectTo(person, strum)
    const code = (await row(connectionId)).checkInCode!
    assert.match(code, /^[A-Z2-9]{6}$/)
    const shown = await session.get(`/caseload/${person.referralId}/connections/${connectionId}`)
    assert.match(
      shown.body,
      new RegExp(`${code.slice(0, 3)} ${code.slice(3)}`),
      'the link worker sees the code to give',
    )
    // The group has not answered yet, but someone accepted elsewhere opens a register for the group.
    const other = await personWithPlan(context, org, [{ directoryServiceId: strum, name: 'Strum Along' }])
    const accepted = await connectTo(other, strum)
    const acceptedIt = await session.post(
      `/caseload/${other.referralId}/connections/${accepted.connectionId}`,
      { status: 'accepted', rowVersion: '1' },
      { csrfFrom: `/caseload/${other.referralId}/connections/${accepted.connectionId}` },
    )
    assert.equal(acceptedIt.statusCode, 303, /error-summary[\s\S]{0,400}/.exec(acceptedIt.body)?.[0])
    const token = await registerToken(session, other.referralId, accepted.connectionId)
    const door = new WebSession(context.app)
    const register = await door.get(`/connections/register/${token}`)
    assert.equal(register.statusCode, 200)
    assert.match(register.body, /Checking in with your own code/)

    // A register with an impossible date keeps the date typed and who was ticked.
    const ticked =
      /name="people" type="checkbox" value="([0-9a-f-]{36})"/.exec(register.body)?.[1] ??
      /value="([0-9a-f-]{36})"[^>]*name="people"/.exec(register.body)![1]!
    const badDate = await door.post(`/connections/register/${token}`, {
      day: '31',
      month: '2',
      year: '2026',
      people: ticked,
    })
    assert.equal(badDate.statusCode, 400)
    assert.match(badDate.body, /The date of the session must be a real date/)
    assert.match(badDate.body, /value="31"/)
    assert.match(badDate.body, new RegExp(`value="${ticked}" checked`))
    const empty = await door.post(`/connections/register/${token}/check-in`, { checkInCode: '' })
    assert.equal(empty.statusCode, 400)
    assert.match(empty.body, /Enter your check-in code/)
    const wrong = await door.post(`/connections/register/${token}/check-in`, { checkInCode: 'zzz 999' })
    assert.equal(wrong.statusCode, 400)
    assert.match(wrong.body, /We could not find that code for this group/)
    assert.match(wrong.body, /value="zzz 999"/, 'what was typed is kept')

    const typed = `${code.slice(0, 3).toLowerCase()} ${code.slice(3)}`
    const checkedIn = await door.post(`/connections/register/${token}/check-in`, { checkInCode: typed })
    assert.equal(checkedIn.statusCode, 200)
    assert.match(checkedIn.body, /You are checked in/)
    assert.match(checkedIn.body, new RegExp(`Thank you, Person`))
    const again = await door.post(
      `/connections/register/${token}/check-in`,
      { checkInCode: code },
      { csrfFrom: `/connections/register/${token}` },
    )
    assert.match(again.body, /You were already checked in today/)
    const days = await context.db
      .select()
      .from(attendances)
      .where(and(eq(attendances.organisationId, org.organisation.id), eq(attendances.connectionId, connectionId)))
    assert.deepEqual(
      days.map((d) => [d.attendedOn, d.recordedThrough]),
      [[londonToday(), 'check-in']],
    )
    assert.equal((await row(connectionId)).status, 'started', 'their first session starts the connection')
    const referral = await findReferralForService(scopeOf(context, org), person.referralId)
    assert.equal(referral?.businessStatus, 'connected')
  })

  it('shows how full a group is, emails the person its details once if they agreed, and prints them on the leaflet', async () => {
    const person = await personWithPlan(
      context,
      org,
      [
        { directoryServiceId: walk, name: 'Park walk' },
        { directoryServiceId: strum, name: 'Strum Along' },
      ],
      { person: { email: 'ann.person@example.org' } },
    )
    const before = context.emails.length
    const { session, formPage, body, response, connectionId } = await connectTo(person, walk, {
      emailPerson: 'yes',
      accompaniedBy: 'link-worker',
    })
    assert.match(formPage, /It can take 2 new people a month/)
    assert.match(formPage, /Email [^<]+ the group’s details and these arrangements at ann.person@example.org/)
    assert.match(String(response.headers.location), /&person=emailed$/)
    const toPerson = context.emails.slice(before).filter((e) => e.to === 'ann.person@example.org')
    assert.equal(toPerson.length, 1)
    assert.match(toPerson[0]!.text, /Your first session: Ask for Moira at the door/)
    assert.match(toPerson[0]!.text, /I will come with you the first time/)
    assert.doesNotMatch(toPerson[0]!.text, /loneliness|Music, and getting out/i)
    // A retried submission sends nothing more.
    await session.post(`/caseload/${person.referralId}/connections/new`, body, {
      csrfFrom: `/caseload/${person.referralId}/connections/new`,
    })
    assert.equal(context.emails.slice(before).filter((e) => e.to === 'ann.person@example.org').length, 1)
    const leaflet = await session.get(`/caseload/${person.referralId}/plan/leaflet`)
    assert.equal(leaflet.statusCode, 200)
    const code = (await row(connectionId)).checkInCode!
    assert.match(leaflet.body, /Your first session/)
    assert.match(leaflet.body, new RegExp(`${code.slice(0, 3)} ${code.slice(3)}`))
    // The next person sees that one of the two places this month has gone.
    const next = await personWithPlan(context, org, [{ directoryServiceId: walk, name: 'Park walk' }])
    const form = await session.get(`/caseload/${next.referralId}/connections/new`)
    assert.match(
      form.body,
      /1 person from your service sent there in the last 30 days. It can take 2 new people a month/,
    )
  })

  it('asks "still going?" for each group started when support ends, and keeps the answer', async () => {
    const person = await personWithPlan(context, org, [{ directoryServiceId: strum, name: 'Strum Along' }])
    const { session, connectionId } = await connectTo(person, strum)
    for (const [status, rowVersion] of [
      ['accepted', '1'],
      ['started', '2'],
    ] as const) {
      const url = `/caseload/${person.referralId}/connections/${connectionId}`
      const moved = await session.post(url, { status, rowVersion }, { csrfFrom: url })
      assert.equal(moved.statusCode, 303, /error-summary[\s\S]{0,600}/.exec(moved.body)?.[0])
    }
    const form = await session.get(`/caseload/${person.referralId}/close`)
    assert.match(form.body, /still going to Strum Along\?/)
    const field = `stillAttending-${connectionId}`
    const fields = {
      reason: 'connected-independent',
      summary: 'Plays every Thursday.',
      connectedTo: 'Strum Along',
      ...todayFields(),
    }
    const missing = await session.post(`/caseload/${person.referralId}/close`, fields)
    assert.equal(missing.statusCode, 400)
    assert.match(missing.body, /Select whether they are still going to Strum Along/)
    assert.match(missing.body, /Plays every Thursday\./, 'what was typed is kept')
    const check = await session.post(`/caseload/${person.referralId}/close`, { ...fields, [field]: 'yes' })
    assert.equal(check.statusCode, 200)
    assert.match(check.body, /Still going at the end of support/)
    assert.match(check.body, new RegExp(`name="${field}" value="yes"`))
    const closed = await session.post(`/caseload/${person.referralId}/close`, {
      ...fields,
      [field]: 'yes',
      step: 'confirm',
    })
    assert.equal(closed.statusCode, 303)
    assert.equal((await row(connectionId)).stillAttending, 'yes')
  })

  it('lets the link worker record a dated session once, never in the future, and not for someone who stopped', async () => {
    const person = await personWithPlan(context, org, [{ directoryServiceId: strum, name: 'Strum Along' }])
    const { session, connectionId } = await connectTo(person, strum)
    const url = `/caseload/${person.referralId}/connections/${connectionId}/session`
    const form = await session.get(url)
    assert.equal(form.statusCode, 200)
    const future = await session.post(url, {
      day: '1',
      month: '1',
      year: String(Number(londonToday().slice(0, 4)) + 1),
    })
    assert.equal(future.statusCode, 400)
    assert.match(future.body, /The date of the session must be today or in the past/)
    const [year, month, day] = londonToday().split('-') as [string, string, string]
    for (let i = 0; i < 2; i++) {
      const saved = await session.post(url, { day, month, year }, { csrfFrom: url })
      assert.equal(saved.statusCode, 303)
      assert.match(String(saved.headers.location), /\?saved=session$/)
    }
    const days = await context.db
      .select()
      .from(attendances)
      .where(and(eq(attendances.organisationId, org.organisation.id), eq(attendances.connectionId, connectionId)))
    assert.deepEqual(
      days.map((d) => [d.attendedOn, d.recordedThrough]),
      [[londonToday(), 'link-worker']],
    )
    assert.equal((await row(connectionId)).status, 'started')
    const page = await session.get(`/caseload/${person.referralId}/connections/${connectionId}?saved=session`)
    assert.match(page.body, /The session has been recorded\./)
    // Once they have stopped going, the page sends the link worker back to the connection.
    const stop = `/caseload/${person.referralId}/connections/${connectionId}`
    await session.post(stop, { status: 'stopped', stopReason: 'goal-met', rowVersion: '2' }, { csrfFrom: stop })
    assert.equal((await row(connectionId)).status, 'stopped')
    const after = await session.get(url)
    assert.equal(after.statusCode, 303)
    assert.equal(after.headers.location, stop)
  })

  it('flags open connections to a group that closes, on the link worker’s follow-ups', async () => {
    const lunch = await testListing(context, org, 'editor', listingSnapshot('Lunch club'))
    const person = await personWithPlan(context, org, [{ directoryServiceId: lunch, name: 'Lunch club' }])
    await connectTo(person, lunch)
    const scope = scopeOf(context, org)
    const { episodeId } = person
    assert.deepEqual(await followUpsFor(scope, [episodeId], londonToday()), [])
    const editor = await org.users['editor']!.session()
    const closedIt = await editor.post(
      `/directory/manage/services/${lunch}/status`,
      { status: 'defunct' },
      {
        csrfFrom: '/directory/manage',
      },
    )
    assert.ok([200, 303].includes(closedIt.statusCode), `status change answered ${closedIt.statusCode}`)
    const flagged = await followUpsFor(scope, [episodeId], londonToday())
    assert.equal(flagged.length, 1)
    assert.equal(flagged[0]!.text, 'Lunch club has closed: talk to them about another group')
    // The episode page lists the connection, how it is going, and the same follow-up.
    const worker = await org.users['worker']!.session()
    const episode = await worker.get(`/caseload/${person.referralId}`)
    assert.equal(episode.statusCode, 200)
    assert.match(episode.body, /Lunch club<\/a>/)
    assert.match(episode.body, /Sent, waiting for the group/)
    assert.match(episode.body, /Lunch club has closed: talk to them about another group/)
  })

  it('shows a community provider every connection to the groups it runs, and lets it answer there', async () => {
    const hubGroup = await testListing(context, org, 'editor', {
      ...listingSnapshot('Hub coffee morning'),
      organizationName: 'Friends of the Hub',
    })
    await linkServiceToProvider(scopeOf(context, org), hubGroup, hub.organisation.id)
    const person = await personWithPlan(context, org, [{ directoryServiceId: hubGroup, name: 'Hub coffee morning' }])
    const withdrawn = await personWithPlan(context, org, [{ directoryServiceId: hubGroup, name: 'Hub coffee morning' }])
    const { connectionId } = await connectTo(person, hubGroup)
    const gone = await connectTo(withdrawn, hubGroup)
    await recordConsentDecision(
      scopeOf(context, org),
      withdrawn.personId,
      { scope: 'share-with-providers', given: false, method: 'verbal', submissionKey: randomUUID() },
      actorOf(org, 'worker'),
    )
    const fiona = await hub.users['fiona']!.session()
    const list = await fiona.get('/connections/group')
    assert.equal(list.statusCode, 200)
    assert.match(list.body, new RegExp(person.name))
    assert.match(list.body, /Details withdrawn/)
    assert.doesNotMatch(list.body, new RegExp(withdrawn.name))
    const url = `/connections/group/${org.organisation.id}/${connectionId}`
    const page = await fiona.get(url)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Ask for Moira at the door/)
    assert.equal((await fiona.get(`/connections/group/${org.organisation.id}/${gone.connectionId}`)).statusCode, 410)
    const missing = await fiona.post(url, { status: 'declined', rowVersion: '1' }, { csrfFrom: url })
    assert.equal(missing.statusCode, 400)
    assert.match(missing.body, /Select why/)
    const answered = await fiona.post(url, { status: 'accepted', note: 'See you Tuesday', rowVersion: '1' })
    assert.equal(answered.statusCode, 303)
    assert.equal((await row(connectionId)).status, 'accepted')
    // A second answer (a colleague with the page still open) is refused, not recorded twice.
    const twice = await fiona.post(
      url,
      { status: 'declined', declineReason: 'full', rowVersion: '1' },
      { csrfFrom: url },
    )
    assert.equal(twice.statusCode, 409)
    assert.equal((await row(connectionId)).status, 'accepted')

    // Another provider, and a connection to a group the hub does not run, are not the hub's to see.
    const strumConnection = await connectTo(
      await personWithPlan(context, org, [{ directoryServiceId: strum, name: 'Strum Along' }]),
      strum,
    )
    assert.equal(
      (await fiona.get(`/connections/group/${org.organisation.id}/${strumConnection.connectionId}`)).statusCode,
      404,
    )
    assert.doesNotMatch((await fiona.get('/connections/group')).body, /Strum Along/)
    const worker = await org.users['worker']!.session()
    assert.equal((await worker.get('/connections/group')).statusCode, 403)
  })
})

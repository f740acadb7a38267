// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { createTestOrganisation, useTestContext } from '../../../test/helpers/test-app.ts'
import { changeReferral } from '../referrals/index.ts'
import { addDays, londonToday } from './casework.ts'
import { changeEpisodeDetails, pauseEpisode, recordContact, resumeEpisode } from './episode-changes.service.ts'
import { openCase } from './casework.service.ts'
import { allocations, episodes } from './casework.table.ts'
import { viewTeam } from './team.service.ts'
import { financialYearStart } from './team.ts'
import {
  actorOf,
  allocatedReferral,
  closedCase,
  hiddenField,
  noon,
  referralAt,
  scopeOf,
  testService,
} from '../../../test/factories/casework.ts'

const context = useTestContext()

describe('casework: the team view', () => {
  it('counts each worker’s caseload, people supported this financial year, capacity and overdue work', async () => {
    const org = await testService(context)
    const scope = scopeOf(context, org)
    const worker = actorOf(org, 'worker')
    const today = londonToday()
    const yearStart = financialYearStart(today)

    // 1. Opened 50 days ago, level 3, contacted 30 days ago: review overdue (42 days) and no contact for 3 weeks.
    const a = await allocatedReferral(context, org, 'worker', { now: noon(addDays(today, -50)) })
    const opened = await openCase(scope, a, worker, { now: noon(addDays(today, -50)) })
    await changeEpisodeDetails(
      scope,
      a,
      { pathway: 'short-term', complexity: 3, complexityReason: '', contactAllowance: 10 },
      opened.episode.version,
      worker,
    )
    await recordContact(
      scope,
      a,
      {
        submissionKey: randomUUID(),
        type: 'phone',
        contactOn: addDays(today, -30),
        durationMinutes: 20,
        whoWasThere: '',
        notes: '',
        riskCheck: null,
        nextContactOn: null,
      },
      worker,
    )
    // 2. Received a month ago and never opened: first contact overdue, complexity not assessed.
    await allocatedReferral(context, org, 'worker', { now: noon(addDays(today, -30)) })
    // 3. Paused: counted as paused, never overdue.
    const paused = await allocatedReferral(context, org, 'worker')
    await openCase(scope, paused, worker)
    await pauseEpisode(scope, paused, 'hospital-stay', '', worker)
    // 4. Closed this year: counts as supported, not on the caseload.
    await referralAt(context, org, 'closed')
    // 5. Opened and closed before this financial year began: not counted.
    const old = addDays(yearStart, -30)
    const previous = await allocatedReferral(context, org, 'worker', { now: noon(old) })
    await openCase(scope, previous, worker, { now: noon(old) })
    await closedCase(context, org, previous, {
      closing: { reason: 'moved-away', closedOn: addDays(old, 5) },
      now: noon(addDays(old, 5)),
    })
    // The other worker has one new person, and a capacity of their own.
    await allocatedReferral(context, org, 'other')
    const supervisorSession = await org.users['supervisor']!.session()
    let page = await supervisorSession.get(`/team/${org.users['other']!.id}/capacity`)
    assert.equal(page.statusCode, 200)
    const badCapacity = await supervisorSession.post(`/team/${org.users['other']!.id}/capacity`, {
      annualCapacity: 'ten',
    })
    assert.equal(badCapacity.statusCode, 400)
    assert.match(badCapacity.body, /must be a whole number/)
    assert.match(badCapacity.body, /value="ten"/)
    await supervisorSession.get(`/team/${org.users['other']!.id}/capacity`)
    assert.equal(
      (await supervisorSession.post(`/team/${org.users['other']!.id}/capacity`, { annualCapacity: '2' })).statusCode,
      303,
    )

    const team = await viewTeam(scope, actorOf(org, 'supervisor'))
    const byName = new Map(team.rows.map((r) => [r.userId, r]))
    const mine = byName.get(org.users['worker']!.id)!
    assert.deepEqual(
      {
        active: mine.active,
        paused: mine.paused,
        supported: mine.supportedThisYear,
        capacity: mine.capacity,
        complexity: { ...mine.complexity },
        overdueReviews: mine.overdueReviews,
        overdueFirstContacts: mine.overdueFirstContacts,
        noRecentContact: mine.noRecentContact,
      },
      {
        active: 2,
        paused: 1,
        // a, paused and closed (the unopened referral has no episode yet; the old one ended last year)
        supported: 3,
        capacity: 220,
        complexity: { 1: 0, 2: 0, 3: 1, none: 2 },
        overdueReviews: 1,
        overdueFirstContacts: 1,
        noRecentContact: 1,
      },
    )
    const other = byName.get(org.users['other']!.id)!
    assert.equal(other.active, 1)
    assert.equal(other.capacity, 2)
    assert.equal(other.capacityIsDefault, false)
    assert.equal(byName.has(org.users['supervisor']!.id), false)

    page = await supervisorSession.get('/team')
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Your team/)
    assert.match(page.body, new RegExp(`3 of 220 \\(1%\\)`))
    assert.match(page.body, /No contact for 3 weeks/)

    page = await supervisorSession.get(`/team/${org.users['worker']!.id}`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /No contact for 3 weeks/)
    assert.match(page.body, /Reallocate/)
    // The supervisor can read an open episode of the worker, without the worker's buttons.
    page = await supervisorSession.get(`/caseload/${a}`)
    assert.equal(page.statusCode, 200)
    assert.doesNotMatch(page.body, /Record a contact/)
    assert.match(page.body, new RegExp(`href="/team/${org.users['worker']!.id}"`))
  })

  it('is for supervisors of the service only', async () => {
    const org = await testService(context)
    const worker = await org.users['worker']!.session()
    assert.equal((await worker.get('/team')).statusCode, 403)
    assert.equal((await worker.get('/team/settings')).statusCode, 403)
    const supervisor = await org.users['supervisor']!.session()
    const elsewhere = await createTestOrganisation(context, { users: { worker: ['link-worker'] } })
    assert.equal((await supervisor.get(`/team/${elsewhere.users['worker']!.id}`)).statusCode, 404)
    assert.equal((await supervisor.get(`/team/${org.users['referrer']!.id}`)).statusCode, 404)
    assert.equal((await supervisor.get('/team/not-a-user')).statusCode, 404)
    assert.equal((await supervisor.get(`/team/${elsewhere.users['worker']!.id}/capacity`)).statusCode, 404)
  })
})

describe('casework: reallocation', () => {
  it('moves a person to another link worker with a reason, keeping the history, once', async () => {
    const org = await testService(context)
    const scope = scopeOf(context, org)
    const referralId = await allocatedReferral(context, org)
    await openCase(scope, referralId, actorOf(org, 'worker'))
    const fromId = org.users['worker']!.id
    const toId = org.users['other']!.id
    const url = `/team/${fromId}/reallocate/${referralId}`
    const supervisor = await org.users['supervisor']!.session()
    let page = await supervisor.get(url)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Who should support them now/)
    const version = hiddenField(page.body, 'version')
    const token = supervisor.csrfToken()!

    const invalid = await supervisor.post(url, { version, toUserId: '', reason: 'Kept reason' }, { csrfToken: token })
    assert.equal(invalid.statusCode, 400)
    assert.match(invalid.body, /Select who should support this person now/)
    assert.match(invalid.body, /Kept reason/)
    const notAWorker = await supervisor.post(
      url,
      { version, toUserId: org.users['referrer']!.id, reason: 'x' },
      { csrfToken: token },
    )
    assert.equal(notAWorker.statusCode, 400)

    const moved = await supervisor.post(
      url,
      { version, toUserId: toId, reason: 'Balancing caseloads' },
      { csrfToken: token },
    )
    assert.equal(moved.statusCode, 303)
    assert.equal(moved.headers.location, `/team/${fromId}?saved=reallocated`)
    const retry = await supervisor.post(
      url,
      { version, toUserId: toId, reason: 'Balancing caseloads' },
      { csrfToken: token },
    )
    assert.equal(retry.statusCode, 303)

    const [episode] = await context.db.select().from(episodes).where(eq(episodes.referralId, referralId))
    assert.equal(episode!.linkWorkerUserId, toId)
    const rows = await context.db
      .select()
      .from(allocations)
      .where(and(eq(allocations.organisationId, org.organisation.id), eq(allocations.episodeId, episode!.id)))
    assert.equal(rows.length, 2, 'the first allocation and one reallocation')

    // A stale form moving the person elsewhere is refused.
    const back = await supervisor.post(
      `/team/${toId}/reallocate/${referralId}`,
      { version, toUserId: fromId, reason: 'Back again' },
      { csrfToken: token },
    )
    assert.equal(back.statusCode, 409)

    const newWorker = await org.users['other']!.session()
    page = await newWorker.get(`/caseload/${referralId}`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Allocation history/)
    assert.match(page.body, /Balancing caseloads/)
    assert.match(
      page.body,
      new RegExp(`From ${org.users['worker']!.displayName} to ${org.users['other']!.displayName}`),
    )
    const oldWorker = await org.users['worker']!.session()
    assert.equal((await oldWorker.get(`/caseload/${referralId}`)).statusCode, 404)
  })

  it('follows a reallocation made on the referral page the next time the case is opened', async () => {
    const org = await testService(context)
    const scope = scopeOf(context, org)
    const referralId = await allocatedReferral(context, org)
    await openCase(scope, referralId, actorOf(org, 'worker'))
    await changeReferral(
      scope,
      referralId,
      { kind: 'reallocate', ownerUserId: org.users['other']!.id },
      actorOf(org, 'supervisor'),
    )
    const { episode } = await openCase(scope, referralId, actorOf(org, 'other'))
    assert.equal(episode.linkWorkerUserId, org.users['other']!.id)
    await openCase(scope, referralId, actorOf(org, 'other'))
    const rows = await context.db
      .select()
      .from(allocations)
      .where(and(eq(allocations.organisationId, org.organisation.id), eq(allocations.episodeId, episode.id)))
    assert.equal(rows.length, 2)
    assert.equal(rows.find((r) => r.fromUserId)?.reason, 'Reallocated on the referral page')
  })
})

describe('casework: settings', () => {
  it('validates, saves, refuses a stale save, and applies to new episodes and follow-ups', async () => {
    const org = await testService(context)
    const supervisor = await org.users['supervisor']!.session()
    let page = await supervisor.get('/team/settings')
    assert.equal(page.statusCode, 200)
    // Out of the box the short-term pathway allows 8 contacts and the long-term 12, as the seeds do.
    assert.match(page.body, /name="defaultContactAllowance"[^>]*value="8"/)
    assert.match(page.body, /name="longTermContactAllowance"[^>]*value="12"/)
    const token = supervisor.csrfToken()!
    const fields = {
      updatedAt: '',
      defaultContactAllowance: '8',
      longTermContactAllowance: '14',
      defaultAnnualCapacity: '240',
      followUpAfterWeeks: '10',
      noContactAlertWeeks: '2',
    }
    const invalid = await supervisor.post(
      '/team/settings',
      { ...fields, defaultAnnualCapacity: '0', followUpAfterWeeks: '' },
      { csrfToken: token },
    )
    assert.equal(invalid.statusCode, 400)
    assert.match(invalid.body, /must be between 1 and 1000/)
    assert.match(invalid.body, /Enter the weeks after first contact for the follow-up check/)
    assert.match(invalid.body, /value="8"/)
    const saved = await supervisor.post('/team/settings', fields, { csrfToken: token })
    assert.equal(saved.statusCode, 303)
    // A second save from the same (now stale) form is refused rather than overwriting.
    const stale = await supervisor.post(
      '/team/settings',
      { ...fields, defaultContactAllowance: '9' },
      { csrfToken: token },
    )
    assert.equal(stale.statusCode, 409)
    // The form comes back with what this supervisor typed, the other save's timestamp, and why.
    assert.match(stale.body, /Someone else saved the casework settings/)
    assert.match(stale.body, /name="defaultContactAllowance"[^>]*value="9"/)
    assert.notEqual(hiddenField(stale.body, 'updatedAt'), '')
    page = await supervisor.get('/team/settings')
    const updatedAt = hiddenField(page.body, 'updatedAt')
    assert.ok(updatedAt)
    assert.equal(
      (await supervisor.post('/team/settings', { ...fields, updatedAt, defaultContactAllowance: '9' })).statusCode,
      303,
    )

    const scope = scopeOf(context, org)
    const worker = actorOf(org, 'worker')
    const referralId = await allocatedReferral(context, org)
    const { episode } = await openCase(scope, referralId, worker)
    assert.equal(episode.contactAllowance, 9)
    const firstContactOn = addDays(londonToday(), -1)
    await recordContact(
      scope,
      referralId,
      {
        submissionKey: randomUUID(),
        type: 'video',
        contactOn: firstContactOn,
        durationMinutes: 30,
        whoWasThere: '',
        notes: '',
        riskCheck: null,
        nextContactOn: null,
      },
      worker,
    )
    let [row] = await context.db.select().from(episodes).where(eq(episodes.referralId, referralId))
    assert.equal(row!.followUpOn, addDays(firstContactOn, 70))
    // Paused for 3 days: the follow-up moves on by 3 days, like the review.
    await pauseEpisode(scope, referralId, 'caring-crisis', '', worker, { now: noon(londonToday()) })
    await resumeEpisode(scope, referralId, worker, { now: noon(addDays(londonToday(), 3)) })
    ;[row] = await context.db.select().from(episodes).where(eq(episodes.referralId, referralId))
    assert.equal(row!.followUpOn, addDays(firstContactOn, 73))

    const caseload = await (await org.users['worker']!.session()).get('/caseload')
    assert.equal(caseload.statusCode, 200)
  })
})

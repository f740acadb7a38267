// SPDX-License-Identifier: AGPL-3.0-or-later
// Who may see a person (ADR 0024), through the web on both databases: link workers the people they support,
// cover set by a supervisor, break-glass with a reason, and every refused read audited as refused.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { auditEvents } from '../../platform/audit/audit.table.ts'
import { type TestOrganisation, useTestContext } from '../../../test/helpers/test-app.ts'
import {
  allocatedReferral,
  hiddenField,
  scopeOf,
  SEED_ACTOR,
  testService as service,
} from '../../../test/factories/casework.ts'
import { findReferralForService } from '../referrals/index.ts'
import { addDays, londonToday } from './casework.ts'
import { openBreakGlass, personAccessFor } from './person-access.service.ts'
import { breakGlass, cover } from './person-access.table.ts'

const context = useTestContext()

/** A referral for a new person (family name Thomson), accepted and allocated to `ownerKey`. */
async function referTo(org: TestOrganisation, ownerKey: string, givenName: string) {
  const referralId = await allocatedReferral(context, org, ownerKey, { person: { givenName, familyName: 'Thomson' } })
  const referral = await findReferralForService(scopeOf(context, org), referralId)
  return { referralId, personId: referral!.personId }
}

async function auditOutcomes(org: TestOrganisation, userId: string, recordId: string): Promise<string[]> {
  const rows = await context.db
    .select({ outcome: auditEvents.outcome, details: auditEvents.details })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.chainId, org.organisation.id),
        eq(auditEvents.actorUserId, userId),
        eq(auditEvents.action, 'view'),
        eq(auditEvents.recordId, recordId),
      ),
    )
  return rows.map(
    (r) =>
      `${r.outcome}${(r.details as Record<string, string>)['reason'] ? `:${(r.details as Record<string, string>)['reason']}` : ''}`,
  )
}

function dateParts(isoDate: string) {
  const [year, month, day] = isoDate.split('-')
  return { endsOnDay: String(Number(day)), endsOnMonth: String(Number(month)), endsOnYear: year! }
}

describe('who may see a person', () => {
  it('shows a link worker the people they support, refuses others with the way to break-glass, and audits the refusal', async () => {
    const org = await service(context)
    const theirs = await referTo(org, 'other', 'Morag')
    const mine = await referTo(org, 'worker', 'Isla')
    const worker = await org.users['worker']!.session()
    const workerId = org.users['worker']!.id

    assert.equal((await worker.get(`/people/${mine.personId}`)).statusCode, 200)
    const refused = await worker.get(`/people/${theirs.personId}`)
    assert.equal(refused.statusCode, 403)
    assert.match(refused.body, /You do not support this person/)
    assert.doesNotMatch(refused.body, /Morag/)
    assert.match(refused.body, /href="\/people\/break-glass\?then=%2Fpeople%2F/)
    for (const suffix of ['/details', '/consents/new', '/flags/new'])
      assert.equal((await worker.get(`/people/${theirs.personId}${suffix}`)).statusCode, 403, suffix)
    // Posting a change straight to the form's address is refused the same way, and changes nothing.
    const posted = await worker.post(`/people/${theirs.personId}/flags`, { kind: 'other-risk', details: 'x' })
    assert.equal(posted.statusCode, 403)
    assert.deepEqual((await auditOutcomes(org, workerId, theirs.personId)).sort(), [
      'denied:not-supported',
      'denied:not-supported',
      'denied:not-supported',
      'denied:not-supported',
      'denied:not-supported',
    ])
    assert.deepEqual(await auditOutcomes(org, workerId, mine.personId), ['success'])

    // Search finds only their own; the supervisor finds both.
    const search = await worker.get('/people?name=thomson')
    assert.match(search.body, /1 person found/)
    assert.match(search.body, /Isla/)
    assert.doesNotMatch(search.body, /Morag/)
    const supervisor = await org.users['supervisor']!.session()
    assert.match((await supervisor.get('/people?name=thomson')).body, /2 people found/)
    assert.equal((await supervisor.get(`/people/${theirs.personId}`)).statusCode, 200)
  })

  it('audits a refused referral read as denied, not as a success', async () => {
    const org = await service(context)
    const theirs = await referTo(org, 'other', 'Morag')
    const worker = await org.users['worker']!.session()
    const colleague = await org.users['other']!.session()
    assert.equal((await worker.get(`/referrals/${theirs.referralId}`)).statusCode, 404)
    assert.equal((await worker.get(`/referrals/${theirs.referralId}/message-back`)).statusCode, 404)
    assert.deepEqual(await auditOutcomes(org, org.users['worker']!.id, theirs.referralId), [
      'denied:held-by-another-worker',
      'denied:held-by-another-worker',
    ])
    assert.equal((await colleague.get(`/referrals/${theirs.referralId}`)).statusCode, 200)
    assert.deepEqual(await auditOutcomes(org, org.users['other']!.id, theirs.referralId), ['success'])
    const unknown = '00000000-0000-4000-8000-000000000001'
    assert.equal((await worker.get(`/referrals/${unknown}`)).statusCode, 404)
    assert.deepEqual(await auditOutcomes(org, org.users['worker']!.id, unknown), ['denied:not-found'])
  })
})

describe('cover', () => {
  it('lets a supervisor set cover once, with errors that keep what was chosen, and end it', async () => {
    const org = await service(context)
    const theirs = await referTo(org, 'other', 'Morag')
    const worker = await org.users['worker']!.session()
    const supervisor = await org.users['supervisor']!.session()
    const form = await supervisor.get('/team/cover')
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /No one is covering for anyone today/)
    const key = hiddenField(form.body, 'submissionKey')
    const today = londonToday()

    const missing = await supervisor.post('/team/cover', {
      covered: org.users['other']!.id,
      covering: '',
      endsOnDay: '',
      endsOnMonth: '',
      endsOnYear: '',
      submissionKey: key,
    })
    assert.equal(missing.statusCode, 400)
    assert.match(missing.body, /There is a problem/)
    assert.match(missing.body, /Select the link worker who will cover/)
    assert.match(missing.body, /Enter the last day of cover/)
    assert.match(missing.body, new RegExp(`value="${org.users['other']!.id}" selected`))
    const tooLong = await supervisor.post('/team/cover', {
      covered: org.users['other']!.id,
      covering: org.users['worker']!.id,
      ...dateParts(addDays(today, 200)),
      submissionKey: key,
    })
    assert.equal(tooLong.statusCode, 400)
    assert.match(tooLong.body, /up to 92 days/)
    const self = await supervisor.post('/team/cover', {
      covered: org.users['worker']!.id,
      covering: org.users['worker']!.id,
      ...dateParts(today),
      submissionKey: key,
    })
    assert.match(self.body, /Select a different link worker to cover/)

    const fields = {
      covered: org.users['other']!.id,
      covering: org.users['worker']!.id,
      ...dateParts(addDays(today, 7)),
      submissionKey: key,
    }
    assert.equal((await supervisor.post('/team/cover', fields)).statusCode, 303)
    // A retried submission (the same key) sets it once.
    assert.equal((await supervisor.post('/team/cover', fields, { csrfFrom: '/team/cover' })).statusCode, 303)
    const rows = await context.db.select().from(cover).where(eq(cover.organisationId, org.organisation.id))
    assert.equal(rows.length, 1)
    // The same cover again from a fresh form is refused on the form, with what was chosen kept.
    const fresh = await supervisor.get('/team/cover')
    const twice = await supervisor.post('/team/cover', {
      ...fields,
      submissionKey: hiddenField(fresh.body, 'submissionKey'),
    })
    assert.equal(twice.statusCode, 409)
    assert.match(twice.body, /They already cover for this link worker/)
    assert.match(twice.body, new RegExp(`value="${org.users['worker']!.id}" selected`))
    assert.equal((await context.db.select().from(cover).where(eq(cover.organisationId, org.organisation.id))).length, 1)

    // The cover reads and updates the record of the person their colleague supports, and finds them.
    assert.equal((await worker.get(`/people/${theirs.personId}`)).statusCode, 200)
    assert.equal((await worker.get(`/people/${theirs.personId}/details`)).statusCode, 200)
    assert.match((await worker.get('/people?name=morag')).body, /1 person found/)
    // Cover is for people, not the caseload: the colleague's referral stays theirs.
    assert.equal((await worker.get(`/referrals/${theirs.referralId}`)).statusCode, 404)

    const listed = await supervisor.get('/team/cover')
    assert.match(listed.body, /Cover has been set|End cover/)
    const ended = await supervisor.post(`/team/cover/${rows[0]!.id}/end`, {})
    assert.equal(ended.statusCode, 303)
    assert.equal((await worker.get(`/people/${theirs.personId}`)).statusCode, 403)
    // Ending it twice is a 404, not a second audit entry.
    assert.equal(
      (await supervisor.post(`/team/cover/${rows[0]!.id}/end`, {}, { csrfFrom: '/team/cover' })).statusCode,
      404,
    )
    // Only supervisors set cover.
    assert.equal((await worker.get('/team/cover')).statusCode, 403)
  })
})

describe('break-glass', () => {
  it('needs a reason, reads but never changes, shows the supervisor every record opened, and ends on request', async () => {
    const org = await service(context)
    const theirs = await referTo(org, 'other', 'Morag')
    const worker = await org.users['worker']!.session()
    const supervisor = await org.users['supervisor']!.session()
    const start = `/people/break-glass?then=${encodeURIComponent(`/people/${theirs.personId}`)}`
    const form = await worker.get(start)
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /Why do you need to see records of people you do not support/)
    const key = hiddenField(form.body, 'submissionKey')
    const then = hiddenField(form.body, 'then')
    assert.equal(then, `/people/${theirs.personId}`)

    const short = await worker.post('/people/break-glass', { reason: 'needed', then, submissionKey: key })
    assert.equal(short.statusCode, 400)
    assert.match(short.body, /at least 10 characters/)
    assert.match(short.body, />needed</)
    const opened = await worker.post('/people/break-glass', {
      reason: 'She phoned in distress; her link worker is on leave',
      then,
      submissionKey: key,
    })
    assert.equal(opened.statusCode, 303)
    assert.equal(opened.headers.location, `/people/${theirs.personId}`)

    const page = await worker.get(`/people/${theirs.personId}`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /You are using break-glass access/)
    assert.match(page.body, /She phoned in distress/)
    assert.doesNotMatch(page.body, /Edit details/)
    const change = await worker.get(`/people/${theirs.personId}/details`)
    assert.equal(change.statusCode, 403)
    assert.match(change.body, /Break-glass access is for reading only/)
    assert.match((await worker.get('/people?name=morag')).body, /1 person found/)
    // A second visit while the window is open goes straight on.
    const again = await worker.get(start)
    assert.equal(again.statusCode, 303)

    const review = await supervisor.get('/team/break-glass')
    assert.equal(review.statusCode, 200)
    assert.match(review.body, /She phoned in distress/)
    assert.match(review.body, /Morag Thomson/)
    assert.match(review.body, /Open now/)
    const audit = await auditOutcomes(org, org.users['worker']!.id, theirs.personId)
    assert.deepEqual(audit.sort(), ['denied:break-glass-is-read-only', 'success'])

    assert.equal((await worker.post('/people/break-glass/end', {}, { csrfFrom: '/people' })).statusCode, 303)
    assert.equal((await worker.get(`/people/${theirs.personId}`)).statusCode, 403)
    assert.match((await supervisor.get('/team/break-glass')).body, /Ended early/)
    const windows = await context.db.select().from(breakGlass).where(eq(breakGlass.organisationId, org.organisation.id))
    assert.equal(windows.length, 1)
  })

  it('lapses after its hour, and goes only to a person page whatever the form was sent', async () => {
    const org = await service(context)
    const theirs = await referTo(org, 'other', 'Morag')
    const worker = await org.users['worker']!.session()
    const form = await worker.get('/people/break-glass')
    const sent = await worker.post('/people/break-glass', {
      reason: 'Checking who rang the office this morning',
      then: 'https://example.com/elsewhere',
      submissionKey: hiddenField(form.body, 'submissionKey'),
    })
    assert.equal(sent.headers.location, '/people')

    const viewer = {
      userId: org.users['worker']!.id,
      name: 'Worker',
      supervisor: false,
      audit: { ...SEED_ACTOR, organisationId: org.organisation.id, userId: org.users['worker']!.id },
    }
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000)
    const scope = scopeOf(context, org)
    await openBreakGlass(scope, viewer, { reason: 'An old window', submissionKey: crypto.randomUUID() }, twoHoursAgo)
    const access = await personAccessFor(scope, viewer, new Date(twoHoursAgo.getTime() + 59 * 60_000))
    assert.equal(access.kind === 'supported' && access.breakGlass?.reason, 'An old window')
    // Now: the old window has lapsed, and the one opened through the form is the open one.
    const now = await personAccessFor(scope, viewer)
    assert.equal(now.kind === 'supported' && now.breakGlass?.reason, 'Checking who rang the office this morning')
    await worker.post('/people/break-glass/end', {}, { csrfFrom: '/people' })
    assert.equal((await worker.get(`/people/${theirs.personId}`)).statusCode, 403)
  })
})

// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { auditEvents } from '../../platform/audit/audit.table.ts'
import { createTestOrganisation, useTestContext } from '../../../test/helpers/test-app.ts'
import { escalations, episodes } from './casework.table.ts'
import { allocatedReferral, hiddenField, testService, todayFields } from '../../../test/factories/casework.ts'

const context = useTestContext()

function escalationFields(page: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    submissionKey: hiddenField(page, 'submissionKey'),
    kind: 'mental-health',
    toWhom: 'Community mental health team',
    reason: 'Low mood getting worse',
    urgent: 'no',
    ...todayFields(),
    ...extra,
  }
}

describe('casework: onward referrals (escalations)', () => {
  it('records an escalation once, lists it, and records its outcome with a version check', async () => {
    const org = await testService(context)
    const referralId = await allocatedReferral(context, org)
    const session = await org.users['worker']!.session()

    let page = await session.get(`/caseload/${referralId}/escalations/new`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Refer on to another service/)
    const fields = escalationFields(page.body)

    // Validation: everything missing, values kept.
    const invalid = await session.post(`/caseload/${referralId}/escalations`, {
      ...fields,
      kind: '',
      reason: '',
      urgent: '',
      toWhom: 'Kept value',
    })
    assert.equal(invalid.statusCode, 400)
    assert.match(invalid.body, /There is a problem/)
    assert.match(invalid.body, /Select what kind of onward referral this is/)
    assert.match(invalid.body, /Enter why you referred the person on/)
    assert.match(invalid.body, /value="Kept value"/)

    // A double submission records once.
    await session.get(`/caseload/${referralId}/escalations/new`)
    const token = session.csrfToken()!
    const first = await session.post(`/caseload/${referralId}/escalations`, fields, { csrfToken: token })
    assert.equal(first.statusCode, 303)
    assert.equal(first.headers.location, `/caseload/${referralId}?saved=escalation`)
    const again = await session.post(`/caseload/${referralId}/escalations`, fields, { csrfToken: token })
    assert.equal(again.statusCode, 303)
    const rows = await context.db.select().from(escalations).where(eq(escalations.organisationId, org.organisation.id))
    assert.equal(rows.length, 1)
    assert.equal(rows[0]!.kind, 'mental-health')

    page = await session.get(`/caseload/${referralId}?saved=escalation`)
    assert.match(page.body, /The onward referral has been recorded/)
    assert.match(page.body, /Specialist mental health/)
    assert.match(page.body, /Not recorded yet/)
    assert.match(page.body, /Record outcome/)

    const outcomeUrl = `/caseload/${referralId}/escalations/${rows[0]!.id}/outcome`
    page = await session.get(outcomeUrl)
    assert.equal(page.statusCode, 200)
    const version = hiddenField(page.body, 'version')
    const missing = await session.post(outcomeUrl, { version, outcome: 'other', outcomeText: '', ...todayFields() })
    assert.equal(missing.statusCode, 400)
    assert.match(missing.body, /Enter what happened/)
    await session.get(outcomeUrl)
    const outcomeToken = session.csrfToken()!
    const saved = await session.post(
      outcomeUrl,
      { version, outcome: 'accepted', outcomeText: 'Seen next week', ...todayFields() },
      { csrfToken: outcomeToken },
    )
    assert.equal(saved.statusCode, 303)
    // The same answer sent twice is fine; a different one from the stale page is refused.
    const retry = await session.post(
      outcomeUrl,
      { version, outcome: 'accepted', outcomeText: 'Seen next week', ...todayFields() },
      { csrfToken: outcomeToken },
    )
    assert.equal(retry.statusCode, 303)
    const stale = await session.post(
      outcomeUrl,
      { version, outcome: 'declined', outcomeText: 'No', ...todayFields() },
      { csrfToken: outcomeToken },
    )
    assert.equal(stale.statusCode, 409)
    page = await session.get(`/caseload/${referralId}`)
    assert.match(page.body, /Accepted/)
    assert.match(page.body, /Seen next week/)

    const audited = await context.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'escalation-raise'), eq(auditEvents.recordId, rows[0]!.episodeId)))
    assert.equal(audited.length, 1)
    assert.doesNotMatch(JSON.stringify(audited[0]!.details), /mental health team|Low mood/)
  })

  it('flags safeguarding on the episode when a safeguarding concern is raised, and keeps it flagged', async () => {
    const org = await testService(context)
    const referralId = await allocatedReferral(context, org)
    const session = await org.users['worker']!.session()
    let page = await session.get(`/caseload/${referralId}`)
    assert.doesNotMatch(page.body, /Safeguarding concern/)
    page = await session.get(`/caseload/${referralId}/escalations/new`)
    const response = await session.post(
      `/caseload/${referralId}/escalations`,
      escalationFields(page.body, { kind: 'safeguarding', toWhom: 'Adult protection', urgent: 'yes' }),
    )
    assert.equal(response.statusCode, 303)
    // Viewing again refreshes flags from the referral: the escalation's flag must survive that.
    page = await session.get(`/caseload/${referralId}`)
    page = await session.get(`/caseload/${referralId}`)
    assert.match(page.body, /Concern raised by the link worker with Adult protection/)
    const [episode] = await context.db.select().from(episodes).where(eq(episodes.referralId, referralId))
    assert.equal(episode!.safeguardingRisk, true)
    const caseload = await session.get('/caseload')
    assert.match(caseload.body, /Safeguarding/)
  })

  it('is for the allocated link worker only', async () => {
    const org = await testService(context)
    const referralId = await allocatedReferral(context, org)
    const other = await org.users['other']!.session()
    assert.equal((await other.get(`/caseload/${referralId}/escalations/new`)).statusCode, 404)
    const referrer = await org.users['referrer']!.session()
    assert.equal((await referrer.get(`/caseload/${referralId}/escalations/new`)).statusCode, 403)
    const elsewhere = await createTestOrganisation(context, { users: { worker: ['link-worker'] } })
    const stranger = await elsewhere.users['worker']!.session()
    assert.equal((await stranger.get(`/caseload/${referralId}/escalations/new`)).statusCode, 404)
    const worker = await org.users['worker']!.session()
    assert.equal((await worker.get(`/caseload/${referralId}/escalations/${randomUUID()}/outcome`)).statusCode, 404)
    assert.equal((await worker.get(`/caseload/${referralId}/escalations/nope/outcome`)).statusCode, 404)
  })
})

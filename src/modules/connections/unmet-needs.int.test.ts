// SPDX-License-Identifier: AGPL-3.0-or-later
// "No service fits" through the pages: the link worker records a need and why from the suggestions (refused with
// what was typed kept, stored once when sent twice), another worker cannot, and the supervisor's report counts it.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { allocatedReferral, hiddenField, inProgressCase, testService } from '../../../test/factories/casework.ts'
import { useTestContext } from '../../../test/helpers/test-app.ts'
import { auditEvents } from '../../platform/audit/audit.table.ts'
import { unmetNeeds } from './unmet-needs.table.ts'

const context = useTestContext()

describe('connections: needs no service could meet', () => {
  it('records the need and why, once, and the report counts it', async () => {
    const org = await testService(context)
    const referralId = await allocatedReferral(context, org)
    await inProgressCase(context, org, referralId)
    const worker = await org.users['worker']!.session()
    const url = `/caseload/${referralId}/connections/unmet-need`

    const suggestions = await worker.get(`/caseload/${referralId}/connections/suggestions`)
    assert.equal(suggestions.statusCode, 200)
    assert.match(suggestions.body, new RegExp(`href="${url}"`))

    const form = await worker.get(url)
    assert.equal(form.statusCode, 200)
    const submissionKey = hiddenField(form.body, 'submissionKey')
    // The referral's needs come first (loneliness, bereavement).
    assert.ok(form.body.indexOf('value="loneliness"') < form.body.indexOf('value="debt"'))

    const refused = await worker.post(url, { submissionKey, need: 'loneliness', reason: 'other', details: '' })
    assert.equal(refused.statusCode, 400)
    assert.match(refused.body, /Say what the other reason is/)
    assert.match(refused.body, /value="loneliness" checked/)

    const body = { submissionKey, need: 'loneliness', reason: 'wrong-time', details: 'Only weekday mornings <b>' }
    const saved = await worker.post(url, body, { csrfFrom: url })
    assert.equal(saved.statusCode, 303)
    assert.equal(saved.headers.location, `/caseload/${referralId}/connections/suggestions?saved=unmet-need`)
    assert.equal((await worker.post(url, body, { csrfFrom: url })).statusCode, 303)
    const stored = await context.db.select().from(unmetNeeds).where(eq(unmetNeeds.referralId, referralId))
    assert.equal(stored.length, 1, 'a retried form is stored once')
    assert.equal(stored[0]!.details, 'Only weekday mornings <b>')
    assert.match(stored[0]!.postcodeDistrict, /^[A-Z]{1,2}\d/)
    const [audited] = await context.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.recordType, 'unmet-need'), eq(auditEvents.recordId, stored[0]!.id)))
    assert.equal(audited?.action, 'unmet-need.create')

    const after = await worker.get(`/caseload/${referralId}/connections/suggestions?saved=unmet-need`)
    assert.match(after.body, /The unmet need is recorded/)
    assert.match(after.body, /loneliness or isolation: not at a time they can go/)

    // Another link worker's person is not theirs to record for.
    const other = await org.users['other']!.session()
    assert.equal((await other.get(url)).statusCode, 404)

    // The supervisor's report counts it (exact for their own service).
    const supervisor = await org.users['supervisor']!.session()
    const csv = await supervisor.get('/reports/table.csv?period=12m&table=unmet-by-need')
    assert.equal(csv.statusCode, 200)
    assert.match(csv.body, /^Loneliness or isolation,1\r$/m)
    const reasons = await supervisor.get('/reports/table.csv?period=12m&table=unmet-by-reason')
    assert.match(reasons.body, /^Not at a time they can go,1\r$/m)
  })
})

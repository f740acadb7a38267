// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { auditEvents } from '../../platform/audit/audit.table.ts'
import { scopeForSystemTask } from '../../platform/db/org-scope.ts'
import { createTestOrganisation, type TestOrganisation, useTestContext } from '../../../test/helpers/test-app.ts'
import { allocatedReferral, testService } from '../../../test/factories/casework.ts'
import { addDays, londonToday } from './casework.ts'
import { conversations, episodes } from './casework.table.ts'
import { findNeedsInForce } from './conversation.service.ts'

const context = useTestContext()

async function service(): Promise<TestOrganisation> {
  return testService(context)
}

async function allocated(org: TestOrganisation): Promise<string> {
  return allocatedReferral(context, org)
}

function fields(page: string, extra: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  const submissionKey = /name="submissionKey" value="([^"]+)"/.exec(page)![1]!
  const [year, month, day] = londonToday().split('-') as [string, string, string]
  return {
    submissionKey,
    day,
    month,
    year,
    whatMatters: 'Getting back to playing the ukulele with other people',
    strengths: 'Plays by ear; her neighbour checks in on her',
    interests: 'Ukulele, tango',
    whatGetsInTheWay: 'Nervous going to new places alone',
    needsConfirmed: 'loneliness',
    needsAdded: ['digital-exclusion'],
    ...extra,
  }
}

describe('casework: the "what matters" conversation', () => {
  it('records a conversation once, shows it on the episode and makes its needs the ones in force', async () => {
    const org = await service()
    const referralId = await allocated(org)
    const session = await org.users['worker']!.session()
    const form = await session.get(`/caseload/${referralId}/conversation`)
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /No conversation recorded yet/)
    assert.match(form.body, /Loneliness or isolation/)

    const filled = fields(form.body, { interests: '<b>Tango</b>' })
    const first = await session.post(`/caseload/${referralId}/conversation`, filled)
    assert.equal(first.statusCode, 303)
    assert.equal(first.headers.location, `/caseload/${referralId}?saved=conversation`)
    // A retry of the same form records nothing more.
    const again = await session.post(`/caseload/${referralId}/conversation`, filled, {
      csrfFrom: `/caseload/${referralId}`,
    })
    assert.equal(again.statusCode, 303)
    const rows = await context.db
      .select()
      .from(conversations)
      .where(eq(conversations.organisationId, org.organisation.id))
    assert.equal(rows.length, 1)
    assert.deepEqual(rows[0]!.needsConfirmed, ['loneliness'])
    assert.deepEqual(rows[0]!.needsAdded, ['digital-exclusion'])

    const episodePage = await session.get(`/caseload/${referralId}?saved=conversation`)
    assert.match(episodePage.body, /The conversation has been saved/)
    assert.match(episodePage.body, /Getting back to playing the ukulele with other people/)
    assert.match(episodePage.body, /&lt;b&gt;Tango&lt;\/b&gt;/)
    assert.match(episodePage.body, /Loneliness or isolation, Getting online \(digital exclusion\)/)

    // A second conversation becomes current; the first stays in the history.
    const second = await session.get(`/caseload/${referralId}/conversation`)
    assert.match(second.body, /Getting back to playing the ukulele/)
    const response = await session.post(
      `/caseload/${referralId}/conversation`,
      fields(second.body, { whatMatters: 'Dancing again', needsConfirmed: ['bereavement'], needsAdded: ['caring'] }),
    )
    assert.equal(response.statusCode, 303)
    const history = await session.get(`/caseload/${referralId}/conversation`)
    assert.match(history.body, /Dancing again/)
    assert.match(history.body, /\(current\)/)
    assert.match(history.body, /Getting back to playing the ukulele/)

    const [episode] = await context.db.select().from(episodes).where(eq(episodes.organisationId, org.organisation.id))
    const scope = scopeForSystemTask(context.db, org.organisation, 'test assertions read the service records')
    const inForce = await findNeedsInForce(scope, episode!.id, ['loneliness', 'bereavement'])
    assert.deepEqual(inForce.needs, ['bereavement', 'caring'])
    assert.equal(inForce.conversation?.whatMatters, 'Dancing again')

    const audited = await context.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'conversation-record'), eq(auditEvents.recordId, episode!.id)))
    assert.equal(audited.length, 2)
    assert.doesNotMatch(JSON.stringify(audited.map((a) => a.details)), /ukulele|Dancing/)
  })

  it('refuses a missing answer and a future date, keeping what was typed', async () => {
    const org = await service()
    const referralId = await allocated(org)
    const session = await org.users['worker']!.session()
    const form = await session.get(`/caseload/${referralId}/conversation`)
    const [year, month, day] = addDays(londonToday(), 2).split('-') as [string, string, string]
    const response = await session.post(
      `/caseload/${referralId}/conversation`,
      fields(form.body, { whatMatters: '', year, month, day, needsConfirmed: [], needsAdded: [] }),
    )
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /There is a problem/)
    assert.match(response.body, /Enter what matters to them, in their own words/)
    assert.match(response.body, /Date of the conversation must be today or in the past/)
    assert.match(response.body, /Select at least one need/)
    assert.match(response.body, /Plays by ear; her neighbour checks in on her/)
    assert.match(response.body, /Nervous going to new places alone/)
    const rows = await context.db
      .select()
      .from(conversations)
      .where(eq(conversations.organisationId, org.organisation.id))
    assert.equal(rows.length, 0)
  })

  it('is only for the allocated link worker', async () => {
    const org = await service()
    const referralId = await allocated(org)
    const other = await org.users['other']!.session()
    assert.equal((await other.get(`/caseload/${referralId}/conversation`)).statusCode, 404)
    const referrer = await org.users['referrer']!.session()
    assert.equal((await referrer.get(`/caseload/${referralId}/conversation`)).statusCode, 403)
    const elsewhere = await createTestOrganisation(context, { users: { worker: ['link-worker'] } })
    const stranger = await elsewhere.users['worker']!.session()
    assert.equal((await stranger.get(`/caseload/${referralId}/conversation`)).statusCode, 404)
    const worker = await org.users['worker']!.session()
    const form = await worker.get(`/caseload/${referralId}/conversation`)
    const posted = await other.post(`/caseload/${referralId}/conversation`, fields(form.body), {
      csrfFrom: '/caseload',
    })
    assert.equal(posted.statusCode, 404)
  })
})

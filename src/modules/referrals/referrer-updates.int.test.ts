// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createMemoryEmailSender } from '../../platform/email/email.ts'
import { scopeForSystemTask } from '../../platform/db/org-scope.ts'
import { createTestOrganisation, useTestContext } from '../../../test/helpers/test-app.ts'
import { exampleSubmission } from './referral.examples.ts'
import { changeReferral } from './referral.service.ts'
import { submitReferral } from './submission.service.ts'
import { sendReferrerUpdates } from './referrer-updates.service.ts'
import { dueAtFor } from './referrer-updates.ts'

const context = useTestContext()

describe('how often a referrer hears', () => {
  it('lets a GP choose a morning digest instead of an email per milestone', async () => {
    const areaName = `Updates area ${Math.random().toString(36).slice(2, 8)}`
    const service = await createTestOrganisation(context, {
      areaName,
      users: { supervisor: ['supervisor', 'link-worker'] },
    })
    const gp = await createTestOrganisation(context, { type: 'gp-practice', areaName, users: { gp: ['referrer'] } })
    const gpUser = gp.users['gp']!
    const session = await gpUser.session()

    let page = await session.get('/my-referrals/settings')
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /value="immediate" checked/)
    let response = await session.post('/my-referrals/settings', {})
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /Select how often you want to hear about your referrals/)
    response = await session.post('/my-referrals/settings', { updates: 'daily' })
    assert.equal(response.statusCode, 303)
    page = await session.get(response.headers.location!)
    assert.match(page.body, /value="daily" checked/)
    // A link worker is not a referrer: the page is not theirs.
    const supervisor = await service.users['supervisor']!.session()
    assert.equal((await supervisor.get('/my-referrals/settings')).statusCode, 403)

    const now = new Date()
    const submission = exampleSubmission(service.organisation.id)
    submission.referrer = {
      ...submission.referrer,
      userId: gpUser.id,
      organisationId: gp.organisation.id,
      email: gpUser.email,
    }
    const { referralId } = await submitReferral(context.db, submission, {
      userId: gpUser.id,
      organisationId: gp.organisation.id,
      role: 'referrer',
      ipAddress: null,
      correlationId: null,
    })
    const scope = scopeForSystemTask(context.db, { id: service.organisation.id, areaId: '' }, 'the test accepts')
    const actor = {
      audit: {
        userId: null,
        organisationId: service.organisation.id,
        role: 'test',
        ipAddress: null,
        correlationId: null,
      },
      userId: null,
      name: 'Test',
    }
    await changeReferral(
      scope,
      referralId,
      { kind: 'accept', ownerUserId: service.users['supervisor']!.id },
      actor,
      undefined,
      { now },
    )
    const email = createMemoryEmailSender()
    // Past the ten minutes an immediate update waits, but still before the morning digest (which may itself be
    // less than eleven minutes away when the test runs just before it).
    const morning = dueAtFor('daily', now).getTime()
    const beforeMorning = new Date(Math.min(now.getTime() + 11 * 60_000, morning - 1000))
    await sendReferrerUpdates(context.db, email, 'http://waymark.test', beforeMorning)
    assert.equal(email.sent.filter((m) => m.to === gpUser.email).length, 0, 'nothing before the morning')
    await sendReferrerUpdates(context.db, email, 'http://waymark.test', dueAtFor('daily', now))
    const mine = email.sent.filter((m) => m.to === gpUser.email)
    assert.equal(mine.length, 1)
    assert.match(mine[0]!.text, /accepted and allocated/)
  })
})

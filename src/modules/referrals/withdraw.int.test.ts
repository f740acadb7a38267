// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createTestOrganisation, useTestContext } from '../../../test/helpers/test-app.ts'
import { scopeForSystemTask } from '../../platform/db/org-scope.ts'
import { listAllAreas } from '../identity/index.ts'
import { exampleSubmission, findReferralForService, submitReferral } from './index.ts'

const context = useTestContext()

async function referralFromGp() {
  const service = await createTestOrganisation(context, { users: { supervisor: ['supervisor'] } })
  const areaName = (await listAllAreas(context.db)).find((a) => a.id === service.organisation.areaId)!.name
  const practice = await createTestOrganisation(context, { type: 'gp-practice', areaName, users: { gp: ['referrer'] } })
  const gp = practice.users['gp']!
  const submission = exampleSubmission(service.organisation.id, {
    source: 'web-form',
    referrer: {
      userId: gp.id,
      organisationId: practice.organisation.id,
      name: gp.displayName,
      profession: 'gp',
      email: null,
      phone: null,
    },
  })
  const origin = {
    userId: gp.id,
    organisationId: practice.organisation.id,
    role: 'referrer',
    ipAddress: '127.0.0.1',
    correlationId: 'test',
  }
  const { referralId } = await submitReferral(context.db, submission, origin)
  return { service, practice, gp, referralId }
}

describe('a referrer withdrawing a referral', () => {
  it('requires a reason, then cancels it in the service’s records with the reason in the history', async () => {
    const { service, gp, referralId } = await referralFromGp()
    const session = await gp.session()
    const page = await session.get(`/my-referrals/${referralId}`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Withdraw this referral/)
    const empty = await session.post(`/my-referrals/${referralId}/withdraw`, {
      reason: '',
      version: /name="version" value="(\d+)"/.exec(page.body)![1]!,
    })
    assert.equal(empty.statusCode, 400)
    assert.match(empty.body, /Enter why you are withdrawing this referral/)
    const version = /name="version" value="(\d+)"/.exec(empty.body)![1]!
    const done = await session.post(`/my-referrals/${referralId}/withdraw`, {
      reason: 'Moved to Inverness <b>last week</b>',
      version,
    })
    assert.equal(done.statusCode, 303)
    const after = await session.get(`/my-referrals/${referralId}`)
    assert.match(after.body, /Moved to Inverness &lt;b&gt;last week&lt;\/b&gt;/)
    assert.doesNotMatch(after.body, /Withdraw this referral/, 'a cancelled referral cannot be withdrawn again')
    const scope = scopeForSystemTask(context.db, service.organisation, 'checking the service side in a test')
    const seenByService = await findReferralForService(scope, referralId)
    assert.equal(seenByService?.status, 'cancelled')
    assert.equal(seenByService?.businessStatus, 'withdrawn')
  })

  it('refuses a stale page and another organisation’s referral', async () => {
    const { gp, referralId } = await referralFromGp()
    const session = await gp.session()
    await session.get(`/my-referrals/${referralId}`)
    const stale = await session.post(`/my-referrals/${referralId}/withdraw`, {
      reason: 'Sent in error',
      version: '999',
    })
    assert.equal(stale.statusCode, 409)
    assert.match(stale.body, /changed this referral since you opened the page/)
    const other = await referralFromGp()
    const stranger = await other.gp.session()
    await stranger.get('/my-referrals')
    const refused = await stranger.post(`/my-referrals/${referralId}/withdraw`, { reason: 'Not mine', version: '1' })
    assert.equal(refused.statusCode, 404)
  })
})

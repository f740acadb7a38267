// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createTestContext, createTestOrganisation, type TestContext } from '../../../test/helpers/test-app.ts'
import { scopeForSystemTask } from '../../platform/db/org-scope.ts'
import { exampleSubmission, findReferralForService, listReferralsMadeBy, submitReferral } from './index.ts'

let context: TestContext
const origin = { userId: null, organisationId: null, role: 'api-client', ipAddress: '127.0.0.1', correlationId: 'test' }

before(async () => {
  context = await createTestContext()
})
after(async () => {
  await context.close()
})

describe('submitReferral (the contract with the FHIR API)', () => {
  it('records a referral once per submission key and flags a likely duplicate person', async () => {
    const service = await createTestOrganisation(context, { users: { supervisor: ['supervisor'] } })
    const gp = await createTestOrganisation(context, {
      type: 'gp-practice',
      areaName: undefined,
      users: { gp: ['referrer'] },
    })
    // Same area is required: put the GP in the service's area.
    void gp
    const submission = exampleSubmission(service.organisation.id)
    const first = await submitReferral(context.db, submission, origin)
    assert.equal(first.created, true)
    assert.match(first.reference, /^WM-[A-Z0-9]{4}-[A-Z0-9]{4}$/)
    assert.equal(first.duplicateSuspected, false)
    const again = await submitReferral(context.db, submission, origin)
    assert.deepEqual(again, { ...first, created: false })

    const second = await submitReferral(context.db, { ...submission, submissionKey: 'another-key' }, origin)
    assert.equal(second.created, true)
    assert.equal(second.duplicateSuspected, true)

    const scope = scopeForSystemTask(context.db, service.organisation, 'reading back in a test')
    const detail = await findReferralForService(scope, first.referralId)
    assert.equal(detail?.status, 'requested')
    assert.equal(detail?.person.nhsNumber, '9434765919')
    assert.equal(detail?.contactTargetDate.length, 10)
    const made = await listReferralsMadeBy(context.db, gp.organisation.id, {}, { limit: 10, offset: 0 })
    assert.equal(made.total, 0)
  })
})

// SPDX-License-Identifier: AGPL-3.0-or-later
// Allied health professionals who do the social prescribing themselves (a physiotherapist, say) take the
// person onto their own caseload in their own organisation and use the same casework as a link worker.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { scopeForSystemTask } from '../../platform/db/org-scope.ts'
import { createTestOrganisation, type TestOrganisation, useTestContext } from '../../../test/helpers/test-app.ts'
import { exampleSubmission, findReferralForService, submitReferral } from '../referrals/index.ts'
import { londonToday } from './casework.ts'
import { episodes } from './casework.table.ts'

const context = useTestContext()

/** A hospital trust with a physiotherapist who refers and also does social prescribing themselves. */
async function trust(): Promise<TestOrganisation> {
  return createTestOrganisation(context, {
    type: 'hospital-trust',
    users: { physio: ['referrer', 'link-worker'], colleague: ['referrer', 'link-worker'], referrer: ['referrer'] },
  })
}

/** A referral the physiotherapist keeps on their own caseload (what the referral form's "I will do it" makes). */
async function ownCase(org: TestOrganisation, userKey = 'physio'): Promise<string> {
  const user = org.users[userKey]!
  const { referralId } = await submitReferral(
    context.db,
    exampleSubmission(org.organisation.id, {
      source: 'web-form',
      intensity: 'self',
      referrer: {
        userId: user.id,
        organisationId: org.organisation.id,
        name: user.displayName,
        profession: 'physiotherapist',
        email: null,
        phone: null,
      },
    }),
    { userId: user.id, organisationId: org.organisation.id, role: 'referrer', ipAddress: null, correlationId: null },
  )
  return referralId
}

function today(): Record<string, string> {
  const [year, month, day] = londonToday().split('-') as [string, string, string]
  return { day, month, year }
}

describe('casework: an allied health professional’s own caseload', () => {
  it('lets a physiotherapist open, contact and pause the person they support themselves', async () => {
    const org = await trust()
    const referralId = await ownCase(org)
    const session = await org.users['physio']!.session()

    const home = await session.get('/')
    assert.match(home.body, /href="\/caseload"/)
    const caseload = await session.get('/caseload')
    assert.equal(caseload.statusCode, 200)
    assert.match(caseload.body, /Margaret Thomson/)

    const episodePage = await session.get(`/caseload/${referralId}`)
    assert.equal(episodePage.statusCode, 200)
    const form = await session.get(`/caseload/${referralId}/contacts/new`)
    const submissionKey = /name="submissionKey" value="([^"]+)"/.exec(form.body)![1]!
    const recorded = await session.post(`/caseload/${referralId}/contacts`, {
      submissionKey,
      type: 'face-to-face-community',
      ...today(),
      duration: '30',
      whoWasThere: '',
      notes: 'Talked after the clinic about the walking group.',
    })
    assert.equal(recorded.statusCode, 303)

    const scope = scopeForSystemTask(context.db, org.organisation, 'test assertions read the trust records')
    assert.equal((await findReferralForService(scope, referralId))!.status, 'in-progress')
    const [episode] = await context.db
      .select()
      .from(episodes)
      .where(and(eq(episodes.organisationId, org.organisation.id), eq(episodes.referralId, referralId)))
    assert.equal(episode!.linkWorkerUserId, org.users['physio']!.id)
    assert.equal(episode!.contactsUsed, 1)

    const pause = await session.post(
      `/caseload/${referralId}/pause`,
      { reason: 'hospital-stay', reasonText: '' },
      {
        csrfFrom: `/caseload/${referralId}/pause`,
      },
    )
    assert.equal(pause.statusCode, 303)
    assert.equal((await findReferralForService(scope, referralId))!.status, 'on-hold')
  })

  it('keeps one professional’s own cases from their colleagues and from referrers without a caseload', async () => {
    const org = await trust()
    const referralId = await ownCase(org)
    const colleague = await org.users['colleague']!.session()
    assert.doesNotMatch((await colleague.get('/caseload')).body, /Margaret Thomson/)
    assert.equal((await colleague.get(`/caseload/${referralId}`)).statusCode, 404)
    const referrer = await org.users['referrer']!.session()
    assert.equal((await referrer.get('/caseload')).statusCode, 403)
  })
})

// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createTestContext, createTestOrganisation, type TestContext } from '../../../test/helpers/test-app.ts'
import { createReferrerScope, scopeForSystemTask } from '../../platform/db/org-scope.ts'
import { createMemoryEmailSender } from '../../platform/email/email.ts'
import {
  changeReferral,
  exampleSubmission,
  findReferralForService,
  listReferralsForService,
  listReferralsMadeBy,
  ReferralsError,
  sendContactTargetReminders,
  submitReferral,
} from './index.ts'
import { listConsentHistory, recordConsentDecision } from '../people/index.ts'

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
    const made = await listReferralsMadeBy(
      createReferrerScope(context.db, gp.organisation.id),
      {},
      { limit: 10, offset: 0 },
    )
    assert.equal(made.total, 0)
  })
})

describe('the service side', () => {
  it('refuses a reused submission key from someone else, and a stale change', async () => {
    const areaName = `Area ${Math.random().toString(36).slice(2, 8)}`
    const service = await createTestOrganisation(context, {
      areaName,
      users: { supervisor: ['supervisor', 'link-worker'] },
    })
    const gp = await createTestOrganisation(context, { type: 'gp-practice', areaName, users: { gp: ['referrer'] } })
    const otherGp = await createTestOrganisation(context, {
      type: 'gp-practice',
      areaName,
      users: { gp: ['referrer'] },
    })
    const submission = exampleSubmission(service.organisation.id, {
      referrer: {
        userId: null,
        organisationId: gp.organisation.id,
        name: 'Dr A',
        profession: 'gp',
        email: null,
        phone: null,
      },
    })
    const first = await submitReferral(context.db, submission, origin)
    await assert.rejects(
      submitReferral(
        context.db,
        { ...submission, referrer: { ...submission.referrer, organisationId: otherGp.organisation.id } },
        origin,
      ),
      (error: unknown) => error instanceof ReferralsError && error.code === 'REFERRALS_SUBMISSION_KEY_CONFLICT',
    )
    const scope = scopeForSystemTask(context.db, service.organisation, 'changing a referral in a test')
    const actor = { audit: origin, userId: service.users['supervisor']!.id, name: 'Supervisor' }
    await changeReferral(
      scope,
      first.referralId,
      { kind: 'accept', ownerUserId: service.users['supervisor']!.id },
      actor,
      1,
    )
    await assert.rejects(
      changeReferral(scope, first.referralId, { kind: 'pause', reason: 'In hospital' }, actor, 1),
      (error: unknown) => error instanceof ReferralsError && error.code === 'REFERRALS_CHANGED_BY_SOMEONE_ELSE',
    )
    await assert.rejects(
      changeReferral(scope, first.referralId, { kind: 'decline', reason: 'other', text: 'x' }, actor),
      (error: unknown) => error instanceof ReferralsError && error.code === 'REFERRALS_TRANSITION_NOT_ALLOWED',
    )
    const made = await listReferralsMadeBy(
      createReferrerScope(context.db, gp.organisation.id),
      {},
      { limit: 10, offset: 0 },
    )
    assert.equal(made.total, 1)
    assert.equal(made.rows[0]?.status, 'accepted')
  })

  it('redirects a referral to another service of the area, which receives it as new', async () => {
    const areaName = `Area ${Math.random().toString(36).slice(2, 8)}`
    const service = await createTestOrganisation(context, { areaName, users: { supervisor: ['supervisor'] } })
    const other = await createTestOrganisation(context, { areaName, users: { supervisor: ['supervisor'] } })
    const first = await submitReferral(context.db, exampleSubmission(service.organisation.id), origin)
    const scope = scopeForSystemTask(context.db, service.organisation, 'changing a referral in a test')
    const actor = { audit: origin, userId: service.users['supervisor']!.id, name: 'Supervisor' }
    const after = await changeReferral(
      scope,
      first.referralId,
      { kind: 'redirect', toOrganisationId: other.organisation.id, text: 'Covers Torry', agreedBy: 'verbal' },
      actor,
    )
    assert.equal(after.status, 'rejected')
    assert.equal(after.businessStatus, 'redirected')
    const otherScope = scopeForSystemTask(context.db, other.organisation, 'reading the redirected referral in a test')
    const { listReferralsForService } = await import('./index.ts')
    const received = await listReferralsForService(otherScope, { queue: 'new' }, { limit: 10, offset: 0 })
    assert.equal(received.total, 1)
    assert.equal(received.rows[0]?.personName, 'Margaret Thomson')
  })

  it('redirects only with the person’s agreement, and carries no consent they had not given', async () => {
    const areaName = `Area ${Math.random().toString(36).slice(2, 8)}`
    const service = await createTestOrganisation(context, { areaName, users: { supervisor: ['supervisor'] } })
    const other = await createTestOrganisation(context, { areaName, users: { supervisor: ['supervisor'] } })
    const first = await submitReferral(context.db, exampleSubmission(service.organisation.id), origin)
    const scope = scopeForSystemTask(context.db, service.organisation, 'changing a referral in a test')
    const referral = await findReferralForService(scope, first.referralId)
    // The person has since withdrawn their consent to share with community providers.
    await recordConsentDecision(
      scope,
      referral!.personId,
      { scope: 'share-with-providers', given: false, method: 'verbal', submissionKey: crypto.randomUUID() },
      { audit: origin, userId: service.users['supervisor']!.id, name: 'Supervisor' },
    )
    const supervisor = await service.users['supervisor']!.session()
    const url = `/referrals/${first.referralId}`
    const page = await supervisor.get(url)
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!
    const fields = { kind: 'redirect', toOrganisationId: other.organisation.id, text: '', version }
    const unanswered = await supervisor.post(`${url}/changes`, fields)
    assert.equal(unanswered.statusCode, 400)
    assert.match(unanswered.body, /Select whether the person has agreed to their referral going to this service/)
    const notYet = await supervisor.post(`${url}/changes`, { ...fields, agreedBy: 'no' }, { csrfFrom: url })
    assert.equal(notYet.statusCode, 400)
    assert.match(notYet.body, /Ask them first/)
    const otherScope = scopeForSystemTask(context.db, other.organisation, 'reading the redirected referral in a test')
    assert.equal((await listReferralsForService(otherScope, {}, { limit: 10, offset: 0 })).total, 0)

    const sent = await supervisor.post(`${url}/changes`, { ...fields, agreedBy: 'written' }, { csrfFrom: url })
    assert.equal(sent.statusCode, 303)
    const received = await listReferralsForService(otherScope, {}, { limit: 10, offset: 0 })
    assert.equal(received.total, 1)
    const forwarded = await findReferralForService(otherScope, received.rows[0]!.id)
    const consents = await listConsentHistory(otherScope, forwarded!.personId)
    const byScope = Object.fromEntries(consents.map((c) => [c.scope, c]))
    assert.equal(byScope['referral']?.given, true)
    assert.equal(byScope['referral']?.method, 'written')
    assert.equal(byScope['referral']?.recordedByName, service.users['supervisor']!.displayName)
    assert.equal(byScope['share-with-service']?.given, true)
    assert.equal(byScope['share-with-providers']?.given, false)
  })

  it('emails supervisors about referrals near or past the contact target, with counts and no names', async () => {
    const service = await createTestOrganisation(context, {
      users: { supervisor: ['supervisor'], worker: ['link-worker'] },
    })
    const longAgo = new Date(Date.now() - 30 * 86_400_000)
    await submitReferral(context.db, exampleSubmission(service.organisation.id), origin, { now: longAgo })
    const email = createMemoryEmailSender()
    const sent = await sendContactTargetReminders(context.db, email, 'http://waymark.test')
    assert.ok(sent >= 1)
    const mine = email.sent.filter((m) => m.to === service.users['supervisor']!.email)
    assert.equal(mine.length, 1)
    assert.match(mine[0]!.subject, /1 past/)
    assert.doesNotMatch(mine[0]!.text, /Margaret|Thomson/)
    assert.equal(email.sent.filter((m) => m.to === service.users['worker']!.email).length, 0)
  })
})

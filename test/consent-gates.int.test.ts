// SPDX-License-Identifier: AGPL-3.0-or-later
// Consent that gates what it governs (issue 13), one purpose a test: withdrawing consent to the referral or to
// the service holding the person's information stops the referral being accepted and stops anything more being
// shared with groups or sent to the person; a "no" to evaluation leaves their scores out of outcome reports.
// Each gate is shown undone by the person agreeing again.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { before, describe, it } from 'node:test'
import { actorOf, inProgressCase, scopeOf, SEED_ACTOR, testService } from './factories/casework.ts'
import { personWithPlan } from './factories/connections.ts'
import { listingSnapshot, testListing } from './factories/directory.ts'
import { createTestOrganisation, useTestContext, type TestOrganisation } from './helpers/test-app.ts'
import { createReportScope } from '../src/platform/db/org-scope.ts'
import { connectPerson, openConnectionCase } from '../src/modules/connections/connections.service.ts'
import { openResponseLink } from '../src/modules/connections/group-links.service.ts'
import { storeMeasure } from '../src/modules/outcomes/outcomes.service.ts'
import { summariseOutcomeChange } from '../src/modules/outcomes/index.ts'
import { recordConsentDecision, type ConsentScope } from '../src/modules/people/index.ts'
import {
  changeReferral,
  exampleSubmission,
  findReferralForService,
  submitReferral,
} from '../src/modules/referrals/index.ts'
import { openCase } from '../src/modules/casework/index.ts'

const context = useTestContext()
let org: TestOrganisation
let strum: string

async function decide(personId: string, scope: ConsentScope, given: boolean, owner: TestOrganisation = org) {
  await recordConsentDecision(
    scopeOf(context, owner),
    personId,
    { scope, given, method: 'verbal', submissionKey: randomUUID() },
    actorOf(owner, 'worker'),
  )
}

describe('consent gates what it governs', () => {
  before(async () => {
    org = await createTestOrganisation(context, {
      users: {
        supervisor: ['supervisor'],
        worker: ['link-worker'],
        other: ['link-worker'],
        referrer: ['referrer'],
        editor: ['directory-editor'],
      },
    })
    strum = await testListing(context, org, 'editor', listingSnapshot('Strum Along'))
  })

  it('refuses to accept a referral the person withdrew consent to, says so, and accepts once they agree again', async () => {
    const base = exampleSubmission(org.organisation.id)
    const { referralId } = await submitReferral(
      context.db,
      { ...base, person: { ...base.person, nhsNumber: null, givenName: 'Withdrawn', familyName: 'Tester' } },
      { ...SEED_ACTOR, organisationId: org.organisation.id },
    )
    const personId = (await findReferralForService(scopeOf(context, org), referralId))!.personId
    await decide(personId, 'referral', false)

    const supervisor = await org.users['supervisor']!.session()
    const page = await supervisor.get(`/referrals/${referralId}`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Consent withdrawn/)
    assert.match(page.body, /Withdrawn withdrew their consent to the referral on/)
    assert.match(page.body, /cannot be accepted while this stands: decline it/)
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!
    const refused = await supervisor.post(`/referrals/${referralId}/changes`, {
      kind: 'accept',
      ownerUserId: org.users['worker']!.id,
      version,
    })
    assert.equal(refused.statusCode, 409)
    assert.match(refused.body, /There is a problem/)
    assert.match(refused.body, /They have withdrawn their consent, so the referral cannot be accepted/)
    assert.equal((await findReferralForService(scopeOf(context, org), referralId))!.status, 'requested')

    await decide(personId, 'referral', true)
    await supervisor.get(`/referrals/${referralId}`)
    const accepted = await supervisor.post(`/referrals/${referralId}/changes`, {
      kind: 'accept',
      ownerUserId: org.users['worker']!.id,
      version,
    })
    assert.equal(accepted.statusCode, 303)
    assert.doesNotMatch((await supervisor.get(`/referrals/${referralId}`)).body, /Consent withdrawn/)
  })

  it('stops sharing with groups and sending questionnaires once consent to the service is withdrawn', async () => {
    const person = await personWithPlan(context, org, [{ directoryServiceId: strum, name: 'Strum Along' }], {
      consent: { shareWithProviders: true },
      person: { email: 'withdrawn@example.org' },
    })
    const scope = scopeOf(context, org)
    const actor = actorOf(org, 'worker')
    await inProgressCase(context, org, person.referralId)
    // A group already holds a link for them.
    const { token } = await connectPerson(
      scope,
      await openConnectionCase(scope, person.referralId, actor),
      {
        submissionKey: randomUUID(),
        directoryServiceId: strum,
        goalKey: null,
        sharing: 'contact',
        accompaniedBy: 'nobody',
        firstSessionNote: '',
      },
      actor,
    )
    assert.ok(token)
    assert.ok(await openResponseLink(context.db, token))

    await decide(person.personId, 'share-with-service', false)

    // The link the group holds opens nothing; no new connection can share their details.
    await assert.rejects(openResponseLink(context.db, token), { code: 'CONNECTIONS_CONSENT_WITHDRAWN' })
    const found = await openConnectionCase(scope, person.referralId, actor)
    assert.equal(found.mayShare, false)
    const worker = await org.users['worker']!.session()
    const episode = await worker.get(`/caseload/${person.referralId}`)
    assert.match(episode.body, /Consent withdrawn/)
    assert.match(episode.body, /withdrew their consent to the service holding their information/)
    assert.match((await worker.get(`/people/${person.personId}`)).body, /Consent withdrawn/)

    // No questionnaire link is sent, by any way.
    const outcomes = `/caseload/${person.referralId}/outcomes`
    assert.equal((await worker.get(outcomes)).statusCode, 200)
    const emailsBefore = context.emails.length
    const invite = await worker.post(
      `${outcomes}/invite`,
      { inviteTimepoint: 'baseline', inviteInstruments: ['ons4'], via: 'printed' },
      { csrfFrom: outcomes },
    )
    assert.equal(invite.statusCode, 409)
    assert.match(
      invite.body,
      /withdrew their consent to the service holding their information, so nothing more is sent/,
    )
    assert.equal(context.emails.length, emailsBefore)

    // Agreeing again reopens the way.
    await decide(person.personId, 'share-with-service', true)
    assert.ok(await openResponseLink(context.db, token))
    assert.equal((await openConnectionCase(scope, person.referralId, actor)).mayShare, true)
    assert.doesNotMatch((await worker.get(`/caseload/${person.referralId}`)).body, /Consent withdrawn/)
  })

  it('leaves people who said no to evaluation out of the outcome report, and counts them again if they agree', async () => {
    const service = await testService(context)
    const people: string[] = []
    for (const [baseline, followUp] of [
      [9, 6],
      [8, 8],
    ] as const) {
      const base = exampleSubmission(service.organisation.id)
      const { referralId } = await submitReferral(
        context.db,
        {
          ...base,
          person: { ...base.person, nhsNumber: null, givenName: `Scored${baseline}`, familyName: 'Tester' },
        },
        { ...SEED_ACTOR, organisationId: service.organisation.id },
      )
      const scope = scopeOf(context, service)
      await changeReferral(
        scope,
        referralId,
        { kind: 'accept', ownerUserId: service.users['worker']!.id },
        actorOf(service, 'supervisor'),
      )
      const worker = actorOf(service, 'worker')
      const { episode } = await openCase(scope, referralId, worker)
      for (const [timepoint, completedOn, total] of [
        ['baseline', '2026-04-02', baseline],
        ['follow-up', '2026-06-01', followUp],
      ] as const) {
        const first = Math.min(3, total - 2)
        const second = Math.min(3, total - first - 1)
        const stored = await storeMeasure(
          scope,
          { episodeId: episode.id, referralId, personId: episode.personId },
          {
            instrumentKey: 'ucla3',
            timepoint,
            completedOn,
            answers: { companionship: first, leftOut: second, isolated: total - first - second },
            submissionKey: randomUUID(),
          },
          { ...worker, collectedBy: 'link-worker' },
        )
        assert.equal(stored.ok, true)
      }
      people.push(episode.personId)
    }
    const report = () =>
      summariseOutcomeChange(createReportScope(context.db, [service.organisation.id]), {
        from: '2026-04-01',
        to: '2026-06-30',
      })
    assert.equal((await report())[0]!.n, 2)

    await decide(people[0]!, 'evaluation', false, service)
    const without = await report()
    assert.equal(without[0]!.n, 1)
    assert.equal(without[0]!.meanChange, 0)

    await decide(people[0]!, 'evaluation', true, service)
    assert.equal((await report())[0]!.n, 2)
  })
})

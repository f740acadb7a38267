// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { auditEvents } from '../../platform/audit/audit.table.ts'
import { createTestOrganisation, useTestContext } from '../../../test/helpers/test-app.ts'
import { findReferralForService, getMessageBack } from '../referrals/index.ts'
import { episodes } from './casework.table.ts'
import { closeEpisode } from './closing.service.ts'
import { actorOf, allocatedReferral, scopeOf, testService, todayFields } from '../../../test/factories/casework.ts'

const context = useTestContext()

const closeFields = (extra: Record<string, string> = {}) => ({
  reason: 'connected-independent',
  summary: 'Goes to the lunch club every week and feels less alone.',
  connectedTo: 'Northfield lunch club',
  ...todayFields(),
  ...extra,
})

describe('casework: ending support', () => {
  it('closes the episode and the referral, makes the message back, and keeps the episode readable', async () => {
    const org = await testService(context)
    const referralId = await allocatedReferral(context, org)
    const session = await org.users['worker']!.session()
    let page = await session.get(`/caseload/${referralId}`)
    assert.match(page.body, /End support/)

    page = await session.get(`/caseload/${referralId}/close`)
    assert.equal(page.statusCode, 200)
    const invalid = await session.post(`/caseload/${referralId}/close`, closeFields({ reason: '', summary: '' }))
    assert.equal(invalid.statusCode, 400)
    assert.match(invalid.body, /Select why support is ending/)
    assert.match(invalid.body, /Enter a closing summary for the GP and referrer/)
    assert.match(invalid.body, /Northfield lunch club/)

    await session.get(`/caseload/${referralId}/close`)
    const token = session.csrfToken()!
    // First the message back as the GP will read it; nothing is closed until it is confirmed.
    const preview = await session.post(`/caseload/${referralId}/close`, closeFields(), { csrfToken: token })
    assert.equal(preview.statusCode, 200)
    assert.match(preview.body, /Check the message back before ending support/)
    assert.match(preview.body, /Connected and independent/)
    assert.match(preview.body, /tried to reach the person between|supported them from/)
    assert.match(preview.body, /Northfield lunch club/)
    assert.equal((await findReferralForService(scopeOf(context, org), referralId))?.status, 'accepted')
    const change = await session.post(`/caseload/${referralId}/close`, closeFields({ step: 'change' }), {
      csrfToken: token,
    })
    assert.equal(change.statusCode, 200)
    assert.match(change.body, /Goes to the lunch club every week and feels less alone\./)
    const closed = await session.post(`/caseload/${referralId}/close`, closeFields({ step: 'confirm' }), {
      csrfToken: token,
    })
    assert.equal(closed.statusCode, 303)
    assert.equal(closed.headers.location, `/caseload/${referralId}/closed`)
    // Closing twice (a second click, or a retry) changes nothing and lands on the same page.
    const twice = await session.post(
      `/caseload/${referralId}/close`,
      closeFields({ reason: 'moved-away', step: 'confirm' }),
      { csrfToken: token },
    )
    assert.equal(twice.statusCode, 303)
    assert.equal(twice.headers.location, `/caseload/${referralId}/closed`)

    page = await session.get(`/caseload/${referralId}/closed`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Support has ended/)
    assert.match(page.body, new RegExp(`/referrals/${referralId}/message-back`))

    const scope = scopeOf(context, org)
    const referral = await findReferralForService(scope, referralId)
    assert.equal(referral?.status, 'completed')
    const message = await getMessageBack(scope, referralId)
    assert.equal(
      message?.outcomes,
      `Support ended because the person is connected to what they need and is managing independently. Goes to the lunch club every week and feels less alone.`,
    )
    assert.equal(message?.connectedTo, 'Northfield lunch club')
    // The outcome in words, what was done and who to contact, not "Closed (Closed)".
    assert.equal(message?.closingReason, 'Connected and independent')
    assert.match(message?.whatWasDone ?? '', /^Worker Tester \S+ (tried to reach the person|supported them)/)
    assert.equal(message?.contact?.name, org.users['worker']!.displayName)
    const gpView = await session.get(`/referrals/${referralId}/message-back`)
    assert.doesNotMatch(gpView.body, /Closed \(Closed\)/)
    assert.match(gpView.body, /Who to contact about this person/)
    const [episode] = await context.db.select().from(episodes).where(eq(episodes.referralId, referralId))
    assert.equal(episode!.closeReason, 'connected-independent')
    assert.equal(episode!.closedOn, Object.values(todayFields()).reverse().join('-'))
    const audits = await context.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'episode-close'), eq(auditEvents.recordId, episode!.id)))
    assert.equal(audits.length, 1)

    // Read only from now on: no actions, the ending shown, the message back a click away.
    page = await session.get(`/caseload/${referralId}`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Support ended on/)
    assert.match(page.body, /Connected and independent/)
    assert.doesNotMatch(page.body, /Record a contact|End support|Refer on|Pause support/)
    assert.doesNotMatch(page.body, /Overdue|Due today/)
    const messageBack = await session.get(`/referrals/${referralId}/message-back`)
    assert.equal(messageBack.statusCode, 200)
    // Gone from the caseload, and every change refused.
    assert.doesNotMatch((await session.get('/caseload')).body, new RegExp(referral.reference))
    assert.equal((await session.get(`/caseload/${referralId}/contacts/new`)).statusCode, 404)
    assert.equal((await session.get(`/caseload/${referralId}/close`)).statusCode, 404)

    // The supervisor can read it too; another link worker and another organisation cannot.
    const supervisor = await org.users['supervisor']!.session()
    assert.equal((await supervisor.get(`/caseload/${referralId}`)).statusCode, 200)
    const other = await org.users['other']!.session()
    assert.equal((await other.get(`/caseload/${referralId}`)).statusCode, 404)
    const elsewhere = await createTestOrganisation(context, { users: { lead: ['supervisor', 'link-worker'] } })
    assert.equal((await (await elsewhere.users['lead']!.session()).get(`/caseload/${referralId}`)).statusCode, 404)
    const referrer = await org.users['referrer']!.session()
    assert.equal((await referrer.get(`/caseload/${referralId}/close`)).statusCode, 403)
  })

  it('sends the referrer the coded outcome only when the person said no to the full message back', async () => {
    const org = await testService(context)
    const referralId = await allocatedReferral(context, org)
    const session = await org.users['worker']!.session()
    const scope = scopeOf(context, org)
    const personId = (await findReferralForService(scope, referralId))!.personId
    const form = await session.get(`/people/${personId}/consents/new`)
    assert.match(form.body, /To telling the referrer in full how support went/)
    const recorded = await session.post(`/people/${personId}/consents`, {
      scope: 'message-back-in-full',
      given: 'no',
      method: 'verbal',
      submissionKey: /name="submissionKey" value="([^"]+)"/.exec(form.body)![1]!,
    })
    assert.equal(recorded.statusCode, 303)
    await session.get(`/caseload/${referralId}/close`)
    const token = session.csrfToken()!
    await session.post(`/caseload/${referralId}/close`, closeFields(), { csrfToken: token })
    await session.post(`/caseload/${referralId}/close`, closeFields({ step: 'confirm' }), { csrfToken: token })
    const message = await getMessageBack(scope, referralId)
    assert.equal(message?.codedOnly, true)
    assert.equal(message?.outcomes, '')
    assert.equal(message?.connectedTo, '')
    assert.equal(message?.closingReason, null)
    assert.equal(message?.whatWasDone, null)
    assert.match(message?.whatHappened ?? '', /only the coded outcome is shared/)
    assert.ok(message?.code.code)
    const page = await session.get(`/referrals/${referralId}/message-back`)
    assert.doesNotMatch(page.body, /Northfield lunch club|lunch club every week/)
    const pdf = await session.get(`/referrals/${referralId}/message-back.pdf`)
    assert.equal(pdf.statusCode, 200)
  })

  it('maps declining and lost contact to their referral outcomes, and closes a paused episode', async () => {
    const org = await testService(context)
    const scope = scopeOf(context, org)
    const actor = actorOf(org, 'worker')
    const declined = await allocatedReferral(context, org)
    const session = await org.users['worker']!.session()
    await session.get(`/caseload/${declined}/pause`)
    assert.equal((await session.post(`/caseload/${declined}/pause`, { reason: 'hospital-stay' })).statusCode, 303)
    const today = Object.values(todayFields()).reverse().join('-')
    await closeEpisode(
      scope,
      declined,
      { reason: 'declined-further-support', summary: 'Did not want to carry on.', connectedTo: '', closedOn: today },
      actor,
    )
    let referral = await findReferralForService(scope, declined)
    assert.equal(referral?.status, 'cancelled')
    assert.equal(referral?.businessStatus, 'declined-by-person')
    assert.equal((await getMessageBack(scope, declined))?.kind, 'declined')

    const lost = await allocatedReferral(context, org)
    await closeEpisode(
      scope,
      lost,
      { reason: 'lost-contact', summary: 'Three calls and a letter.', connectedTo: '', closedOn: today },
      actor,
    )
    referral = await findReferralForService(scope, lost)
    assert.equal(referral?.status, 'failed')
    assert.equal(referral?.businessStatus, 'could-not-contact')
  })

  it('words the message back plainly when the person died', async () => {
    const org = await testService(context)
    const scope = scopeOf(context, org)
    const referralId = await allocatedReferral(context, org)
    const today = Object.values(todayFields()).reverse().join('-')
    await closeEpisode(
      scope,
      referralId,
      { reason: 'died', summary: 'Died peacefully at home.', connectedTo: 'Choir', closedOn: today },
      actorOf(org, 'worker'),
    )
    const message = await getMessageBack(scope, referralId)
    assert.equal(message?.outcomes, 'Support ended because the person died. Died peacefully at home.')
    assert.equal(message?.connectedTo, '')
    assert.doesNotMatch(`${message?.whatHappened} ${message?.outcomes}`, /goals|independent|success/i)
  })
})

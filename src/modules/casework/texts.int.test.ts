// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { auditEvents } from '../../platform/audit/audit.table.ts'
import { useTestContext } from '../../../test/helpers/test-app.ts'
import { actorOf, allocatedReferral, hiddenField, scopeOf, testService } from '../../../test/factories/casework.ts'
import { londonInstant } from './bookings.ts'
import { bookContact } from './bookings.service.ts'
import { addDays, londonToday } from './casework.ts'
import { episodes } from './casework.table.ts'

const context = useTestContext()

describe('casework: text messages', () => {
  it('sends a reminder or the link worker’s own words, once, and keeps it on the contact history', async () => {
    const org = await testService(context)
    const referralId = await allocatedReferral(context, org, 'worker', { person: { phone: '07700 900123' } })
    await bookContact(
      scopeOf(context, org),
      referralId,
      {
        submissionKey: 'texts-test-booking-0001',
        type: 'face-to-face-community',
        startsAt: londonInstant(addDays(londonToday(), 2), '10:30'),
        durationMinutes: 45,
        place: 'the library on Union Street',
        riskCheck: null,
      },
      actorOf(org, 'worker'),
    )
    const session = await org.users['worker']!.session()
    const form = await session.get(`/caseload/${referralId}/texts/new`)
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /It goes to 07700900123 through GOV\.UK Notify/)
    assert.match(form.body, /a reminder of your face to face at a community venue at the library on Union Street/)
    const submissionKey = hiddenField(form.body, 'submissionKey')

    const empty = await session.post(`/caseload/${referralId}/texts`, { submissionKey, template: 'own', message: '' })
    assert.equal(empty.statusCode, 400)
    assert.match(empty.body, /Enter your message/)
    const long = 'x'.repeat(251)
    const tooLong = await session.post(`/caseload/${referralId}/texts`, {
      submissionKey,
      template: 'own',
      message: long,
    })
    assert.equal(tooLong.statusCode, 400)
    assert.match(tooLong.body, /Your message must be 250 characters or fewer/)
    assert.ok(tooLong.body.includes(long), 'what was typed is kept')
    assert.equal(context.texts.length, 0)

    const csrfToken = session.csrfToken()!
    for (let attempt = 0; attempt < 2; attempt++) {
      const sent = await session.post(
        `/caseload/${referralId}/texts`,
        { submissionKey, template: 'own', message: 'See you on Tuesday at the library.' },
        { csrfToken },
      )
      assert.equal(sent.statusCode, 303)
    }
    const mine = context.texts.filter((t) => t.to === '07700900123' && t.message.startsWith('See you'))
    assert.equal(mine.length, 1, 'a retried submission sends once')
    assert.match(mine[0]!.message, /^See you on Tuesday at the library\. Worker, Test organisation/)

    const reminderKey = hiddenField((await session.get(`/caseload/${referralId}/texts/new`)).body, 'submissionKey')
    const template = /value="(reminder:[0-9a-f-]+)"/.exec(session.lastBody)![1]!
    assert.equal(
      (await session.post(`/caseload/${referralId}/texts`, { submissionKey: reminderKey, template })).statusCode,
      303,
    )
    assert.match(context.texts.at(-1)!.message, /^Hello Person\d+, a reminder of your face to face/)

    const page = await session.get(`/caseload/${referralId}?saved=text`)
    assert.match(page.body, /The text message has been sent/)
    assert.match(page.body, /Text message sent to 07700900123: “See you on Tuesday at the library\./)
    const [episode] = await context.db.select().from(episodes).where(eq(episodes.referralId, referralId))
    assert.equal(episode!.contactsUsed, 0, 'a text does not count as a contact')
    assert.equal(episode!.firstContactOn, null)
    const audits = await context.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.chainId, org.organisation.id), eq(auditEvents.action, 'text-send')))
    assert.equal(audits.length, 2)
    assert.doesNotMatch(
      JSON.stringify(audits.map((a) => a.details)),
      /Tuesday|07700/,
      'no message or number in the log',
    )
  })

  it('never texts someone who asked not to be texted, or who has no mobile', async () => {
    const org = await testService(context)
    const noTexts = await allocatedReferral(context, org, 'worker', {
      person: { phone: '07700 900456', contactMethodsToAvoid: ['text'] },
    })
    const landline = await allocatedReferral(context, org, 'worker', { person: { phone: '01224 960001' } })
    const session = await org.users['worker']!.session()
    const refused = await session.get(`/caseload/${noTexts}/texts/new`)
    assert.match(refused.body, /has asked not to be contacted by text message/)
    assert.doesNotMatch(refused.body, /Send text message/)
    const forced = await session.post(
      `/caseload/${noTexts}/texts`,
      { submissionKey: 'forced-text-attempt-0001', template: 'own', message: 'Hello' },
      { csrfFrom: `/caseload/${noTexts}` },
    )
    assert.equal(forced.statusCode, 409)
    assert.match((await session.get(`/caseload/${landline}/texts/new`)).body, /There is no UK mobile number/)
    assert.equal(context.texts.filter((t) => t.to === '07700900456').length, 0)
  })
})

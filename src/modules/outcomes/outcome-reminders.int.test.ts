// SPDX-License-Identifier: AGPL-3.0-or-later
// Questionnaires in the link worker's daily reminder email (issue 12): a baseline falls due at first contact and a
// follow-up the service's interval after the latest; each is emailed once, as a count, never a name.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  allocatedReferral,
  hiddenField,
  inProgressCase,
  noon,
  testService,
  todayFields,
} from '../../../test/factories/casework.ts'
import { useTestContext } from '../../../test/helpers/test-app.ts'
import { createMemoryEmailSender } from '../../platform/email/email.ts'
import { addDays, londonToday, sendCaseworkReminders } from '../casework/index.ts'

const context = useTestContext()

describe('questionnaires in the reminder email', () => {
  it('emails a due baseline once, then the follow-up when it falls due, and nothing once it is recorded', async () => {
    const org = await testService(context)
    const today = londonToday()
    const workerEmail = org.users['worker']!.email
    // First contact yesterday: the review, follow-up check and no-contact alert are all weeks away.
    const referralId = await allocatedReferral(context, org, 'worker')
    await inProgressCase(context, org, referralId, { contactOn: addDays(today, -1) })

    const first = createMemoryEmailSender()
    await sendCaseworkReminders(context.db, first, 'http://waymark.test')
    const [digest] = first.sent.filter((m) => m.to === workerEmail)
    assert.equal(digest?.subject, 'Your caseload: 1 thing needs doing')
    assert.match(digest.text, /- 1 person is due wellbeing or loneliness questionnaires \(baseline or follow-up\)/)
    assert.doesNotMatch(digest.text, /Person\d+/)

    // Sent once: the rerun is silent.
    const rerun = createMemoryEmailSender()
    await sendCaseworkReminders(context.db, rerun, 'http://waymark.test')
    assert.equal(rerun.sent.filter((m) => m.to === workerEmail).length, 0)

    // The baseline is recorded today; 12 weeks on, the follow-up is due and named again, once.
    const session = await org.users['worker']!.session()
    const form = await session.get(`/caseload/${referralId}/outcomes/new/ons-loneliness`)
    const saved = await session.post(`/caseload/${referralId}/outcomes/new/ons-loneliness`, {
      timepoint: 'baseline',
      ...todayFields(),
      'answer-lonely': '3',
      submissionKey: hiddenField(form.body, 'submissionKey'),
    })
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 500))
    const weekBefore = createMemoryEmailSender()
    await sendCaseworkReminders(context.db, weekBefore, 'http://waymark.test', noon(addDays(today, 7 * 11)))
    assert.doesNotMatch(
      weekBefore.sent.find((m) => m.to === workerEmail)?.text ?? '',
      /questionnaires/,
      'nothing due before the interval',
    )
    const due = createMemoryEmailSender()
    await sendCaseworkReminders(context.db, due, 'http://waymark.test', noon(addDays(today, 7 * 12)))
    assert.match(due.sent.find((m) => m.to === workerEmail)?.text ?? '', /1 person is due wellbeing or loneliness/)
  })
})

// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { createMemoryEmailSender } from '../../platform/email/email.ts'
import { useTestContext } from '../../../test/helpers/test-app.ts'
import { changeReferral } from '../referrals/index.ts'
import { addDays, londonToday } from './casework.ts'
import { openCase } from './casework.service.ts'
import { pauseEpisode } from './episode-changes.service.ts'
import { episodes, reminders } from './casework.table.ts'
import { sendCaseworkReminders } from './reminders.job.ts'
import {
  actorOf,
  allocatedReferral,
  inProgressCase,
  noon,
  scopeOf,
  testService,
} from '../../../test/factories/casework.ts'

const context = useTestContext()

describe('casework: the daily reminders', () => {
  it('emails each link worker one digest of what fell due, once, with no names', async () => {
    const org = await testService(context)
    const scope = scopeOf(context, org)
    const worker = actorOf(org, 'worker')
    const today = londonToday()

    // Opened 100 days ago, first contact 90 days ago: review and follow-up due, and no contact since.
    const due = await allocatedReferral(context, org, 'worker', { now: noon(addDays(today, -100)) })
    await inProgressCase(context, org, due, { openedAt: noon(addDays(today, -100)), contactOn: addDays(today, -90) })
    // Paused, and ended on the referral page: nothing for either.
    const paused = await allocatedReferral(context, org, 'worker', { now: noon(addDays(today, -100)) })
    await openCase(scope, paused, worker, { now: noon(addDays(today, -100)) })
    await pauseEpisode(scope, paused, 'hospital-stay', '', worker)
    const ended = await allocatedReferral(context, org, 'worker', { now: noon(addDays(today, -100)) })
    await openCase(scope, ended, worker, { now: noon(addDays(today, -100)) })
    await changeReferral(scope, ended, { kind: 'could-not-contact', reason: 'No answer' }, worker)
    // The other worker has nothing due.
    const fresh = await allocatedReferral(context, org, 'other')
    await openCase(scope, fresh, actorOf(org, 'other'))

    const email = createMemoryEmailSender()
    await sendCaseworkReminders(context.db, email, 'http://waymark.test')
    const mine = email.sent.filter((m) => m.to === org.users['worker']!.email)
    assert.equal(mine.length, 1)
    // With the outcomes module registered, the baseline questionnaires due since first contact are the fourth.
    assert.equal(mine[0]!.subject, 'Your caseload: 4 things need doing')
    assert.match(mine[0]!.text, /1 review is due/)
    assert.match(mine[0]!.text, /1 follow-up check is due/)
    assert.match(mine[0]!.text, /1 person has not been contacted for 3 weeks or more/)
    assert.match(mine[0]!.text, /1 person is due wellbeing or loneliness questionnaires/)
    assert.doesNotMatch(mine[0]!.text, /Person\d+/)
    assert.equal(email.sent.filter((m) => m.to === org.users['other']!.email).length, 0)
    const recorded = await context.db.select().from(reminders).where(eq(reminders.organisationId, org.organisation.id))
    assert.equal(recorded.length, 4)
    // The episode whose referral ended on the referral page is marked ended, so the team view stops counting it.
    const [endedEpisode] = await context.db.select().from(episodes).where(eq(episodes.referralId, ended))
    assert.equal(endedEpisode!.closedOn, today)

    // A rerun the same day (or the next day, with nothing new) sends nothing.
    const again = createMemoryEmailSender()
    await sendCaseworkReminders(context.db, again, 'http://waymark.test')
    await sendCaseworkReminders(context.db, again, 'http://waymark.test', noon(addDays(today, 1)))
    assert.equal(again.sent.filter((m) => m.to === org.users['worker']!.email).length, 0)
  })

  it('retries next run when the email could not be sent', async () => {
    const org = await testService(context)
    const scope = scopeOf(context, org)
    const worker = actorOf(org, 'worker')
    const today = londonToday()
    const due = await allocatedReferral(context, org, 'worker', { now: noon(addDays(today, -60)) })
    await openCase(scope, due, worker, { now: noon(addDays(today, -60)) })
    const failing = {
      async send(message: { to: string }) {
        if (message.to === org.users['worker']!.email) throw new Error('mail server down')
      },
    }
    await assert.rejects(
      sendCaseworkReminders(context.db, failing as never, 'http://waymark.test'),
      /could not be sent/,
    )
    const email = createMemoryEmailSender()
    await sendCaseworkReminders(context.db, email, 'http://waymark.test')
    assert.equal(email.sent.filter((m) => m.to === org.users['worker']!.email).length, 1)
  })
})

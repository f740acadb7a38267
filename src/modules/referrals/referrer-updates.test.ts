// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  dueAtFor,
  isMilestone,
  isPersonMilestone,
  personUpdateMessage,
  referrerUpdateEmail,
} from './referrer-updates.ts'

describe('referrer updates', () => {
  it('tells the referrer about milestones only', () => {
    for (const status of ['allocated', 'declined-by-service', 'first-contact-made', 'plan-agreed', 'closed'] as const)
      assert.equal(isMilestone(status), true, status)
    for (const status of ['contact-attempted', 'conversation-held', 'paused', 'withdrawn', 'received'] as const)
      assert.equal(isMilestone(status), false, status)
  })

  it('falls due after the coalescing window, or at the next morning digest', () => {
    const now = new Date('2026-12-02T15:30:00Z')
    assert.equal(dueAtFor('immediate', now).toISOString(), '2026-12-02T15:40:00.000Z')
    assert.equal(dueAtFor('daily', now).toISOString(), '2026-12-03T07:00:00.000Z')
    assert.equal(dueAtFor('daily', new Date('2026-12-02T06:59:00Z')).toISOString(), '2026-12-02T07:00:00.000Z')
  })

  it('writes one email for several referrals, with references and links only', () => {
    const email = referrerUpdateEmail(
      [
        { reference: 'WM-AAAA-BBBB', referralId: 'r1', serviceName: 'Granite City', milestone: 'allocated' },
        { reference: 'WM-CCCC-DDDD', referralId: 'r2', serviceName: 'Granite City', milestone: 'closed' },
      ],
      'https://waymark.test',
    )
    assert.equal(email.subject, 'Updates on 2 of your referrals')
    assert.match(email.text, /WM-AAAA-BBBB \(Granite City\): accepted and allocated/)
    assert.match(email.text, /https:\/\/waymark\.test\/my-referrals\/r2/)
    assert.match(email.text, /\/my-referrals\/settings/)
  })
})

describe('what a self-referrer hears', () => {
  it('only the steps they were not there for, with the reference and service but nothing about them', () => {
    assert.equal(isPersonMilestone('allocated'), true)
    assert.equal(isPersonMilestone('could-not-contact'), true)
    assert.equal(isPersonMilestone('first-contact-made'), false)
    assert.equal(isPersonMilestone('plan-agreed'), false)
    const message = personUpdateMessage({
      reference: 'WM-ABCD-EFGH',
      referralId: 'x',
      serviceName: 'Aberdeen Links',
      milestone: 'declined-by-service',
    })
    assert.equal(message.subject, 'Your request WM-ABCD-EFGH to Aberdeen Links')
    assert.match(message.text, /^Your request WM-ABCD-EFGH to Aberdeen Links: the service is not able to help/)
  })
})

// SPDX-License-Identifier: AGPL-3.0-or-later
// What happens after a connection is made: follow-ups, a group's capacity, the person's code and email.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { connectionRecord } from '../../../test/factories/connection-models.ts'
import { workingDaysBetween } from '../referrals/index.ts'
import { followUpFor } from './connection.ts'
import { formatCheckInCode, newCheckInCode, normaliseCheckInCode } from './link-token.ts'
import { personEmail } from './person-email.ts'
import { demandHint } from './web/connections.presenter.ts'

const RULES = { nudgeWorkingDays: 5, unansweredWorkingDays: 10, dropOffWeeks: 4 }

describe('what a link worker follows up about a connection', () => {
  // Sent on Monday 2 November 2026.
  const sent = connectionRecord({ createdAt: new Date('2026-11-02T10:00:00Z') })

  it('flags a group that has not answered after the configured working days, and not a day before', () => {
    // Ten working days after Monday 2 November is Monday 16 November.
    assert.equal(followUpFor({ ...sent, lastAttendedOn: null }, '2026-11-13', workingDaysBetween, RULES), null)
    assert.equal(
      followUpFor({ ...sent, lastAttendedOn: null }, '2026-11-16', workingDaysBetween, RULES),
      'Strum Along ukulele group has not answered in 10 working days',
    )
    const patient = { ...RULES, unansweredWorkingDays: 15 }
    assert.equal(followUpFor({ ...sent, lastAttendedOn: null }, '2026-11-16', workingDaysBetween, patient), null)
  })

  it('says someone has dropped off after the configured weeks without a session', () => {
    const going = { ...sent, status: 'attended' as const, lastAttendedOn: '2026-11-03' }
    assert.equal(followUpFor(going, '2026-11-30', workingDaysBetween, RULES), null)
    assert.equal(
      followUpFor(going, '2026-12-01', workingDaysBetween, RULES),
      'Not been to Strum Along ukulele group for 4 weeks',
    )
    assert.equal(followUpFor(going, '2026-12-01', workingDaysBetween, { ...RULES, dropOffWeeks: 6 }), null)
  })

  it('flags a group that has closed, before anything else, while the connection is open', () => {
    const closed = { ...sent, status: 'accepted' as const, lastAttendedOn: null, serviceStatus: 'defunct' }
    assert.equal(
      followUpFor(closed, '2026-11-03', workingDaysBetween, RULES),
      'Strum Along ukulele group has closed: talk to them about another group',
    )
    const paused = { ...closed, serviceStatus: 'temporarily closed' }
    assert.match(followUpFor(paused, '2026-11-03', workingDaysBetween, RULES)!, /is temporarily closed/)
    // Over, or never sent: nothing to follow up, whatever happened to the group.
    assert.equal(followUpFor({ ...closed, status: 'stopped' }, '2026-11-03', workingDaysBetween, RULES), null)
    assert.equal(followUpFor({ ...closed, status: 'proposed' }, '2026-11-03', workingDaysBetween, RULES), null)
  })
})

describe('how busy a group is, on the connect form', () => {
  it('counts who was sent recently, against the places the group offers a month', () => {
    assert.equal(demandHint(0, null), 'Nobody else from your service has been sent there in the last 30 days')
    assert.equal(
      demandHint(1, 4),
      '1 person from your service sent there in the last 30 days. It can take 4 new people a month',
    )
    assert.equal(
      demandHint(4, 4),
      '4 people from your service sent there in the last 30 days. It can take 4 new people a month – it may be full: ask them before sending someone else',
    )
  })
})

describe('a person’s check-in code', () => {
  it('is six characters that cannot be misread, and is read back however it is typed', () => {
    const codes = new Set(Array.from({ length: 200 }, () => newCheckInCode()))
    assert.ok(codes.size > 195, 'codes are random')
    for (const code of codes) {
      assert.match(code, /^[ACDEFGHJKMNPQRTUVWXY2345679]{6}$/)
      assert.equal(normaliseCheckInCode(formatCheckInCode(code).toLowerCase()), code)
    }
    assert.equal(normaliseCheckInCode('kdt-472'), 'KDT472')
    assert.equal(normaliseCheckInCode('KDT 47'), undefined)
    assert.equal(normaliseCheckInCode('KDT 470'), undefined, '0 is not in the alphabet')
    assert.equal(normaliseCheckInCode('<script>'), undefined)
  })
})

describe('the email a person gets about a group', () => {
  const group = {
    id: 'svc-1',
    name: 'Strum Along ukulele group',
    organizationName: 'Northfield Community Hub',
    description: '',
    when: ['Every Thursday, 2pm to 3:30pm'],
    next: 'Thursday 5 November, 2pm',
    where: 'Northfield Community Hub, 1 High Street, AB10 1AA',
    cost: 'Free',
    howToJoin: '',
    phones: ['01224 000000'],
    email: 'hello@strum.example',
    url: null,
    feedbackUrl: null,
    active: true,
  }
  const from = { linkWorkerName: 'Sam Okafor', serviceName: 'Northfield Social Prescribing' }

  it('gives the group’s details, the first-session arrangements and their code, and nothing about their health', () => {
    const connection = connectionRecord({ checkInCode: 'KDT472', shared: { name: 'Ann Other', needs: 'Low mood' } })
    const { subject, text } = personEmail('Ann', connection, group, from)
    assert.equal(subject, 'Your visit to Strum Along ukulele group')
    assert.match(text, /^Hello Ann,/)
    assert.match(text, /I have let Strum Along ukulele group know you would like to come along/)
    assert.match(text, /When: Every Thursday, 2pm to 3:30pm\nNext session: Thursday 5 November, 2pm\nWhere: Northfield/)
    assert.match(text, /Your first session: Meet at the door at 1.50pm/)
    assert.match(text, /I will come with you the first time\./)
    assert.match(text, /Your check-in code is KDT 472\./)
    assert.doesNotMatch(text, /Low mood|Get out of the house/, 'no needs and no goal')
  })

  it('tells someone who will get in touch themselves that the group does not know yet, and skips a closed listing', () => {
    const connection = connectionRecord({ sharing: 'self-contact', accompaniedBy: 'nobody', firstSessionNote: '' })
    const { text } = personEmail('Ann', connection, { ...group, active: false }, from)
    assert.match(text, /so you can get in touch with them when you are ready/)
    assert.doesNotMatch(text, /When:|Where:|come with you|check-in code/)
  })
})

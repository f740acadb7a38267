// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  addWorkingDays,
  contactTargetFor,
  contactTargetProblems,
  contactTargetState,
  isWorkingDay,
  workingDaysBetween,
} from './contact-target.ts'
import { checkStatusTransition, REFERRAL_STATUSES, type ReferralStatus } from './referral-status.ts'
import { formatReference, normaliseReference } from './referral.ts'
import { planReferralChange } from './referral-change.ts'
import { validateReasons, validateService } from './web/referral-form/referral-form.form.ts'

// standards §2.1.3, written out edge by edge so a change to the rule must change this table too.
const ALLOWED = new Set([
  'draft>requested',
  'requested>accepted',
  'requested>rejected',
  'requested>cancelled',
  'accepted>in-progress',
  'accepted>on-hold',
  'accepted>cancelled',
  'accepted>completed',
  'accepted>failed',
  'in-progress>on-hold',
  'on-hold>in-progress',
  'in-progress>completed',
  'in-progress>failed',
  'in-progress>cancelled',
  'on-hold>cancelled',
  'on-hold>completed',
  'on-hold>failed',
])

describe('checkStatusTransition (Gravity referral task states)', () => {
  it('allows exactly the transitions of §2.1.3, and entered-in-error from anywhere', () => {
    for (const from of REFERRAL_STATUSES) {
      for (const to of REFERRAL_STATUSES) {
        if (from === to) continue
        const expected = ALLOWED.has(`${from}>${to}`) || (to === 'entered-in-error' && from !== 'entered-in-error')
        const result = checkStatusTransition(from, to, 'a reason')
        assert.equal(result.ok, expected, `${from} → ${to}`)
      }
    }
  })

  it('requires a reason for rejected, cancelled, on-hold and failed', () => {
    const cases: [ReferralStatus, ReferralStatus][] = [
      ['requested', 'rejected'],
      ['requested', 'cancelled'],
      ['accepted', 'on-hold'],
      ['in-progress', 'failed'],
    ]
    for (const [from, to] of cases) {
      assert.deepEqual(checkStatusTransition(from, to, '  '), { ok: false, problem: 'reason-required' })
      assert.deepEqual(checkStatusTransition(from, to, 'because'), { ok: true })
    }
    assert.deepEqual(checkStatusTransition('requested', 'accepted', null), { ok: true })
  })
})

describe('planReferralChange', () => {
  it('lets the referrer withdraw an open referral but not a finished one', () => {
    const at = (status: 'requested' | 'in-progress' | 'cancelled' | 'completed') =>
      planReferralChange(
        { status, businessStatus: 'received', firstContactAt: null },
        { kind: 'withdraw', reason: 'Moved away' },
      ).ok
    assert.equal(at('requested'), true)
    assert.equal(at('in-progress'), true)
    assert.equal(at('cancelled'), false)
    assert.equal(at('completed'), false)
  })

  const requested = { status: 'requested' as const, businessStatus: 'received' as const, firstContactAt: null }
  const accepted = { status: 'accepted' as const, businessStatus: 'allocated' as const, firstContactAt: null }

  it('accepts, declines and records progress through the transition rule', () => {
    assert.equal(planReferralChange(requested, { kind: 'accept', ownerUserId: 'u' }).ok, true)
    const declined = planReferralChange(requested, { kind: 'decline', reason: 'outside-area', text: '' })
    assert.ok(declined.ok && declined.plan.status === 'rejected' && declined.plan.statusReason)
    assert.deepEqual(planReferralChange(requested, { kind: 'progress', step: 'first-contact-made' }), {
      ok: false,
      problem: 'not-allowed',
    })
    const progress = planReferralChange(accepted, { kind: 'progress', step: 'first-contact-made' })
    assert.ok(progress.ok && progress.plan.status === 'in-progress' && progress.plan.setsFirstContact)
    const attempted = planReferralChange(accepted, { kind: 'progress', step: 'contact-attempted' })
    assert.ok(attempted.ok && !attempted.plan.setsFirstContact)
  })

  it('refuses a pause without a reason and a close before acceptance', () => {
    assert.deepEqual(planReferralChange(accepted, { kind: 'pause', reason: '' }), {
      ok: false,
      problem: 'reason-required',
    })
    assert.deepEqual(planReferralChange(requested, { kind: 'close', connectedTo: '', outcomes: '' }), {
      ok: false,
      problem: 'not-allowed',
    })
    const closed = planReferralChange(accepted, { kind: 'close', connectedTo: '', outcomes: '' })
    assert.ok(closed.ok && closed.plan.closes)
  })
})

describe('contact target (England and Wales working days)', () => {
  it('knows the GOV.UK bank holidays, including one-off days', () => {
    for (const holiday of [
      '2025-12-25',
      '2025-12-26',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-28',
      '2023-05-08',
    ])
      assert.equal(isWorkingDay(holiday), false, holiday)
    assert.equal(isWorkingDay('2026-11-23'), true)
    assert.equal(isWorkingDay('2026-11-22'), false, 'Sunday')
  })

  it('counts 10 working days over Christmas and Easter', () => {
    // Received Monday 21 Dec 2026: 22, 23, 24, (25, 28 holidays), 29, 30, 31, (1 Jan), 4, 5, 6, 7.
    assert.equal(addWorkingDays('2026-12-21', 10), '2027-01-07')
    // Received Thursday 2 April 2026: Good Friday and Easter Monday skipped.
    assert.equal(addWorkingDays('2026-04-02', 1), '2026-04-07')
    assert.equal(workingDaysBetween('2026-04-02', '2026-04-07'), 1)
    assert.equal(workingDaysBetween('2026-04-07', '2026-04-02'), -1)
  })

  it('flags near and past the target', () => {
    assert.equal(contactTargetState('2026-11-25', '2026-11-26', false), 'overdue')
    assert.equal(contactTargetState('2026-11-25', '2026-11-23', false), 'near')
    assert.equal(contactTargetState('2026-12-04', '2026-11-23', false), 'on-track')
    assert.equal(contactTargetState('2026-11-20', '2026-11-26', true), 'met')
  })
})

describe('contact target by country and urgency', () => {
  const scotland = { country: 'scotland', routineTargetWorkingDays: 10, urgentTargetWorkingDays: 2 } as const
  const england = { ...scotland, country: 'england-and-wales' } as const

  it('keeps each country’s own bank holidays', () => {
    // Scotland: 2 January, the first Monday of August and St Andrew's Day; not Easter Monday or late August.
    for (const holiday of ['2026-01-02', '2026-08-03', '2026-11-30'])
      assert.equal(isWorkingDay(holiday, 'scotland'), false, holiday)
    for (const day of ['2026-04-06', '2026-08-31']) assert.equal(isWorkingDay(day, 'scotland'), true, day)
    for (const day of ['2026-01-02', '2026-08-03', '2026-11-30']) assert.equal(isWorkingDay(day), true, day)
    // Northern Ireland: St Patrick's Day and the Twelfth (substitute Monday in 2026).
    for (const holiday of ['2026-03-17', '2026-07-13'])
      assert.equal(isWorkingDay(holiday, 'northern-ireland'), false, holiday)
  })

  it('gives an urgent referral its own, shorter target', () => {
    // Received Friday 27 November 2026: Monday 30th is St Andrew's Day in Scotland only.
    assert.equal(contactTargetFor('2026-11-27', 'urgent', scotland), '2026-12-02')
    assert.equal(contactTargetFor('2026-11-27', 'urgent', england), '2026-12-01')
    assert.equal(contactTargetFor('2026-11-27', 'routine', scotland), '2026-12-14')
    assert.equal(contactTargetFor('2026-11-27', 'routine', england), '2026-12-11')
  })

  it('checks the settings form', () => {
    assert.deepEqual(
      contactTargetProblems({ country: 'scotland', routineTargetWorkingDays: '10', urgentTargetWorkingDays: '2' }),
      {},
    )
    const problems = contactTargetProblems({
      country: 'wales',
      routineTargetWorkingDays: 'ten',
      urgentTargetWorkingDays: '0',
    })
    assert.deepEqual(Object.keys(problems).sort(), ['country', 'routineTargetWorkingDays', 'urgentTargetWorkingDays'])
    assert.match(
      contactTargetProblems({ country: 'scotland', routineTargetWorkingDays: '3', urgentTargetWorkingDays: '5' })[
        'urgentTargetWorkingDays'
      ] ?? '',
      /no longer than the routine/,
    )
  })
})

describe('references', () => {
  it('formats and reads back references a person can quote', () => {
    const reference = formatReference(new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7]))
    assert.match(reference, /^WM-[A-Z0-9]{4}-[A-Z0-9]{4}$/)
    assert.equal(normaliseReference(reference.toLowerCase().replace(/-/g, ' ')), reference)
    assert.equal(normaliseReference('WM-0000-1111'), undefined)
    assert.equal(normaliseReference('<script>'), undefined)
  })
})

describe('referral form steps', () => {
  it('asks for reasons, risks and urgency with specific messages', () => {
    const result = validateReasons({
      needs: ['other', 'not-a-need'],
      reasonText: '',
      whatMatters: 'x'.repeat(4001),
      loneWorking: 'yes',
      loneWorkingDetails: '',
      safeguarding: '',
      safeguardingDetails: '',
      urgency: 'soon',
    })
    assert.equal(result.ok, false)
    if (result.ok) return
    assert.equal(result.errors['needs'], 'Select reasons from the list')
    assert.equal(result.errors['loneWorkingDetails'], 'Describe the concerns about visiting them alone')
    assert.equal(result.errors['safeguarding'], 'Select yes if a safeguarding concern has been raised elsewhere')
    assert.equal(result.errors['urgency'], 'Select how urgent the referral is')
    assert.match(result.errors['whatMatters']!, /4000 characters or fewer/)
  })

  it('will not send a referral the person has not agreed to, and offers "myself" only to AHPs with a caseload', () => {
    const base = {
      receivingOrganisationId: 'svc',
      profession: 'gp',
      consentToReferral: 'no',
      consentShareService: 'yes',
      consentShareProviders: 'no',
      consentMethod: 'verbal',
    }
    const context = { serviceIds: ['svc'], ownOrganisationId: 'own', mayDoItThemselves: false }
    const refused = validateService(base, context)
    assert.ok(
      !refused.ok && refused.errors['consentToReferral'] === 'The person must agree to the referral before you make it',
    )
    const self = validateService(
      { ...base, consentToReferral: 'yes', receivingOrganisationId: 'self', profession: 'gp' },
      { ...context, mayDoItThemselves: true },
    )
    assert.ok(!self.ok && /allied health professionals/.test(self.errors['receivingOrganisationId']!))
    const physio = validateService(
      { ...base, consentToReferral: 'yes', receivingOrganisationId: 'self', profession: 'physiotherapist' },
      { ...context, mayDoItThemselves: true },
    )
    assert.ok(physio.ok && physio.value.intensity === 'self' && physio.value.receivingOrganisationId === 'own')
  })
})

// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  addDays,
  dueState,
  isSuccessfulContact,
  matchesFilter,
  nextDue,
  resumeClocks,
  sortCaseload,
} from './casework.ts'
import { parseContactForm, readContactForm } from './web/contact/contact.form.ts'
import { parseDetailsForm } from './web/details/details.form.ts'
import { parsePauseForm } from './web/pause/pause.form.ts'
import { isoDateFrom } from '../../platform/http/forms.ts'
import { caseloadEntry as entry, episode } from '../../../test/factories/casework-models.ts'

const TODAY = '2026-03-10'

describe('casework rules', () => {
  it('adds the paused days to the review and next-contact dates on resume', () => {
    const clocks = resumeClocks(
      { pausedOn: '2026-03-01', pausedDays: 3, nextReviewOn: '2026-04-01', nextContactOn: '2026-03-05' },
      '2026-03-15',
    )
    assert.deepEqual(clocks, { pausedDays: 17, nextReviewOn: '2026-04-15', nextContactOn: '2026-03-19' })
    assert.equal(
      resumeClocks({ pausedOn: null, pausedDays: 0, nextReviewOn: '2026-04-01', nextContactOn: null }, TODAY)
        .pausedDays,
      0,
    )
  })

  it('works out how pressing a date is, and paused never counts down', () => {
    assert.equal(dueState('2026-03-09', TODAY, false), 'overdue')
    assert.equal(dueState(TODAY, TODAY, false), 'today')
    assert.equal(dueState('2026-03-15', TODAY, false), 'soon')
    assert.equal(dueState('2026-05-01', TODAY, false), 'later')
    assert.equal(dueState('2026-03-01', TODAY, true), 'paused')
    assert.equal(dueState(null, TODAY, false), 'none')
    assert.equal(addDays('2026-02-28', 1), '2026-03-01')
  })

  it('counts only contacts that reached the person', () => {
    assert.equal(isSuccessfulContact('home-visit'), true)
    assert.equal(isSuccessfulContact('attempted-contact'), false)
    assert.equal(isSuccessfulContact('did-not-attend'), false)
    assert.equal(isSuccessfulContact('mdt-discussion'), false)
  })

  it('puts first contact first, then the earlier of next contact and review', () => {
    assert.deepEqual(nextDue(entry('a')), { what: 'first-contact', on: '2026-03-20' })
    const contacted = episode({ firstContactOn: '2026-03-02', nextContactOn: '2026-03-12' })
    assert.deepEqual(nextDue(entry('b', { episode: contacted })), { what: 'contact', on: '2026-03-12' })
    assert.deepEqual(nextDue(entry('c', { episode: { ...contacted, nextContactOn: null } })), {
      what: 'review',
      on: '2026-04-12',
    })
  })

  it('sorts overdue first and filters by flag and pause', () => {
    const overdue = entry('Zed', { contactTargetDate: '2026-03-01' })
    const later = entry('Amy')
    const paused = entry('Bob', { status: 'on-hold', contactTargetDate: '2026-02-01', safeguarding: true })
    assert.deepEqual(
      sortCaseload([later, paused, overdue], 'due', TODAY).map((e) => e.personName),
      ['Zed', 'Amy', 'Bob'],
    )
    assert.deepEqual(
      sortCaseload([later, paused, overdue], 'name', TODAY).map((e) => e.personName),
      ['Amy', 'Bob', 'Zed'],
    )
    assert.equal(matchesFilter(paused, 'paused', TODAY), true)
    assert.equal(matchesFilter(paused, 'flagged', TODAY), true)
    assert.equal(matchesFilter(paused, 'needs-action', TODAY), false)
    assert.equal(matchesFilter(overdue, 'needs-action', TODAY), true)
  })

  it('puts an urgent referral awaiting first contact before everything else due', () => {
    const overdueReview = entry('Ann', {
      episode: episode({ firstContactOn: '2026-01-02', nextReviewOn: '2026-03-01' }),
    })
    const urgentNew = entry('Uma', { urgent: true, contactTargetDate: '2026-03-12' })
    const urgentContacted = entry('Ursula', {
      urgent: true,
      episode: episode({ firstContactOn: '2026-03-02', nextReviewOn: '2026-04-30' }),
    })
    const urgentPaused = entry('Una', { urgent: true, status: 'on-hold' })
    assert.deepEqual(
      sortCaseload([overdueReview, urgentContacted, urgentPaused, urgentNew], 'due', TODAY).map((e) => e.personName),
      ['Uma', 'Ann', 'Ursula', 'Una'],
    )
  })
})

describe('casework forms', () => {
  const valid = {
    submissionKey: '0b7f9a52-1c7e-4f43-9d8e-3f2c1a9b7e61',
    type: 'phone',
    day: '10',
    month: '3',
    year: '2026',
    duration: '15',
  }

  it('reads real dates only', () => {
    assert.equal(isoDateFrom('29', '2', '2024'), '2024-02-29')
    assert.equal(isoDateFrom('29', '2', '2026'), undefined)
    assert.equal(isoDateFrom('x', '2', '2026'), undefined)
  })

  it('accepts a phone call without a risk check', () => {
    const result = parseContactForm(readContactForm(valid), TODAY)
    assert.equal(result.ok, true)
    if (result.ok) {
      assert.equal(result.value.contactOn, '2026-03-10')
      assert.equal(result.value.riskCheck, null)
    }
  })

  it('needs a reason to record a contact made in a way the person asked to avoid, and only then', () => {
    const phone = parseContactForm(readContactForm(valid), TODAY, null, ['phone'])
    assert.deepEqual(phone.ok ? {} : phone.errors, {
      avoidedMethodReason: 'They asked not to be contacted by phone call: say why you contacted them this way',
    })
    const text = parseContactForm(readContactForm({ ...valid, type: 'text-or-email' }), TODAY, null, ['email'])
    assert.match(text.ok ? '' : text.errors['avoidedMethodReason']!, /by email:/)
    const visit = parseContactForm(readContactForm({ ...valid, avoidedMethodReason: 'x' }), TODAY, null, ['home-visit'])
    assert.equal(visit.ok && visit.value.avoidedMethodReason, '')
    const reasoned = parseContactForm(
      readContactForm({ ...valid, avoidedMethodReason: ' They rang and asked for a call back ' }),
      TODAY,
      null,
      ['phone'],
    )
    assert.equal(reasoned.ok && reasoned.value.avoidedMethodReason, 'They rang and asked for a call back')
  })

  it('asks for the risk check on a home visit and normalises the time', () => {
    const missing = parseContactForm(readContactForm({ ...valid, type: 'home-visit' }), TODAY)
    assert.equal(missing.ok, false)
    const done = parseContactForm(
      readContactForm({
        ...valid,
        type: 'home-visit',
        someoneKnows: 'yes',
        finishTime: '9.05',
        knownRisks: 'no',
        checkIn: 'no',
      }),
      TODAY,
    )
    assert.equal(done.ok, true)
    if (done.ok) assert.equal(done.value.riskCheck?.expectedFinishTime, '09:05')
  })

  it('refuses a next contact in the past and a missing form key', () => {
    const result = parseContactForm(
      readContactForm({ ...valid, submissionKey: '', nextDay: '1', nextMonth: '3', nextYear: '2026' }),
      TODAY,
    )
    assert.equal(result.ok, false)
    if (!result.ok) {
      assert.match(result.errors['type']!, /expired/)
      assert.equal(result.errors['nextDay'], 'Next contact must be today or in the future')
    }
  })

  it('checks the pause reason and the episode details', () => {
    assert.equal(parsePauseForm({ reason: 'hospital-stay', reasonText: '' }).ok, true)
    assert.equal(parsePauseForm({ reason: 'nonsense', reasonText: '' }).ok, false)
    assert.equal(
      parseDetailsForm({
        pathway: 'short-term',
        complexity: '2',
        complexityReason: 'x',
        contactAllowance: '12',
        version: '1',
      }).ok,
      true,
    )
    assert.equal(
      parseDetailsForm({
        pathway: 'short-term',
        complexity: '4',
        complexityReason: 'x',
        contactAllowance: '0',
        version: '1',
      }).ok,
      false,
    )
  })
})

// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { classifyNeeds, needsInForce, orderNeeds, type Conversation } from './conversation.ts'
import { parseConversationForm, readConversationForm } from './web/conversation/conversation.form.ts'

const TODAY = '2026-03-10'
const KEY = 'b3c2a0f4-1d2e-4c5b-9a8f-0123456789ab'

function conversation(overrides: Partial<Conversation> = {}): Conversation {
  return {
    id: 'c',
    episodeId: 'e',
    personId: 'p',
    heldOn: '2026-03-01',
    whatMatters: 'Playing the ukulele with other people',
    strengths: '',
    interests: '',
    whatGetsInTheWay: '',
    needsConfirmed: ['loneliness'],
    needsAdded: ['bereavement'],
    recordedByName: 'Megan',
    recordedAt: new Date('2026-03-01T10:00:00Z'),
    ...overrides,
  }
}

describe('needs in force', () => {
  it('are the referral needs before any conversation', () => {
    assert.deepEqual(needsInForce(['debt', 'loneliness'], null), ['loneliness', 'debt'])
  })

  it('are what the current conversation confirmed and added, dropping referral needs it did not confirm', () => {
    assert.deepEqual(needsInForce(['loneliness', 'debt'], conversation()), ['loneliness', 'bereavement'])
  })

  it('orders needs as the referral form lists them, without repeats', () => {
    assert.deepEqual(orderNeeds(['other', 'loneliness', 'other']), ['loneliness', 'other'])
  })

  it('classifies a ticked need as added only when the referral did not name it', () => {
    assert.deepEqual(classifyNeeds(['loneliness'], ['caring', 'loneliness']), {
      needsConfirmed: ['loneliness'],
      needsAdded: ['caring'],
    })
  })
})

describe('the conversation form', () => {
  const body = {
    submissionKey: KEY,
    day: '9',
    month: '3',
    year: '2026',
    whatMatters: '  Getting back to the tango  ',
    strengths: 'Good with people',
    interests: 'Tango, ukulele',
    whatGetsInTheWay: 'No bus on Sundays',
    needsConfirmed: ['loneliness'],
    needsAdded: 'caring',
  }

  it('reads checkboxes from both lists and parses a complete conversation', () => {
    const parsed = parseConversationForm(readConversationForm(body), ['loneliness', 'debt'], TODAY)
    assert.equal(parsed.ok, true)
    if (!parsed.ok) return
    assert.equal(parsed.value.heldOn, '2026-03-09')
    assert.equal(parsed.value.whatMatters, 'Getting back to the tango')
    assert.deepEqual(parsed.value.needsConfirmed, ['loneliness'])
    assert.deepEqual(parsed.value.needsAdded, ['caring'])
  })

  it('needs what matters, a past date and at least one need', () => {
    const parsed = parseConversationForm(
      readConversationForm({ ...body, whatMatters: '', day: '11', needsConfirmed: [], needsAdded: [] }),
      ['loneliness'],
      TODAY,
    )
    assert.equal(parsed.ok, false)
    if (parsed.ok) return
    assert.equal(parsed.errors['whatMatters'], 'Enter what matters to them, in their own words')
    assert.equal(parsed.errors['day'], 'Date of the conversation must be today or in the past')
    assert.match(parsed.errors['needs']!, /Select at least one need/)
  })

  it('refuses made-up needs, impossible dates and an expired form', () => {
    const parsed = parseConversationForm(
      readConversationForm({ ...body, submissionKey: 'x', day: '31', month: '2', needsAdded: 'astrology' }),
      ['loneliness'],
      TODAY,
    )
    assert.equal(parsed.ok, false)
    if (parsed.ok) return
    assert.equal(parsed.errors['needs'], 'Select needs from the list')
    assert.equal(parsed.errors['day'], 'Date of the conversation must be a real date')
    const expired = parseConversationForm(readConversationForm({ ...body, submissionKey: '' }), [], TODAY)
    assert.equal(expired.ok, false)
  })

  it('refuses text over the limit', () => {
    const parsed = parseConversationForm(
      readConversationForm({ ...body, interests: 'x'.repeat(2001) }),
      ['loneliness'],
      TODAY,
    )
    assert.equal(parsed.ok, false)
    if (parsed.ok) return
    assert.equal(parsed.errors['interests'], 'Interests must be 2000 characters or fewer')
  })
})

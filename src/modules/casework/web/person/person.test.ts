// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { ReferralSummary } from '../../../referrals/index.ts'
import type { Episode } from '../../casework.ts'
import { parseConsentForm } from './consent/consent.form.ts'
import { parseRaiseFlag } from './flags/flags.form.ts'
import { parseMergeForm } from './merge/merge.form.ts'
import { needsFromReferrals, referralLink } from './person.presenter.ts'
import { parseSearch } from './search/search.form.ts'

const TODAY = new Date('2026-11-22T10:00:00Z')
const KEY = '0f8fad5b-d9cb-469f-a165-70867728950e'

describe('person forms', () => {
  it('searches by name, NHS number and date of birth, refusing what cannot match', () => {
    assert.deepEqual(
      parseSearch({ name: 'Margaret T', nhsNumber: '943 476 5919', dobDay: '', dobMonth: '', dobYear: '' }, TODAY),
      {
        ok: true,
        value: { name: 'Margaret T', nhsNumber: '9434765919', dateOfBirth: null },
      },
    )
    const bad = parseSearch({ name: 'M', nhsNumber: '9434765918', dobDay: '30', dobMonth: '2', dobYear: '1950' }, TODAY)
    assert.ok(!bad.ok)
    assert.deepEqual(Object.keys(bad.errors), ['name', 'nhsNumber', 'dateOfBirth'])
  })

  it('raises a flag keyed to the form, so a retry raises one', () => {
    assert.deepEqual(parseRaiseFlag({ submissionKey: KEY, kind: 'lone-working', details: 'Large dog' }), {
      ok: true,
      value: { kind: 'lone-working', details: 'Large dog', sourceKey: `form:${KEY}` },
    })
    const expired = parseRaiseFlag({ submissionKey: '', kind: 'lone-working', details: '' })
    assert.ok(!expired.ok && /expired/.test(expired.errors['kind']!))
  })

  it('records a consent decision only when every question is answered', () => {
    assert.deepEqual(parseConsentForm({ submissionKey: KEY, scope: 'referral', given: 'no', method: 'written' }), {
      ok: true,
      value: { scope: 'referral', given: false, method: 'written', submissionKey: KEY },
    })
    const bad = parseConsentForm({ submissionKey: KEY, scope: 'gossip', given: '', method: 'telepathy' })
    assert.ok(!bad.ok)
    assert.deepEqual(Object.keys(bad.errors), ['scope', 'given', 'method'])
  })

  it('merges the record not kept into the one kept', () => {
    assert.deepEqual(parseMergeForm({ keep: 'b', reason: 'Same' }, 'a', 'b'), {
      ok: true,
      value: { keptPersonId: 'b', mergedPersonId: 'a', reason: 'Same' },
    })
    assert.ok(!parseMergeForm({ keep: 'z', reason: 'Same' }, 'a', 'b').ok)
  })
})

describe('the person page', () => {
  const referral = (changes: Partial<ReferralSummary>): ReferralSummary =>
    ({
      id: 'r1',
      reference: 'WM-AAAA-BBBB',
      status: 'in-progress',
      ownerUserId: 'u1',
      needs: [],
      ...changes,
    }) as ReferralSummary
  const episode = { linkWorkerUserId: 'u1' } as Episode

  it('links a referral to what the viewer may open, and nowhere else', () => {
    const worker = { userId: 'u1', supervisor: false }
    const colleague = { userId: 'u2', supervisor: false }
    const supervisor = { userId: 'u3', supervisor: true }
    assert.equal(referralLink(referral({}), episode, worker), '/caseload/r1')
    assert.equal(referralLink(referral({}), episode, colleague), null)
    assert.equal(referralLink(referral({}), episode, supervisor), '/caseload/r1')
    assert.equal(referralLink(referral({}), undefined, supervisor), '/referrals/r1')
    assert.equal(referralLink(referral({ status: 'completed' }), episode, worker), '/caseload/r1')
    assert.equal(referralLink(referral({ status: 'rejected' }), undefined, worker), '/referrals/r1')
  })

  it('lists the needs of open referrals with where each came from', () => {
    const needs = needsFromReferrals([
      referral({ reference: 'WM-1', needs: ['loneliness', 'debt'] }),
      referral({ reference: 'WM-2', needs: ['loneliness'] }),
      referral({ reference: 'WM-3', needs: ['housing'], status: 'completed' }),
    ])
    assert.deepEqual(
      needs.map((n) => [n.need, n.references]),
      [
        ['loneliness', ['WM-1', 'WM-2']],
        ['debt', ['WM-1']],
      ],
    )
    // After a "what matters" conversation, its needs replace the referral's.
    const confirmed = needsFromReferrals(
      [referral({ id: 'r9', reference: 'WM-9', needs: ['debt'] })],
      new Map([['r9', ['housing' as const]]]),
    )
    assert.deepEqual(
      confirmed.map((n) => n.need),
      ['housing'],
    )
  })
})

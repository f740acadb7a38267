// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { endFlagProblems, flagKindsOf, flagsFromReferralRisks, newFlagProblems, sortFlags } from './flags.ts'

const NO_RISKS = {
  loneWorking: false,
  loneWorkingDetails: '',
  safeguardingRaisedElsewhere: false,
  safeguardingDetails: '',
}

describe('flags from a referral', () => {
  it('raises one flag per stated risk, keyed to the referral so it is raised once', () => {
    assert.deepEqual(flagsFromReferralRisks('r1', NO_RISKS), [])
    assert.deepEqual(
      flagsFromReferralRisks('r1', {
        loneWorking: true,
        loneWorkingDetails: '  Large dog ',
        safeguardingRaisedElsewhere: true,
        safeguardingDetails: '',
      }),
      [
        { kind: 'safeguarding', details: '', sourceKey: 'referral:r1:safeguarding' },
        { kind: 'lone-working', details: 'Large dog', sourceKey: 'referral:r1:lone-working' },
      ],
    )
  })
})

describe('flag rules', () => {
  it('needs a kind, and words for an other risk', () => {
    assert.deepEqual(newFlagProblems('safeguarding', ''), {})
    assert.deepEqual(newFlagProblems('dog', 'x'), { kind: 'Select the kind of flag' })
    assert.deepEqual(newFlagProblems('other-risk', ''), { details: 'Describe the risk' })
    assert.match(newFlagProblems('lone-working', 'x'.repeat(1001))['details']!, /1000 characters/)
  })

  it('needs a reason to end a flag', () => {
    assert.deepEqual(endFlagProblems(''), { reason: 'Enter why the flag no longer applies' })
    assert.deepEqual(endFlagProblems('Moved house'), {})
  })

  it('orders the most serious first, then the oldest', () => {
    const at = (d: string) => new Date(`2026-0${d}T00:00:00Z`)
    const flags = [
      { kind: 'other-risk' as const, raisedAt: at('1-01') },
      { kind: 'lone-working' as const, raisedAt: at('3-01') },
      { kind: 'safeguarding' as const, raisedAt: at('2-01') },
      { kind: 'lone-working' as const, raisedAt: at('1-01') },
    ]
    assert.deepEqual(
      sortFlags(flags).map((f) => `${f.kind}@${f.raisedAt.getUTCMonth() + 1}`),
      ['safeguarding@2', 'lone-working@1', 'lone-working@3', 'other-risk@1'],
    )
    assert.deepEqual(flagKindsOf(flags), ['safeguarding', 'lone-working', 'other-risk'])
  })
})

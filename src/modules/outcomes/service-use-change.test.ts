// SPDX-License-Identifier: AGPL-3.0-or-later
// Service use before and after, worked by hand: three people, one with a twelve-month "before" span (scaled to
// six months), and unknown counts left out of that count only.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { summariseServiceUseChange, type ServiceUsePair } from './service-use-change.ts'

const pairs: ServiceUsePair[] = [
  {
    before: { gpAppointments: 9, aeAttendances: 2, emergencyCalls: null, admissions: 1, months: 6 },
    after: { gpAppointments: 4, aeAttendances: 0, emergencyCalls: null, admissions: 0, months: 6 },
  },
  {
    before: { gpAppointments: 6, aeAttendances: 0, emergencyCalls: 1, admissions: 0, months: 12 },
    after: { gpAppointments: 2, aeAttendances: 1, emergencyCalls: 0, admissions: 0, months: 6 },
  },
  {
    before: { gpAppointments: 5, aeAttendances: 1, emergencyCalls: null, admissions: null, months: 6 },
    after: { gpAppointments: 5, aeAttendances: null, emergencyCalls: null, admissions: null, months: 6 },
  },
]

const near = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) < 0.001, `${actual} ≠ ${expected}`)

describe('health service use before and after', () => {
  const byCount = new Map(summariseServiceUseChange(pairs).map((s) => [s.count, s]))

  it('scales each side to six months and pairs only known counts', () => {
    // GP: 9→4, 6 in 12 months = 3→2, 5→5. Changes −5, −1, 0.
    const gp = byCount.get('gpAppointments')!
    assert.equal(gp.n, 3)
    near(gp.totalBefore, 17)
    near(gp.totalAfter, 11)
    near(gp.meanBefore, 17 / 3)
    near(gp.meanAfter, 11 / 3)
    near(gp.meanChange, -2)
    // sd = √7, t(2) = 4.303: half-width 4.303 × √7 / √3 = 6.573.
    near(gp.interval![0], -8.573)
    near(gp.interval![1], 4.573)
    // A&E: the third person's "after" is not known. Changes −2 and +1; sd = √4.5, t(1) = 12.706.
    const ae = byCount.get('aeAttendances')!
    assert.equal(ae.n, 2)
    near(ae.meanChange, -0.5)
    near(ae.interval![0], -19.559)
    near(ae.interval![1], 18.559)
  })

  it('gives no interval for one person, and leaves out a count nobody has both figures for', () => {
    const calls = byCount.get('emergencyCalls')!
    assert.equal(calls.n, 1)
    near(calls.meanChange, -0.5)
    assert.equal(calls.interval, null)
    assert.deepEqual(
      summariseServiceUseChange([
        {
          before: { gpAppointments: null, aeAttendances: 1, emergencyCalls: null, admissions: null, months: 6 },
          after: { gpAppointments: 3, aeAttendances: null, emergencyCalls: null, admissions: null, months: 6 },
        },
      ]),
      [],
    )
  })
})
